// A second Ctrl-C: stop at once, but keep what is recorded so far and leave
// the state unlocked. The door calls now() synchronously, just before it
// exits; an operation tells it what it holds (the lock, the state writer).

import type { StateWriter } from "../planner/state.js";
import type { StateLease } from "./state-backend.js";

export class ImmediateStop {
  private lease: StateLease | undefined;
  private writer: StateWriter | undefined;
  private readonly stops = new Set<() => void>();

  /** The operation holds this lock (until release). */
  holding(lease: StateLease): void {
    this.lease = lease;
  }

  /** The operation records state through this writer (until release). */
  recording(writer: StateWriter): void {
    this.writer = writer;
  }

  /**
   * Something the operation started that must stop with it (a child process), stopped synchronously by now(); the
   * returned function forgets it (the operation stopped it itself).
   */
  stopping(stop: () => void): () => void {
    this.stops.add(stop);
    return () => this.stops.delete(stop);
  }

  /** The operation let go of its lock and writer. */
  release(): void {
    this.lease = undefined;
    this.writer = undefined;
    this.stops.clear();
  }

  /** Writes what is recorded so far and releases the lock, synchronously; a failed write throws (after the release). */
  now(): void {
    for (const stop of this.stops) {
      try {
        stop();
      } catch {
        // it is gone already
      }
    }
    try {
      this.writer?.writeSync();
    } finally {
      this.lease?.release();
      this.release();
    }
  }
}
