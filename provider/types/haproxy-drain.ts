// Draining HAProxy servers through its runtime API (the admin socket) before the
// configuration that drops them is put in place: a server set to "drain" is sent
// no new connection and keeps the ones it has; once its sessions (and its queue)
// are at 0, the instance behind it can stop without a request in flight. The
// wait is bounded; what HAProxy does not know (a server added since, a process
// not running) is nothing to drain. A service with `drain` (an app instance
// behind HAProxy) does the same for itself before it is stopped or restarted,
// and is made ready again once it is healthy.

import { setTimeout as delay } from "node:timers/promises";
import type { HostDriver } from "../../contract/host-driver.js";
import type { OperationContext } from "../../contract/resource-type.js";
import { isUnknown, type Attrs, type Value } from "../../contract/values.js";
import { hostSpecOf } from "./host-bound.js";

export interface HaproxyServerRef {
  backend: string;
  server: string;
}

const POLL_MS = 100;
const ANSWER_TIMEOUT_MS = 2000;

/** One server's figures in `show stat`: sessions plus queued requests, and its status ("UP", "DOWN 1/2", "DRAIN"…). */
export interface ServerStat {
  busy: number;
  status: string;
}

/** `show stat` CSV → "backend/server" → its figures, for servers only. */
export function serverStats(csv: string): Map<string, ServerStat> {
  const lines = csv.split("\n").filter((l) => l.trim() !== "");
  const out = new Map<string, ServerStat>();
  const header = lines[0]?.replace(/^#\s*/, "").split(",") ?? [];
  const col = (name: string) => header.indexOf(name);
  const [px, sv, scur, qcur, status] = [col("pxname"), col("svname"), col("scur"), col("qcur"), col("status")];
  if (px < 0 || sv < 0 || scur < 0) return out;
  for (const line of lines.slice(1)) {
    const f = line.split(",");
    if (f[sv] === "FRONTEND" || f[sv] === "BACKEND") continue;
    out.set(`${f[px]}/${f[sv]}`, {
      busy: Number(f[scur] || 0) + (qcur >= 0 ? Number(f[qcur] || 0) : 0),
      status: status >= 0 ? (f[status] ?? "") : "",
    });
  }
  return out;
}

/**
 * Sets each server to drain on the running HAProxy (admin socket at `socket`, a host path) and waits, at most
 * `timeoutMs`, until none has a session or a queued request. Returns what happened, for the log.
 */
export async function drainServers(
  driver: HostDriver,
  socket: string,
  servers: HaproxyServerRef[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  if (!servers.length) return "nothing to drain";
  if (!driver.exchangeUnixSocket) return `not drained: ${driver.describe} cannot reach HAProxy's admin socket`;
  const names = servers.map((s) => `${s.backend}/${s.server}`);
  const set = await driver.exchangeUnixSocket(
    socket,
    `${names.map((n) => `set server ${n} state drain`).join("; ")}\n`,
    ANSWER_TIMEOUT_MS,
  );
  if (set === null) return `not drained: HAProxy is not running (nothing answers on ${socket})`;
  const started = Date.now();
  let busy: string[] = names;
  while (Date.now() - started < timeoutMs) {
    const csv = await driver.exchangeUnixSocket(socket, "show stat -1 4 -1\n", ANSWER_TIMEOUT_MS);
    if (csv === null) return `drained ${names.join(", ")} (HAProxy stopped answering)`;
    const stats = serverStats(csv);
    busy = names.filter((n) => (stats.get(n)?.busy ?? 0) > 0);
    if (!busy.length) return `drained ${names.join(", ")} in ${Date.now() - started} ms`;
    await delay(POLL_MS, undefined, { signal });
  }
  return `drain of ${busy.join(", ")} timed out after ${timeoutMs} ms with sessions still open; going on`;
}

/** One entry of a service's `drain`: the HAProxy (its host and admin socket) and the server that is this process. */
interface DrainEntry {
  host: Value;
  socket: string;
  ref: HaproxyServerRef;
  timeoutMs: number;
}

function drainEntries(v: Value | undefined): DrainEntry[] {
  if (!Array.isArray(v)) return [];
  const out: DrainEntry[] = [];
  for (const e of v) {
    if (e === null || typeof e !== "object" || Array.isArray(e) || isUnknown(e)) continue;
    const o = e as { [k: string]: Value };
    if (typeof o.admin_socket !== "string" || typeof o.backend !== "string" || typeof o.server !== "string") continue;
    out.push({
      host: o.host ?? null,
      socket: o.admin_socket,
      ref: { backend: o.backend, server: o.server },
      timeoutMs: typeof o.timeout_ms === "number" ? o.timeout_ms : 30_000,
    });
  }
  return out;
}

/** Before a process stops: each HAProxy server that is this process takes no new request, and its sessions end. */
export async function drainBeforeStop(ctx: OperationContext, attrs: Attrs): Promise<void> {
  for (const e of drainEntries(attrs.drain)) {
    try {
      const lb = ctx.hosts.connect(hostSpecOf(e.host));
      ctx.log(`${String(attrs.name)}: ${await drainServers(lb, e.socket, [e.ref], e.timeoutMs, ctx.signal)}`);
    } catch (err) {
      if (ctx.signal?.aborted) throw err;
      // HAProxy's host not answering is no reason to keep a process running: it is stopped undrained
      ctx.log(`${String(attrs.name)}: not drained from HAProxy: ${(err as Error).message}`);
    }
  }
}

/**
 * After a process restarted and passed its health check: its HAProxy servers take requests again, and this waits
 * (bounded) until HAProxy's own checks see each UP, so that the next instance of a rolling restart is not drained
 * while this one is still out of rotation.
 */
export async function readyAfterStart(ctx: OperationContext, attrs: Attrs): Promise<void> {
  for (const e of drainEntries(attrs.drain)) {
    const server = `${e.ref.backend}/${e.ref.server}`;
    try {
      const lb = ctx.hosts.connect(hostSpecOf(e.host));
      if (!lb.exchangeUnixSocket) continue;
      const answer = await lb.exchangeUnixSocket(e.socket, `set server ${server} state ready\n`, ANSWER_TIMEOUT_MS);
      if (answer === null) continue;
      const started = Date.now();
      let status = "";
      while (Date.now() - started < e.timeoutMs) {
        const csv = await lb.exchangeUnixSocket(e.socket, "show stat -1 4 -1\n", ANSWER_TIMEOUT_MS);
        const st = csv === null ? undefined : serverStats(csv).get(server);
        if (st === undefined) break; // HAProxy stopped answering, or no longer knows the server
        status = st.status;
        if (status === "UP" || status === "no check") break;
        await delay(POLL_MS, undefined, { signal: ctx.signal });
      }
      ctx.log(
        `${String(attrs.name)}: ${server} takes requests again (${status || "gone"} after ${Date.now() - started} ms)`,
      );
    } catch (err) {
      if (ctx.signal?.aborted) throw err;
      ctx.log(`${String(attrs.name)}: ${server} not set ready in HAProxy: ${(err as Error).message}`);
    }
  }
}
