// HAProxy service generator: the command line that runs HAProxy for a node with
// the haproxy role. Its configuration, haproxy.cfg, is rendered from the apps'
// tasks by the haproxy_config resource type (provider/formats/haproxy-cfg.ts).
//
// Running it: `haproxy -W -db -f /etc/haproxy/haproxy.cfg` is master-worker mode in
// the foreground (no `daemon` in global: gantry starts the process and watches it).
// To apply a new configuration, check it with `haproxy -c -f <cfg>` and send SIGUSR2
// to the master process: it re-executes itself with the new file, starts new
// workers, and the old workers finish their connections (a seamless reload;
// Debian's systemd unit does the same with -Ws and `kill -USR2 $MAINPID`). A config
// that fails the check is never signalled: the running workers keep the old one.
// The configuration's admin socket (`stats socket … expose-fd listeners`) hands
// the listening sockets to the new worker, so a reload refuses no connection;
// servers it drops are drained through that socket first (haproxy_config), and
// an app instance drains itself there before it stops or restarts (service `drain`).

import {
  HAPROXY_CFG,
  HAPROXY_STATS_PORT,
  haproxyListenPorts,
  type HaproxyInput,
} from "../../provider/formats/haproxy-cfg.js";
import type { DaemonCommand, Exec } from "./generated-service.js";

export const HAPROXY_BINARY = "/usr/sbin/haproxy";

/** `haproxy -c -f <cfg>`: exits 0 when the file is valid. */
export function haproxyCheckCommand(cfgPath: string = HAPROXY_CFG): Exec {
  return { command: HAPROXY_BINARY, args: ["-c", "-f", cfgPath] };
}

/** Master-worker mode in the foreground (-W -db); reload = SIGUSR2 to the master (see the top of this file). */
export function haproxyCommand(opts: { cfgPath?: string; input?: HaproxyInput } = {}): DaemonCommand {
  const cfg = opts.cfgPath ?? HAPROXY_CFG;
  const statsPort = opts.input?.statsPort ?? HAPROXY_STATS_PORT;
  return {
    name: "haproxy",
    command: HAPROXY_BINARY,
    args: ["-W", "-db", "-f", cfg],
    ports: opts.input ? haproxyListenPorts(opts.input) : [statsPort],
    health_check: { type: "http", port: statsPort, path: "/_haproxy_health_check" },
    reload: `${HAPROXY_BINARY} -c -f ${cfg} && kill -USR2 <master pid>`,
  };
}
