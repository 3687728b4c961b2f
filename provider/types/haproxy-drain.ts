// Draining HAProxy servers through its runtime API (the admin socket) before the
// configuration that drops them is put in place: a server set to "drain" is sent
// no new connection and keeps the ones it has; once its sessions (and its queue)
// are at 0, the instance behind it can stop without a request in flight. The
// wait is bounded; what HAProxy does not know (a server added since, a process
// not running) is nothing to drain.

import { setTimeout as delay } from "node:timers/promises";
import type { HostDriver } from "../../contract/host-driver.js";

export interface HaproxyServerRef {
  backend: string;
  server: string;
}

const POLL_MS = 100;
const ANSWER_TIMEOUT_MS = 2000;

/** `show stat` CSV → "backend/server" → sessions plus queued requests, for servers only. */
export function busyServers(csv: string): Map<string, number> {
  const lines = csv.split("\n").filter((l) => l.trim() !== "");
  const out = new Map<string, number>();
  const header = lines[0]?.replace(/^#\s*/, "").split(",") ?? [];
  const col = (name: string) => header.indexOf(name);
  const [px, sv, scur, qcur] = [col("pxname"), col("svname"), col("scur"), col("qcur")];
  if (px < 0 || sv < 0 || scur < 0) return out;
  for (const line of lines.slice(1)) {
    const f = line.split(",");
    if (f[sv] === "FRONTEND" || f[sv] === "BACKEND") continue;
    out.set(`${f[px]}/${f[sv]}`, Number(f[scur] || 0) + (qcur >= 0 ? Number(f[qcur] || 0) : 0));
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
    const stats = busyServers(csv);
    busy = names.filter((n) => (stats.get(n) ?? 0) > 0);
    if (!busy.length) return `drained ${names.join(", ")} in ${Date.now() - started} ms`;
    await delay(POLL_MS, undefined, { signal });
  }
  return `drain of ${busy.join(", ")} timed out after ${timeoutMs} ms with sessions still open; going on`;
}
