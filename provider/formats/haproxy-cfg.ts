// haproxy.cfg for Marathon apps, in the manner of
// marathon-lb (mesosphere/marathon-lb v1.0.0 … v1.15.0) or of the older
// haproxy-marathon-bridge (mesosphere/marathon bin/haproxy-marathon-bridge).
//
// marathon-lb style, per app service port:
//   frontend <name>            name = appId.lstrip('/').replace('/', '_') + '_' + servicePort
//     bind <bind>:<servicePort>   (Python's str.replace replaces every '/')
//     mode http|tcp
//     use_backend <name>
//   backend <name>
//     balance roundrobin
//     mode http|tcp
//     [http: option forwardfor, X-Forwarded-Port/Proto headers, option httpchk GET <path>]
//     server <host>_<port> <host>:<port> check …   (chars outside [a-zA-Z0-9-] → '_')
// and apps with a vhost are also routed from the shared `frontend marathon_http_in`
// on :80 by Host header (acl host_<vhost>), as marathon-lb does.
//
// bridge style, per app service port:
//   listen <app>-<servicePort>   (app = id segments joined by '_')
//     bind 0.0.0.0:<servicePort>, mode tcp, option tcplog, balance leastconn
//     server <app>-<N> <host>:<port> check   (N counts down from the task count)
//
// Output is deterministic: apps sorted by service port, tasks by host then port,
// duplicates dropped, so the text changes only when the inputs do.
//
// In provider/formats, not blueprints/services: the haproxy_config type renders it from live tasks at apply time.

import { checkPort } from "./tcp-port.js";

export const HAPROXY_CFG = "/etc/haproxy/haproxy.cfg";
/** Debian's path of the admin socket (its packaged haproxy.cfg has the same `stats socket` line). */
export const HAPROXY_ADMIN_SOCKET = "/run/haproxy/admin.sock";
export const HAPROXY_STATS_PORT = 9090;
export const HAPROXY_VHOST_PORT = 80;

export interface HaproxyTask {
  host: string;
  port: number;
}

export interface HaproxyApp {
  /** Marathon app id, e.g. "/prod/web". */
  id: string;
  servicePort: number;
  mode: "http" | "tcp";
  tasks: HaproxyTask[];
  /** http only: health check path for `option httpchk GET <path>`. */
  healthCheckPath?: string;
  /** http only: host name routed from :80 (marathon-lb HAPROXY_0_VHOST). */
  vhost?: string;
}

export interface HaproxyInput {
  apps: HaproxyApp[];
  /** Address the app frontends bind (marathon-lb "*", bridge "0.0.0.0"). */
  bindAddress?: string;
  statsPort?: number;
  /** Address of the stats listener (marathon-lb 0.0.0.0, bridge 127.0.0.1). */
  statsBindAddress?: string;
  /** "user:password" for the stats page (none by default). */
  statsAuth?: string;
  style?: "marathon-lb" | "bridge";
  /**
   * Where HAProxy logs: "syslog" (the style's syslog target, default) or "stdout" (for a process
   * whose output gantry keeps, or hosts without /dev/log).
   */
  log?: "syslog" | "stdout";
  /**
   * Path of the admin socket (the runtime API, `level admin`) that also hands the listening sockets to the next
   * process on a reload (`expose-fd listeners`): a reload drops no connection waiting to be accepted. Written as
   * given; `${HOST_ROOT}` in it is expanded by HAProxy from the environment.
   */
  adminSocket?: string;
}

/** marathon-lb's backend (and frontend) name: appId.lstrip('/').replace('/', '_') + '_' + servicePort. */
export function marathonLbBackendName(appId: string, servicePort: number): string {
  return `${appId.replace(/^\/+/, "").replaceAll("/", "_")}_${servicePort}`;
}

/** haproxy-marathon-bridge's app name: id segments joined by '_', whitespace → '_'. */
export function bridgeAppName(appId: string): string {
  return appId
    .split("/")
    .filter((s) => s !== "")
    .join("_")
    .replace(/\s/g, "_");
}

/** marathon-lb v1.0.0 server name: host + '_' + port, chars outside [a-zA-Z0-9-] → '_'. */
export function marathonLbServerName(host: string, port: number): string {
  return `${host}_${port}`.replace(/[^a-zA-Z0-9-]/g, "_");
}

const APP_ID = /^(\/?(([a-z0-9]|[a-z0-9][a-z0-9\-.]*[a-z0-9])(\/|$)))+$/;
const HOST = /^[A-Za-z0-9.-]+$/;
const PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/;

function compareTasks(a: HaproxyTask, b: HaproxyTask): number {
  return a.host < b.host ? -1 : a.host > b.host ? 1 : a.port - b.port;
}

interface Prepared extends HaproxyApp {
  name: string;
  tasks: HaproxyTask[];
}

function prepare(input: HaproxyInput): Prepared[] {
  const style = input.style ?? "marathon-lb";
  const statsPort = checkPort("haproxy: statsPort", input.statsPort ?? HAPROXY_STATS_PORT);
  const ports = new Map<number, string>([[statsPort, "the stats listener"]]);
  const anyVhost = input.apps.some((a) => a.vhost !== undefined);
  if (style === "marathon-lb" && anyVhost) {
    if (ports.has(HAPROXY_VHOST_PORT))
      throw new Error(`haproxy: stats port ${HAPROXY_VHOST_PORT} is taken by the vhost frontend`);
    ports.set(HAPROXY_VHOST_PORT, "the vhost frontend marathon_http_in");
  }
  const names = new Map<string, string>();
  const out: Prepared[] = [];
  for (const app of input.apps) {
    if (typeof app.id !== "string" || !APP_ID.test(app.id))
      throw new Error(
        `haproxy: app id ${JSON.stringify(app.id)} is not a Marathon app id (lower-case path such as /prod/web)`,
      );
    checkPort(`haproxy: ${app.id} servicePort`, app.servicePort);
    const clash = ports.get(app.servicePort);
    if (clash !== undefined)
      throw new Error(`haproxy: service port ${app.servicePort} of ${app.id} is already used by ${clash}`);
    ports.set(app.servicePort, app.id);
    if (app.mode !== "http" && app.mode !== "tcp")
      throw new Error(`haproxy: ${app.id} mode must be "http" or "tcp" (got ${JSON.stringify(app.mode)})`);
    if (app.healthCheckPath !== undefined && (app.mode !== "http" || !PATH.test(app.healthCheckPath))) {
      throw new Error(
        `haproxy: ${app.id} healthCheckPath needs mode http and a path starting with "/" without spaces ` +
          `(got ${JSON.stringify(app.healthCheckPath)})`,
      );
    }
    if (app.vhost !== undefined && (app.mode !== "http" || !/^[A-Za-z0-9.-]+$/.test(app.vhost))) {
      throw new Error(`haproxy: ${app.id} vhost needs mode http and a host name (got ${JSON.stringify(app.vhost)})`);
    }
    if (style === "bridge" && app.vhost !== undefined)
      throw new Error(`haproxy: the bridge style has no vhost routing (${app.id})`);
    const name =
      style === "bridge"
        ? `${bridgeAppName(app.id)}-${app.servicePort}`
        : marathonLbBackendName(app.id, app.servicePort);
    const other = names.get(name);
    if (other !== undefined) throw new Error(`haproxy: ${app.id} and ${other} both map to the name ${name}`);
    names.set(name, app.id);
    const seen = new Set<string>();
    const tasks: HaproxyTask[] = [];
    for (const t of app.tasks) {
      if (typeof t.host !== "string" || !HOST.test(t.host))
        throw new Error(`haproxy: ${app.id} task host ${JSON.stringify(t.host)} is not a host name or IPv4 address`);
      checkPort(`haproxy: ${app.id} task port`, t.port);
      const key = `${t.host}:${t.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tasks.push({ host: t.host, port: t.port });
    }
    tasks.sort(compareTasks);
    out.push({ ...app, name, tasks });
  }
  return out.sort((a, b) => a.servicePort - b.servicePort);
}

function section(header: string, directives: string[]): string {
  return [header, ...directives.map((d) => `  ${d}`)].join("\n");
}

function marathonLb(input: HaproxyInput, apps: Prepared[]): string[] {
  const bind = input.bindAddress ?? "*";
  const sections: string[] = [
    section("global", [
      ...logLines(input, "/dev/log"),
      "maxconn 4096",
      "tune.ssl.default-dh-param 2048",
      ...adminSocketLines(input),
    ]),
    section("defaults", [
      "log global",
      "retries 3",
      "maxconn 2000",
      "timeout connect 5s",
      "timeout client 50s",
      "timeout server 50s",
      // every retry goes to another server: a request sent to an instance that just stopped or died is retried on a
      // live one (marathon-lb's "option redispatch" redispatches only on the last retry)
      "option redispatch 1",
      // A task host that does not resolve must not stop HAProxy from starting: that server
      // starts in maintenance instead (marathon-lb resolves hosts itself; we take names as given).
      // Health checks every second: an instance that died is out of rotation within two failed checks, and back
      // after two good ones.
      "default-server init-addr libc,none inter 1s fall 2 rise 2",
    ]),
    statsSection(input, "0.0.0.0"),
  ];
  const vhosts = apps
    .filter((a) => a.vhost !== undefined)
    .sort((a, b) => (a.vhost! < b.vhost! ? -1 : a.vhost! > b.vhost! ? 1 : a.servicePort - b.servicePort));
  if (vhosts.length) {
    const lines = [`bind ${bind}:${HAPROXY_VHOST_PORT}`, "mode http"];
    for (const a of vhosts) lines.push(`acl host_${a.vhost!.replace(/[^a-zA-Z0-9-]/g, "_")} hdr(host) -i ${a.vhost}`);
    for (const a of vhosts) lines.push(`use_backend ${a.name} if host_${a.vhost!.replace(/[^a-zA-Z0-9-]/g, "_")}`);
    sections.push(section("frontend marathon_http_in", lines));
  }
  for (const a of apps) {
    const front = [`bind ${bind}:${a.servicePort}`, `mode ${a.mode}`];
    // on a reload the old process answers the next request of each idle keep-alive connection (with
    // "Connection: close") instead of closing it under a client that may be sending on it
    if (a.mode === "http") front.push("option idle-close-on-response");
    sections.push(section(`frontend ${a.name}`, [...front, `use_backend ${a.name}`]));
    const lines = ["balance roundrobin", `mode ${a.mode}`];
    if (a.mode === "http") {
      lines.push(
        "option forwardfor",
        "http-request set-header X-Forwarded-Port %[dst_port]",
        "http-request add-header X-Forwarded-Proto https if { ssl_fc }",
        // a GET or HEAD whose instance closed the connection without answering (it was stopped or died) or answered
        // 503 is sent again, to another instance; other methods are retried only when the connection failed
        "retry-on conn-failure empty-response junk-response 503",
        "http-request disable-l7-retry if !METH_GET",
      );
      if (a.healthCheckPath !== undefined) lines.push(`option httpchk GET ${a.healthCheckPath}`, "timeout check 20s");
    }
    for (const t of a.tasks) lines.push(`server ${marathonLbServerName(t.host, t.port)} ${t.host}:${t.port} check`);
    sections.push(section(`backend ${a.name}`, lines));
  }
  return sections;
}

function adminSocketLines(input: HaproxyInput): string[] {
  if (input.adminSocket === undefined) return [];
  if (!/^[^\s"]+$/.test(input.adminSocket))
    throw new Error(
      `haproxy: adminSocket must be a path without spaces or quotes (got ${JSON.stringify(input.adminSocket)})`,
    );
  return [`stats socket "${input.adminSocket}" mode 600 level admin expose-fd listeners`, "stats timeout 30s"];
}

/** Every server line of a marathon-lb style configuration: backend and server name (what the runtime API names). */
export function haproxyServers(input: HaproxyInput): { backend: string; server: string }[] {
  if ((input.style ?? "marathon-lb") !== "marathon-lb") return [];
  return prepare(input).flatMap((a) =>
    a.tasks.map((t) => ({ backend: a.name, server: marathonLbServerName(t.host, t.port) })),
  );
}

function logLines(input: HaproxyInput, syslog: string): string[] {
  if (input.log === "stdout") return ["log stdout format raw local0"];
  if (input.log !== undefined && input.log !== "syslog")
    throw new Error(`haproxy: log must be "syslog" or "stdout" (got ${JSON.stringify(input.log)})`);
  return [`log ${syslog} local0`, `log ${syslog} local1 notice`];
}

function statsSection(input: HaproxyInput, defaultAddress: string): string {
  const port = input.statsPort ?? HAPROXY_STATS_PORT;
  const lines = [
    `bind ${input.statsBindAddress ?? defaultAddress}:${port}`,
    "mode http",
    "stats enable",
    "stats uri /haproxy?stats",
    "monitor-uri /_haproxy_health_check",
  ];
  if (input.statsAuth !== undefined) {
    if (!/^[^\s:]+:\S+$/.test(input.statsAuth))
      throw new Error(`haproxy: statsAuth must be "user:password" without spaces`);
    lines.push(`stats auth ${input.statsAuth}`);
  }
  return section("listen stats", lines);
}

function bridge(input: HaproxyInput, apps: Prepared[]): string[] {
  const bind = input.bindAddress ?? "0.0.0.0";
  const sections = [
    section("global", [...logLines(input, "127.0.0.1"), "maxconn 4096", ...adminSocketLines(input)]),
    section("defaults", [
      "log global",
      "retries 3",
      "maxconn 2000",
      "timeout connect 5000",
      "timeout client 50000",
      "timeout server 50000",
      "default-server init-addr libc,none",
    ]),
    statsSection(input, "127.0.0.1"),
  ];
  for (const a of apps) {
    const app = bridgeAppName(a.id);
    const lines = [`bind ${bind}:${a.servicePort}`, "mode tcp", "option tcplog", "balance leastconn"];
    a.tasks.forEach((t, i) => lines.push(`server ${app}-${a.tasks.length - i} ${t.host}:${t.port} check`));
    sections.push(section(`listen ${a.name}`, lines));
  }
  return sections;
}

/** The complete haproxy.cfg text. Throws on clashing service ports or names and malformed input. */
export function haproxyConfig(input: HaproxyInput): string {
  const style = input.style ?? "marathon-lb";
  if (style !== "marathon-lb" && style !== "bridge")
    throw new Error(`haproxy: style must be "marathon-lb" or "bridge" (got ${JSON.stringify(style)})`);
  const apps = prepare(input);
  const header = `# Generated by gantry (${style} style); do not edit: regenerated from the Marathon apps.`;
  const sections = style === "bridge" ? bridge(input, apps) : marathonLb(input, apps);
  return `${[header, ...sections].join("\n\n")}\n`;
}

/** Every port a haproxy.cfg from `input` listens on: stats, the vhost frontend (marathon-lb), the service ports. */
export function haproxyListenPorts(input: HaproxyInput): number[] {
  const apps = prepare(input);
  const vhost = (input.style ?? "marathon-lb") === "marathon-lb" && apps.some((a) => a.vhost !== undefined);
  const statsPort = input.statsPort ?? HAPROXY_STATS_PORT;
  return [statsPort, ...(vhost ? [HAPROXY_VHOST_PORT] : []), ...apps.map((a) => a.servicePort)].sort((a, b) => a - b);
}
