// haproxy_config: HAProxy's configuration generated from apps and their
// tasks (in the manner of marathon-lb / haproxy-marathon-bridge). Every new
// text is checked with `haproxy -c` on the host before it replaces the
// running one; the text only changes when the apps or their tasks do, so a
// service that reloads on its sha256 reloads only then.

import { containsUnknown, UNKNOWN, type Attrs, type Value } from "../../contract/values.js";
import type { HostDriver } from "../../contract/host-driver.js";
import type { OperationContext, ResourceType } from "../../contract/resource-type.js";
import {
  HAPROXY_CFG,
  haproxyConfig,
  haproxyServers,
  type HaproxyApp,
  type HaproxyInput,
} from "../formats/haproxy-cfg.js";
import { optString, reqString } from "./attrs.js";
import { sha256 } from "./file.js";
import { forgetWhatWasThere, recordWhatWasThere, restoreWhatWasThere } from "./file-takeover.js";
import { drainServers, type HaproxyServerRef } from "./haproxy-drain.js";
import { hostBound, hostDriverOf } from "./host-bound.js";

function input(attrs: Attrs): HaproxyInput {
  const apps = (Array.isArray(attrs.apps) ? attrs.apps : []) as { [k: string]: Value }[];
  return {
    apps: apps.map(
      (a): HaproxyApp => ({
        id: String(a.id),
        servicePort: Number(a.service_port),
        mode: a.mode === "tcp" ? "tcp" : "http",
        // tasks as Marathon reports them ({ host, ports: [...] }) or as { host, port }
        tasks: (Array.isArray(a.tasks) ? a.tasks : []).map((t) => {
          const o = t as { [k: string]: Value };
          const port =
            typeof o.port === "number"
              ? o.port
              : Array.isArray(o.ports)
                ? Number(o.ports[typeof a.port_index === "number" ? a.port_index : 0])
                : NaN;
          return { host: String(o.host), port };
        }),
        ...(typeof a.health_check_path === "string" ? { healthCheckPath: a.health_check_path } : {}),
        ...(typeof a.vhost === "string" ? { vhost: a.vhost } : {}),
      }),
    ),
    ...(typeof attrs.bind_address === "string" ? { bindAddress: attrs.bind_address } : {}),
    ...(typeof attrs.stats_port === "number" ? { statsPort: attrs.stats_port } : {}),
    ...(typeof attrs.stats_bind_address === "string" ? { statsBindAddress: attrs.stats_bind_address } : {}),
    style: attrs.style === "bridge" ? "bridge" : "marathon-lb",
    ...(attrs.log === "stdout" || attrs.log === "syslog" ? { log: attrs.log } : {}),
    ...(typeof attrs.admin_socket === "string" ? { adminSocket: `\${HOST_ROOT}${attrs.admin_socket}` } : {}),
  };
}

/** The servers the prior configuration routes to that the planned one does not: drained before it is put in place. */
function droppedServers(prior: Attrs, planned: Attrs): HaproxyServerRef[] {
  let before: HaproxyServerRef[];
  try {
    before = haproxyServers(input(prior));
  } catch {
    return [];
  }
  const after = new Set(haproxyServers(input(planned)).map((s) => `${s.backend}/${s.server}`));
  return before.filter((s) => !after.has(`${s.backend}/${s.server}`));
}

export const haproxyConfigType: ResourceType = hostBound({
  name: "gantry_haproxy_config",
  description:
    "HAProxy's configuration generated from apps and their tasks, checked with `haproxy -c` on the host before it is " +
    "put in place.",
  schema: {
    path: { kind: "string", description: "Host path of haproxy.cfg.", default: HAPROXY_CFG, forceNew: true },
    apps: {
      kind: "list",
      description:
        "[{ id, service_port, mode: http|tcp, tasks: [{ host, port }] or Marathon's [{ host, ports }] with " +
        "port_index, health_check_path, vhost }] — one frontend/backend per app service port.",
      required: true,
    },
    bind_address: { kind: "string", description: "Address the app frontends bind (default: every address)." },
    stats_port: { kind: "number", description: "Port of the stats listener.", default: 9090 },
    stats_bind_address: { kind: "string", description: "Address of the stats listener." },
    style: {
      kind: "string",
      description: '"marathon-lb" (frontend/backend pairs) or "bridge" (haproxy-marathon-bridge listen blocks).',
      default: "marathon-lb",
    },
    log: {
      kind: "string",
      description:
        '"syslog" (/dev/log, as packaged) or "stdout" (for a process gantry runs and whose output it keeps).',
      default: "syslog",
    },
    admin_socket: {
      kind: "string",
      description:
        "Host path of HAProxy's admin socket (e.g. /run/haproxy/admin.sock): the runtime API, through which servers " +
        "that a new configuration drops are drained before it is put in place, and which hands the listening " +
        "sockets to the new process on a reload (`expose-fd listeners`). None by default.",
    },
    drain_timeout_ms: {
      kind: "number",
      description:
        "How long to wait for the sessions of servers being dropped to end (with admin_socket) before going on.",
      default: 30000,
    },
    check_command: {
      kind: "string",
      description: "How the candidate file is checked on the host; {} is replaced by its path.",
      default: "haproxy -c -q -f {}",
    },
    content: { kind: "string", description: "The generated configuration.", computed: true },
    sha256: {
      kind: "string",
      description: "SHA-256 of the content (reload trigger for the haproxy service).",
      computed: true,
    },
  },

  validate(config) {
    const errs: { attribute: string; message: string }[] = [];
    if (!containsUnknown(config.apps)) {
      try {
        haproxyConfig(input(config));
      } catch (e) {
        errs.push({ attribute: "apps", message: (e as Error).message });
      }
    }
    return errs;
  },

  planChange(_prior, config) {
    if (containsUnknown(config.apps) || containsUnknown(config.bind_address))
      return { planned: { ...config, content: UNKNOWN, sha256: UNKNOWN } };
    const content = haproxyConfig(input(config));
    return { planned: { ...config, content, sha256: sha256(content) } };
  },

  async create(ctx, planned) {
    // on a real machine: the package's own haproxy.cfg is kept aside, and what the admin socket's path needs noted
    const driver = hostDriverOf(ctx, planned);
    await recordWhatWasThere(driver, reqString(planned, "path"));
    const socket = optString(planned, "admin_socket");
    if (socket !== undefined) await recordWhatWasThere(driver, socket);
    return await install(ctx, planned);
  },

  async read(ctx, prior) {
    const driver = hostDriverOf(ctx, prior);
    const content = await driver.readFile(reqString(prior, "path"));
    if (content === null) return null;
    return { ...prior, content, sha256: sha256(content) };
  },

  // a new admin socket path is recorded like the first one; the old one is HAProxy's no longer once the new
  // configuration is in place (see movedSocket)
  async update(ctx, prior, planned) {
    const driver = hostDriverOf(ctx, planned);
    const before = optString(prior, "admin_socket");
    const after = optString(planned, "admin_socket");
    if (after !== undefined && after !== before) await recordWhatWasThere(driver, after);
    const installed = await install(ctx, planned, prior);
    if (before !== undefined && before !== after) await movedSocket(ctx, driver, before, after);
    return installed;
  },

  // HAProxy is stopped by now (its service depends on this): the package's haproxy.cfg is put back, and the admin
  // socket file a stopped HAProxy leaves behind goes, with the directory made for it
  async delete(ctx, prior) {
    const driver = hostDriverOf(ctx, prior);
    const path = reqString(prior, "path");
    if (!(await restoreWhatWasThere(driver, path))) await driver.removeFile(path);
    const socket = optString(prior, "admin_socket");
    if (socket !== undefined) await restoreWhatWasThere(driver, socket);
  },
});

/**
 * The admin socket moved from `before`: the old socket file goes with the directories made for it (those above the
 * new path stay) and its record. While something still answers on it (HAProxy has not reloaded the new configuration
 * yet, and its reload may take the listening sockets over through it) the file stays where it is and only its record
 * goes.
 */
async function movedSocket(ctx: OperationContext, driver: HostDriver, before: string, after: string | undefined) {
  // a socket that cannot be asked (no socat for a sudo login) counts as answering: its file stays
  const answer = driver.exchangeUnixSocket
    ? await driver.exchangeUnixSocket(before, "show info\n").catch(() => "")
    : null;
  if (answer === null) {
    await restoreWhatWasThere(driver, before, after);
    return;
  }
  await forgetWhatWasThere(driver, before);
  ctx.log(`HAProxy still answers on its old admin socket ${before} on ${driver.describe}: left in place`);
}

async function install(ctx: OperationContext, planned: Attrs, prior?: Attrs): Promise<Attrs> {
  const driver = hostDriverOf(ctx, planned);
  const path = reqString(planned, "path");
  const content = haproxyConfig(input(planned));
  const candidate = `${path}.gantry-check`;
  const socket = optString(planned, "admin_socket");
  if (socket !== undefined) {
    const dir = socket.slice(0, socket.lastIndexOf("/"));
    if (dir) await driver.run(`mkdir -p "$HOST_ROOT${dir}"`, { timeoutMs: 30_000, signal: ctx.signal });
  }
  await driver.writeFile(candidate, content, 0o644);
  try {
    const check = (optString(planned, "check_command") ?? "haproxy -c -q -f {}").replaceAll(
      "{}",
      `"$HOST_ROOT${candidate}"`,
    );
    const r = await driver.run(check, { timeoutMs: 30_000, signal: ctx.signal });
    if (r.exitCode !== 0)
      throw new Error(
        `the generated HAProxy configuration failed its check on ${driver.describe} (${check} exited ${r.exitCode}); ` +
          `the running configuration was left as it was:\n${(r.stderr || r.stdout).trim().slice(-2000)}`,
      );
    ctx.log(`checked ${path} with haproxy -c on ${driver.describe}`);
    // servers this configuration drops take no new request and finish the ones they have before it is put in
    // place: their instances are destroyed after this (a delete waits for what depended on it), with nothing in flight
    const socketOfPrior = prior ? optString(prior, "admin_socket") : undefined;
    const dropped = prior && socketOfPrior !== undefined ? droppedServers(prior, planned) : [];
    if (dropped.length) {
      const timeout = typeof planned.drain_timeout_ms === "number" ? planned.drain_timeout_ms : 30_000;
      ctx.log(await drainServers(driver, socketOfPrior!, dropped, timeout, ctx.signal));
    }
    await driver.writeFile(path, content, 0o644);
  } finally {
    await driver.removeFile(candidate).catch(() => undefined);
  }
  return { ...planned, content, sha256: sha256(content) };
}
