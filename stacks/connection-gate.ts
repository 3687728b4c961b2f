// One database connection shared by async callers. Statements run synchronously (better-sqlite3), so a single call
// never interleaves with another; a transaction that awaits between its statements must keep every other caller
// out until it ends, or their writes would join it (and roll back with it). The gate is that: a FIFO mutex that
// the holder's own async calls pass through (they run inside its transaction).

import { AsyncLocalStorage } from "node:async_hooks";

export class ConnectionGate {
  private readonly context = new AsyncLocalStorage<symbol>();
  private held: symbol | undefined;
  private locked = false;
  private readonly waiters: (() => void)[] = [];

  /** True when the connection is held by a transaction other than the caller's own. */
  heldElsewhere(): boolean {
    return this.locked && !this.inside();
  }

  /** True when a transaction holds the connection (the caller's own or another). */
  get busy(): boolean {
    return this.locked;
  }

  /** How many callers wait for the connection. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** True when the caller runs inside the transaction that holds the gate. */
  inside(): boolean {
    return this.held !== undefined && this.context.getStore() === this.held;
  }

  /**
   * Runs `fn` with the connection to itself: at once when the caller already holds it (its writes join the
   * transaction), unless `join` is false: then it waits for the end of any open transaction, even one the caller's
   * async context comes from (work started inside a transaction, a state writer say, that must commit on its own).
   */
  async exclusive<T>(fn: () => T | Promise<T>, join = true): Promise<T> {
    if (join && this.inside()) return fn();
    await this.acquire();
    const token = Symbol("transaction");
    this.held = token;
    try {
      return await this.context.run(token, fn);
    } finally {
      this.held = undefined;
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    const next = this.waiters.shift();
    // the lock passes straight to the next waiter: nobody can slip in between
    if (next) next();
    else this.locked = false;
  }
}
