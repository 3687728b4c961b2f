// What the kernel says about a process (/proc/<pid>/stat): its state, its
// process group and its start time, which tells a reused pid from ours.

import * as fsp from "node:fs/promises";

export interface ProcStat {
  state: string;
  pgrp: number;
  /** Field 22: start time in clock ticks after boot. */
  startTicks: number;
}

/** Parses /proc/<pid>/stat; null when the process does not exist. */
export async function procStat(pid: number): Promise<ProcStat | null> {
  let text: string;
  try {
    text = await fsp.readFile(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid pgrp ..." — comm may contain spaces and parentheses.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // rest[0] is field 3 (state), so field N is rest[N - 3].
  return { state: rest[0] ?? "?", pgrp: Number(rest[5 - 3]), startTicks: Number(rest[22 - 3]) };
}

/** Gone, or a zombie waiting to be reaped. */
export function isDead(stat: ProcStat | null): boolean {
  return stat === null || stat.state === "Z" || stat.state === "X" || stat.state === "x";
}

/** Live (non-zombie) processes in process group `pgid` started no earlier than `minTicks`. */
export async function liveGroupMembers(pgid: number, minTicks: number): Promise<number[]> {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = await fsp.readdir("/proc");
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const st = await procStat(Number(e));
    if (st && st.pgrp === pgid && !isDead(st) && st.startTicks >= minTicks) out.push(Number(e));
  }
  return out;
}
