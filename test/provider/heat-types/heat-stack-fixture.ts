// A workspace of in-memory `.tf.json` files using Heat's types, run through
// the engine: apply a configuration, read what the state recorded.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Value } from "../../../contract/values.js";
import type { ApplyOutcome } from "../../../engine/apply-operation.js";
import type { Engine } from "../../../engine/engine.js";
import type { EventSink } from "../../../engine/events.js";
import type { Workspace } from "../../../engine/workspace.js";

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export class HeatTypesStack {
  readonly dir = mkdtempSync(join(tmpdir(), "gantry-heat-types-"));
  constructor(
    private readonly engine: Engine,
    /** The Heat stack the workspace is, when it is one. */
    private readonly stackName?: string,
  ) {}

  workspace(resources: Resources, outputs: Record<string, string> = {}): Workspace {
    const doc: Record<string, unknown> = { resource: resources };
    if (Object.keys(outputs).length)
      doc.output = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v }]));
    const files = [{ path: "main.tf.json", content: JSON.stringify(doc) }];
    return this.engine.workspace({ dir: this.dir, files, stackName: this.stackName });
  }

  async apply(
    resources: Resources,
    opts: { signal?: AbortSignal; cancelSignal?: AbortSignal; onEvent?: EventSink } = {},
  ): Promise<ApplyOutcome & { status: "applied" }> {
    const out = await this.engine.apply(this.workspace(resources), opts);
    if (out.status !== "applied") throw new Error("apply was cancelled");
    return out;
  }

  async destroy(
    resources: Resources,
    opts: { signal?: AbortSignal } = {},
  ): Promise<ApplyOutcome & { status: "applied" }> {
    const out = await this.engine.destroy(this.workspace(resources), { signal: opts.signal });
    if (out.status !== "applied") throw new Error("destroy was cancelled");
    return out;
  }

  /** Whether the instance is recorded tainted (a failed create: Heat's CREATE_FAILED resource). */
  tainted(address: string): boolean {
    return this.workspace({}).state.readSync!().instances.get(address)?.status === "tainted";
  }

  /** The recorded attributes of an instance ("heat_value.v"), or undefined. */
  attrs(address: string): Record<string, Value> | undefined {
    return this.workspace({}).state.readSync!().instances.get(address)?.attributes;
  }
}
