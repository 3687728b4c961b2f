// Signals to OS::Heat::WaitConditionHandle resources, received over the Heat
// API while (or after) their stack runs. Facts from Heat 19's
// wait_condition_handle.py and resources/wait_condition.py: a signal's body is
// a map of `status` (SUCCESS or FAILURE, default SUCCESS), `reason` (default
// "Signal N received", N = the entries of the handle's metadata so far + 1, its
// template's metadata counted too), `data` (default null) and
// `id` (default N); a body that is not a map counts as empty. The handle's
// metadata keeps id → the signal without its id (a signal with a known id
// overwrites it); each signal is a SIGNAL_COMPLETE event "Signal: status:S
// reason:R". Any other key, or another status, is "Metadata format invalid":
// Heat handles a handle's signal after answering, so the sender gets 200 and
// null all the same and the signal is dropped (no metadata, no event, no
// count), as Heat 19 does (seen 3 December 2026).
//
// The board belongs to one stack service: it keeps each handle's signals as
// received (the store's metadata too), wakes the wait conditions of the stack
// and serialises the signals of a stack. A wait condition on another replica
// of a shared store is not woken (see the README).

import type { HeatHandleCredentials, HeatHandleSignals, HeatSignals } from "../contract/heat-signals.js";
import { pyJsonDumps, pyStr } from "../planner/expressions/functions/python-rendering.js";
import { HeatError } from "./heat-error.js";
import type { HeatResourceNames } from "./heat-resource-names.js";
import type { NestedStackMap } from "./nested-stacks.js";
import type { Caller } from "./stack-operations.js";
import { type ResourceRecord, type StackRecord, STACK_USER_ROLE } from "./stack-records.js";
import type { StackServiceContext } from "./stack-workspace.js";

export const HANDLE_TYPE = "OS::Heat::WaitConditionHandle";

type Entry = Record<string, unknown>;
type Entries = Map<string, Entry>;

const KEYS = ["data", "reason", "status", "id"];

/** A signal as kept, or why it is dropped. */
export type NormalisedSignal = { id: string; entry: Entry } | { dropped: string };

/** Heat's normalise_signal_data and metadata check: the entry (without its id) and its id, or why it is invalid. */
export function normalisedSignal(details: unknown, received: number): NormalisedSignal {
  const given: Entry = typeof details === "object" && details !== null && !Array.isArray(details) ? { ...details } : {};
  const n = received + 1;
  const defaults: Entry = { reason: `Signal ${n} received`, data: null, id: n, status: "SUCCESS" };
  for (const [k, v] of Object.entries(defaults)) if (!(k in given)) given[k] = v;
  const extra = Object.keys(given).filter((k) => !KEYS.includes(k));
  if (extra.length || (given.status !== "SUCCESS" && given.status !== "FAILURE")) {
    const why = extra.length
      ? `unknown keys ${extra.join(", ")} (a signal has status, reason, data and id)`
      : "status must be SUCCESS or FAILURE";
    return { dropped: `Metadata format invalid: ${why}` };
  }
  const { id, ...entry } = given;
  return { id: pyStr(id), entry };
}

function entriesOf(metadata: unknown): Entries {
  const out: Entries = new Map();
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return out;
  for (const [k, v] of Object.entries(metadata)) if (typeof v === "object" && v !== null) out.set(k, v as Entry);
  return out;
}

export class HandleSignalBoard {
  /** stack id → resource name → signals, as received by this service (the store's metadata at first use). */
  private readonly handles = new Map<string, Map<string, Entries>>();
  private readonly wakers = new Map<string, Set<() => void>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: Pick<StackServiceContext, "store" | "recorder">,
    /** The handle's metadata from its template, resolved: Heat numbers signals after its entries too. */
    private readonly declared: (stack: StackRecord, r: ResourceRecord) => Promise<Record<string, unknown>> = () =>
      Promise.resolve({}),
  ) {}

  /** A signal to resource `r` of `stack` from `caller`, as Heat's resource_signal takes it. */
  receive(caller: Caller, stack: StackRecord, r: ResourceRecord, details: unknown): Promise<void> {
    if (caller.roles.includes(STACK_USER_ROLE) && (r.type !== HANDLE_TYPE || r.physicalId !== caller.id)) {
      throw new HeatError(403, "HTTPForbidden", "Access was denied to this resource.");
    }
    if (r.type !== HANDLE_TYPE) {
      throw new HeatError(400, "ResourceActionNotSupported", "signal is not supported for resource.");
    }
    return this.serialised(stack.id, async () => {
      const now = (await this.ctx.store.getResource(stack.id, r.name)) ?? r;
      if (now.action === "DELETE" || now.action === "SUSPEND") {
        await this.ctx.recorder.resource(
          stack.id,
          now.name,
          now.type,
          now.action,
          now.status,
          `Cannot signal resource during ${now.action}`,
          {},
          { eventOnly: true },
        );
        throw new HeatError(400, "NotSupported", `Signal resource during ${now.action} is not supported.`);
      }
      const entries = await this.entries(stack.id, now.name);
      const declared = await this.declared(stack, now).catch(() => ({}));
      const signal = normalisedSignal(details, new Set([...Object.keys(declared), ...entries.keys()]).size);
      if ("dropped" in signal) return;
      const { id, entry } = signal;
      entries.set(id, entry);
      const latest = (await this.ctx.store.getResource(stack.id, now.name)) ?? now;
      await this.ctx.store.putResource({ ...latest, metadata: Object.fromEntries(entries) });
      const reason = `Signal: status:${pyStr(entry.status)} reason:${pyStr(entry.reason)}`;
      await this.ctx.recorder.resource(
        stack.id,
        now.name,
        now.type,
        "SIGNAL",
        latest.status,
        reason,
        {},
        {
          eventOnly: true,
        },
      );
      this.wake(stack.id);
    }).then(() => undefined);
  }

  /** The signals of a handle, in the order first received. */
  async signalsOf(stackId: string, name: string): Promise<HeatHandleSignals> {
    const entries = await this.entries(stackId, name);
    const signals = [...entries].map(([id, e]) => ({ id, status: pyStr(e.status), reason: pyStr(e.reason) }));
    const data = pyJsonDumps(Object.fromEntries([...entries].map(([id, e]) => [id, e.data ?? null])));
    return { name, signals, data };
  }

  /** Forgets a handle's signals (its metadata emptied). */
  clear(stackId: string, name: string): Promise<void> {
    return this.serialised(stackId, async () => {
      this.handles.get(stackId)?.set(name, new Map());
      const r = await this.ctx.store.getResource(stackId, name);
      if (r) await this.ctx.store.putResource({ ...r, metadata: {} });
    }).then(() => undefined);
  }

  /** Forgets what this service keeps of a stack's handles (its store records stay as they are). */
  forget(stackId: string): void {
    this.handles.delete(stackId);
  }

  /** Resolves at the next signal to a handle of the stack; rejects when `abort` aborts. */
  next(stackId: string, abort: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const wakers = this.wakers.get(stackId) ?? new Set();
      this.wakers.set(stackId, wakers);
      const stop = () => {
        wakers.delete(wake);
        reject(new Error("no longer waiting"));
      };
      const wake = () => {
        abort.removeEventListener("abort", stop);
        resolve();
      };
      if (abort.aborted) return reject(new Error("no longer waiting"));
      wakers.add(wake);
      abort.addEventListener("abort", stop, { once: true });
    });
  }

  private wake(stackId: string): void {
    const wakers = this.wakers.get(stackId);
    if (!wakers) return;
    this.wakers.delete(stackId);
    for (const w of wakers) w();
  }

  private async entries(stackId: string, name: string): Promise<Entries> {
    let stack = this.handles.get(stackId);
    if (!stack) this.handles.set(stackId, (stack = new Map()));
    let entries = stack.get(name);
    if (!entries) {
      entries = entriesOf((await this.ctx.store.getResource(stackId, name))?.metadata);
      stack.set(name, entries);
    }
    return entries;
  }

  private serialised<T>(stackId: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(stackId) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(stackId, settled);
    void settled.then(() => {
      if (this.queues.get(stackId) === settled) this.queues.delete(stackId);
    });
    return run;
  }
}

/** What a stack run hands its types: the board, seen from one stack. */
export class StackHeatSignals implements HeatSignals {
  /** Handles made in this run: token id → logical name (the store may not show their ids yet). */
  private readonly issued = new Map<string, string>();

  constructor(
    private readonly ctx: StackServiceContext,
    private readonly board: HandleSignalBoard,
    private readonly stack: StackRecord,
    private readonly names: HeatResourceNames,
    private readonly nested: NestedStackMap,
  ) {}

  async handleCredentials(address: string): Promise<HeatHandleCredentials> {
    if (this.nested.of(address)) {
      throw new Error(`${address}: gantry does not yet offer wait condition handles inside nested stacks`);
    }
    const name = this.names.of(address).name;
    const { token, record } = await this.ctx.store.issueToken(this.stack.tenant, [STACK_USER_ROLE]);
    this.issued.set(record.id, name);
    const root = this.ctx.heatUrl?.();
    const q = encodeURIComponent;
    const endpoint = root
      ? `${root}/${q(this.stack.tenant)}/stacks/${q(this.stack.name)}/${q(this.stack.id)}/resources/${q(name)}/signal`
      : null;
    return { id: record.id, token, endpoint };
  }

  async handleSignals(ref: string): Promise<HeatHandleSignals | undefined> {
    const name = await this.handleName(ref);
    return name === undefined ? undefined : this.board.signalsOf(this.stack.id, name);
  }

  async clearHandle(ref: string): Promise<void> {
    const name = await this.handleName(ref);
    if (name !== undefined) await this.board.clear(this.stack.id, name);
  }

  nextSignal(abort: AbortSignal): Promise<void> {
    return this.board.next(this.stack.id, abort);
  }

  private async handleName(ref: string): Promise<string | undefined> {
    const made = this.issued.get(ref);
    if (made !== undefined) return made;
    const records = await this.ctx.store.listResources(this.stack.id);
    return records.find((r) => r.type === HANDLE_TYPE && r.physicalId !== "" && r.physicalId === ref)?.name;
  }
}
