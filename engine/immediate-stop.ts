// A second Ctrl-C: stop at once, but keep what is recorded so far and leave
// the state unlocked. The door calls now() synchronously, just before it
// exits; an operation tells it what it holds (the lock, the state writer).

import type { StateWriter } from "../planner/state.js";
import type { StateLease } from "./state-backend.js";

export class ImmediateStop {
  private lease: StateLease | undefined;
  private writer: StateWriter | undefined;

  /** The operation holds this lock (until release). */
  holding(lease: StateLease): void {
    this.lease = lease;
  }

  /** The operation records state through this writer (until release). */
  recording(writer: StateWriter): void {
    this.writer = writer;
  }

  /** The operation let go of its lock and writer. */
  release(): void {
    this.lease = undefined;
    this.writer = undefined;
  }

  /** Writes what is recorded so far and releases the lock, synchronously; a failed write throws (after the release). */
  now(): void {
    try {
      this.writer?.writeSync();
    } finally {
      this.lease?.release();
      this.release();
    }
  }
}
