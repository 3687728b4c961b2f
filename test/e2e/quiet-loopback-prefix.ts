// A loopback prefix for a test's hosts on which nothing listens yet.

import { existsSync, readFileSync } from "node:fs";

/**
 * A 127.0.X prefix (X in 82..99 but 94, in random order) on which nothing listens, so that processes left by an
 * earlier, killed run (or a run beside this one) cannot answer for this one's hosts. Reads the kernel's TCP table.
 */
export function quietLoopbackPrefix(): string {
  const busy = new Set<number>();
  const table = existsSync("/proc/net/tcp") ? readFileSync("/proc/net/tcp", "utf8") : "";
  for (const line of table.split("\n").slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[3] !== "0A") continue; // LISTEN
    // the local address in little-endian hex: "0105007F" is 127.0.5.1
    const hex = cols[1].split(":")[0];
    if (hex.length === 8 && hex.endsWith("007F")) busy.add(Number.parseInt(hex.slice(2, 4), 16));
  }
  // 127.0.94 is the ZooKeeper host-loss test's (test/e2e/zookeeper-host-loss.test.ts)
  const candidates = Array.from({ length: 18 }, (_, i) => 82 + i).filter((x) => !busy.has(x) && x !== 94);
  if (candidates.length === 0) throw new Error("every 127.0.82-99 prefix has listening sockets; stop leftover servers");
  return `127.0.${candidates[Math.floor(Math.random() * candidates.length)]}`;
}
