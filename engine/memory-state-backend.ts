// A workspace's state kept in memory, as text (a program that keeps the state
// elsewhere itself: gantry/pulumi keeps a cluster's state in the Pulumi
// resource's outputs). Nothing is written to disk; the lock is held in memory
// too and serves one process only.

import { randomUUID } from "node:crypto";
import { GantryError } from "../contract/diagnostics.js";
import type { LockInfo } from "../planner/state-lock.js";
import {
  deserializeState,
  newState,
  serializeState,
  StateWriter,
  type State,
  type StateSink,
} from "../planner/state.js";
import { GANTRY_VERSION } from "./gantry-version.js";
import type { StateBackend, StateLease } from "./state-backend.js";

export class MemoryStateBackend implements StateBackend, StateSink {
  private held: LockInfo | undefined;

  /** `text`: the state as serialized before (undefined: none yet). */
  constructor(
    private text: string | undefined = undefined,
    readonly location = "state in memory",
  ) {}

  /** The state as last recorded, serialized (undefined: none recorded yet). */
  serialized(): string | undefined {
    return this.text;
  }

  async read(): Promise<State> {
    return this.readSync();
  }

  readSync(): State {
    return this.text === undefined ? newState(GANTRY_VERSION) : deserializeState(this.text, this.location);
  }

  writer(state: State): StateWriter {
    return new StateWriter(this, state);
  }

  write(state: State): void {
    this.text = serializeState(state);
  }

  async replace(state: State): Promise<void> {
    this.write(state);
  }

  async lock(operation: string, _timeoutMs: number): Promise<StateLease> {
    if (this.held)
      throw new GantryError(`the ${this.location} is locked by another operation (${this.held.Operation})`);
    const info: LockInfo = {
      ID: randomUUID(),
      Operation: operation,
      Who: "gantry",
      Created: new Date().toISOString(),
      Path: this.location,
      PID: process.pid,
    };
    this.held = info;
    return {
      release: () => {
        if (this.held?.ID === info.ID) this.held = undefined;
      },
    };
  }

  async forceUnlock(id: string): Promise<LockInfo | undefined> {
    const cur = this.held;
    if (cur?.ID === id) this.held = undefined;
    return cur;
  }

  async holder(): Promise<LockInfo | undefined> {
    return this.held;
  }
}
