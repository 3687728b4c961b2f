// Turns a process's start time in clock ticks after boot (/proc/<pid>/stat)
// into milliseconds since the epoch: the boot time (/proc/stat btime) plus
// ticks / CLK_TCK. Both are read once, on first use.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

export class ProcessStartClock {
  private ticksPerSecond: number | undefined;
  private bootTimeMs: number | undefined;

  /** Milliseconds since the epoch at which a process started `startTicks` after boot. */
  startedAt(startTicks: number): number {
    return this.bootTime() + Math.round((startTicks * 1000) / this.clockTicks());
  }

  private clockTicks(): number {
    if (this.ticksPerSecond === undefined) {
      try {
        this.ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
      } catch {
        this.ticksPerSecond = 100;
      }
    }
    return this.ticksPerSecond;
  }

  private bootTime(): number {
    if (this.bootTimeMs === undefined) {
      const m = /^btime\s+(\d+)/m.exec(fs.readFileSync("/proc/stat", "utf8"));
      this.bootTimeMs = m ? Number(m[1]) * 1000 : 0;
    }
    return this.bootTimeMs;
  }
}
