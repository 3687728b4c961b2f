// A resource type for the stack service's tests: it can fail, wait until the
// test lets it go on, and vanish from the outside, on demand. `gantry_probe`
// (Heat name Gantry::Probe) keeps `value` in place and is replaced when
// `generation` changes.

import { randomUUID } from "node:crypto";
import { ResourceFailure, type ResourceType } from "../../contract/resource-type.js";
import type { Attrs } from "../../contract/values.js";

interface Gate {
  opened: Promise<void>;
  open: () => void;
  started: Promise<void>;
  start: () => void;
}

export class ProbeControl {
  private readonly gates = new Map<string, Gate>();
  /** Physical ids the outside world removed (read returns null). */
  readonly vanished = new Set<string>();
  readonly deleted: string[] = [];
  /** "suspend a", "resume a" … as the hooks were called. */
  readonly calls: string[] = [];
  /** Physical ids whose own check fails (a ValueError, as Heat's types name errors). */
  readonly broken = new Set<string>();

  private gate(name: string): Gate {
    let g = this.gates.get(name);
    if (!g) {
      let open = () => {};
      let start = () => {};
      const opened = new Promise<void>((r) => (open = r));
      const started = new Promise<void>((r) => (start = r));
      g = { opened, open, started, start };
      this.gates.set(name, g);
    }
    return g;
  }

  /** Resolves when an operation reached the gate. */
  reached(name: string): Promise<void> {
    return this.gate(name).started;
  }

  open(name: string): void {
    this.gate(name).open();
  }

  /** Waits at the gate (when one is named) until it opens or the operation is stopped. */
  async pass(name: unknown, signal: AbortSignal): Promise<void> {
    if (typeof name !== "string" || name === "") return;
    const g = this.gate(name);
    g.start();
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new Error("interrupted"));
      signal.addEventListener("abort", () => reject(new Error("interrupted")), { once: true });
      void g.opened.then(resolve);
    });
  }

  type(): ResourceType {
    const control = this;
    const check = (planned: Attrs) => {
      if (typeof planned.fail === "string" && planned.fail) throw new Error(planned.fail);
    };
    return {
      name: "gantry_probe",
      description: "A test resource that fails, waits or vanishes on demand.",
      schema: {
        value: { kind: "any", description: "Kept; changed in place." },
        generation: { kind: "string", description: "A change replaces the resource.", forceNew: true },
        fail: { kind: "string", description: "Create and update fail with this message." },
        gate: { kind: "string", description: "Create and update wait at this gate." },
        id: { kind: "string", description: "The physical id.", computed: true },
      },
      async create(ctx, planned) {
        await control.pass(planned.gate, ctx.signal);
        check(planned);
        return { ...planned, id: randomUUID() };
      },
      async read(_ctx, prior) {
        return typeof prior.id === "string" && control.vanished.has(prior.id) ? null : prior;
      },
      async update(ctx, prior, planned) {
        await control.pass(planned.gate, ctx.signal);
        check(planned);
        return { ...planned, id: prior.id };
      },
      async delete(_ctx, prior) {
        control.deleted.push(String(prior.id));
      },
      async suspend(ctx, prior) {
        control.calls.push(`suspend ${ctx.name}`);
        return prior;
      },
      async resume(ctx, prior) {
        control.calls.push(`resume ${ctx.name}`);
        return prior;
      },
      async check(ctx, prior) {
        control.calls.push(`check ${ctx.name}`);
        if (control.broken.has(String(prior.id))) throw new ResourceFailure("ValueError", "out of order");
      },
    };
  }
}
