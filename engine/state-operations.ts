// Reading and changing the recorded state by hand: list, show, mv, rm,
// outputs and force-unlock, as `terraform state …` does them, and taint and
// untaint, as `terraform taint`/`untaint` do.

import { type Diagnostic, GantryError } from "../contract/diagnostics.js";
import { addressMatches, instanceAddress, parseAddress, resourceKeyOf } from "../planner/addresses.js";
import type { LockInfo } from "../planner/state-lock.js";
import { deserializeState, serializeState, type InstanceState, type State } from "../planner/state.js";
import type { Workspace } from "./workspace.js";
import { PgStateBackend } from "./pg-state/pg-state-backend.js";
import type { StateVersionInfo } from "./pg-state/pg-state-store.js";

function parseOrThrow(address: string, what = "address"): NonNullable<ReturnType<typeof parseAddress>> {
  const p = parseAddress(address);
  if (!p) throw new GantryError(`Invalid ${what} "${address}"`);
  return p;
}

/** Instance addresses in the state, sorted, matching any of the filters (all when none). */
export async function listInstances(ws: Workspace, filters: string[] = []): Promise<string[]> {
  const parsed = filters.map((a) => parseOrThrow(a));
  const state = await ws.state.read();
  return [...state.instances.keys()].sort().filter((a) => !parsed.length || parsed.some((f) => addressMatches(f, a)));
}

/** One instance as recorded (a short type such as "noop.a" stands for "gantry_noop.a"). */
export async function showInstance(ws: Workspace, address: string): Promise<InstanceState> {
  const state = await ws.state.read();
  const p = parseAddress(address);
  const inst =
    state.instances.get(address) ?? (p ? state.instances.get(instanceAddress(p.resourceKey, p.key)) : undefined);
  if (!inst) throw new GantryError(`No instance with address "${address}" in the state.`);
  return inst;
}

export async function readOutputs(ws: Workspace): Promise<State["outputs"]> {
  return (await ws.state.read()).outputs;
}

/**
 * Renames instances (one, every instance of a resource, or everything in a module; into and out of modules);
 * returns the moves made.
 */
export async function moveInstances(
  ws: Workspace,
  source: string,
  destination: string,
  lockTimeoutMs = 0,
): Promise<[string, string][]> {
  const src = parseOrThrow(source, "source address");
  const dst = parseOrThrow(destination, "destination address");
  if (src.wholeModule !== dst.wholeModule)
    throw new GantryError(
      `Cannot move ${source} to ${destination}: a module moves to a module, a resource to a resource`,
    );
  if (src.type !== dst.type)
    throw new GantryError(`Cannot move ${source} to ${destination}: the resource types differ`);
  const lease = await ws.state.lock("state mv", lockTimeoutMs);
  try {
    const state = await ws.state.read();
    const moves: [string, string][] = [];
    if (src.wholeModule) {
      // everything in the module (with count/for_each: every instance, unless one is named) keeps its place in it
      if (dst.module === src.module || dst.module.startsWith(`${src.module}.`))
        throw new GantryError(`Cannot move ${source} into itself (${destination})`);
      for (const a of state.instances.keys())
        if (addressMatches(src, a)) moves.push([a, dst.module + a.slice(src.module.length)]);
    } else if (src.hasKey) {
      moves.push([
        instanceAddress(src.resourceKey, src.key),
        instanceAddress(dst.resourceKey, dst.hasKey ? dst.key : undefined),
      ]);
    } else {
      if (dst.hasKey)
        throw new GantryError("Moving a whole resource needs a resource address (without an index) as destination");
      for (const a of state.instances.keys())
        if (resourceKeyOf(a) === src.resourceKey) moves.push([a, dst.resourceKey + a.slice(src.resourceKey.length)]);
    }
    if (!moves.length || !state.instances.has(moves[0][0]))
      throw new GantryError(`No instance "${source}" in the state; nothing was moved.`);
    for (const [, to] of moves)
      if (state.instances.has(to)) throw new GantryError(`Cannot move to ${to}: it already exists in the state`);
    for (const [from, to] of moves) {
      const inst = state.instances.get(from)!;
      state.instances.delete(from);
      const p = parseAddress(to)!;
      state.instances.set(to, { ...inst, address: to, name: p.name, key: p.key });
    }
    await save(ws, state);
    return moves;
  } finally {
    await lease.release();
  }
}

/** Forgets instances (without touching the hosts); returns the addresses removed. */
export async function removeInstances(ws: Workspace, addresses: string[], lockTimeoutMs = 0): Promise<string[]> {
  const lease = await ws.state.lock("state rm", lockTimeoutMs);
  try {
    const state = await ws.state.read();
    const removed: string[] = [];
    for (const a of addresses) {
      const p = parseOrThrow(a);
      const hits = [...state.instances.keys()].filter((x) => addressMatches(p, x));
      if (!hits.length) throw new GantryError(`No instance matches "${a}" in the state; nothing was removed.`);
      removed.push(...hits);
    }
    for (const a of removed) state.instances.delete(a);
    await save(ws, state);
    return removed;
  } finally {
    await lease.release();
  }
}

/** The recorded state as stored (`state pull`); undefined when no state was ever written. */
export async function pullState(ws: Workspace, opts: { serial?: number } = {}): Promise<string | undefined> {
  if (opts.serial !== undefined) {
    const backend = keptVersions(ws, "state pull -serial");
    const version = await backend.readVersion(opts.serial);
    if (!version) throw new GantryError(`${backend.location} has no version with serial ${opts.serial}`);
    return version.body;
  }
  const state = await ws.state.read();
  return state.lineage || state.serial ? serializeState(state) : undefined;
}

/**
 * Replaces the recorded state with `text` (`state push`), under the lock. As
 * Terraform does, a state of another lineage, or of an older serial, or of the
 * same serial with other content, is refused unless `force`; an empty recorded
 * state may always be replaced. The pushed state is written exactly as given.
 */
export async function pushState(
  ws: Workspace,
  text: string,
  source: string,
  opts: { force?: boolean; lockTimeoutMs?: number } = {},
): Promise<void> {
  let pushed: State;
  try {
    pushed = deserializeState(text, source);
  } catch (e) {
    throw new GantryError(`Error reading source state ${JSON.stringify(source)}: ${(e as Error).message}`);
  }
  const lease = await ws.state.lock("state push", opts.lockTimeoutMs ?? 0);
  try {
    const existing = await ws.state.read();
    if (!opts.force) {
      const problem = importProblem(pushed, existing);
      if (problem) throw new GantryError(`Failed to write state: ${problem}`);
    }
    await ws.state.replace(pushed);
  } finally {
    await lease.release();
  }
}

export interface TaintOptions {
  /** A missing instance is not an error (a warning is returned instead), as Terraform's -allow-missing. */
  allowMissing?: boolean;
  lockTimeoutMs?: number;
}

/**
 * Marks one instance tainted (the next plan replaces it) or, with `tainted` false, no longer tainted. Returns the
 * instance's canonical address, or undefined with a warning when it is missing and `allowMissing` is set.
 */
export async function setTainted(
  ws: Workspace,
  address: string,
  tainted: boolean,
  opts: TaintOptions = {},
): Promise<{ address?: string; warning?: Diagnostic }> {
  const p = parseOrThrow(address);
  const canonical = instanceAddress(p.resourceKey, p.key);
  const lease = await ws.state.lock(tainted ? "taint" : "untaint", opts.lockTimeoutMs ?? 0);
  try {
    const state = await ws.state.read();
    const inst = state.instances.get(canonical);
    if (!inst) {
      if (opts.allowMissing)
        return {
          warning: {
            severity: "warning",
            summary: "No such resource instance",
            detail:
              `Resource instance ${canonical} was not found, but this is not an error because ` +
              "-allow-missing was set.",
          },
        };
      throw new GantryError({
        severity: "error",
        summary: "No such resource instance",
        detail:
          state.instances.size === 0
            ? "The state currently contains no resource instances whatsoever. This may occur if the configuration " +
              "has never been applied or if it has recently been destroyed."
            : `There is no resource instance in the state with the address ${canonical}. If the resource ` +
              'configuration has just been added, you must run "gantry apply" once to create the corresponding ' +
              "instance(s) before they can be tainted.",
      });
    }
    if (!tainted && inst.status !== "tainted")
      throw new GantryError({
        severity: "error",
        summary: "Resource instance is not tainted",
        detail: `Resource instance ${canonical} is not currently tainted, and so it cannot be untainted.`,
      });
    const next: InstanceState = { ...inst };
    if (tainted) next.status = "tainted";
    else delete next.status;
    state.instances.set(canonical, next);
    await save(ws, state);
    return { address: canonical };
  } finally {
    await lease.release();
  }
}

/** Why `pushed` may not replace `existing` without -force (Terraform's rules), or undefined. */
function importProblem(pushed: State, existing: State): string | undefined {
  if (existing.instances.size === 0 && Object.keys(existing.outputs).length === 0) return undefined;
  if (!pushed.lineage || !existing.lineage) return undefined;
  if (pushed.lineage !== existing.lineage)
    return (
      `cannot import state with lineage ${JSON.stringify(pushed.lineage)} over unrelated state with lineage ` +
      JSON.stringify(existing.lineage)
    );
  if (pushed.serial > existing.serial) return undefined;
  if (pushed.serial < existing.serial)
    return `cannot import state with serial ${pushed.serial} over newer state with serial ${existing.serial}`;
  if (serializeState(pushed) === serializeState(existing)) return undefined;
  return `cannot overwrite existing state with serial ${pushed.serial} with a different state that has the same serial`;
}

export function forceUnlockState(ws: Workspace, id: string): Promise<LockInfo | undefined> {
  return ws.state.forceUnlock(id);
}

/** Every version of the workspace's state, oldest first (`state history`). */
export async function stateHistory(ws: Workspace): Promise<StateVersionInfo[]> {
  return keptVersions(ws, "state history").history();
}

function keptVersions(ws: Workspace, what: string): PgStateBackend {
  if (!(ws.state instanceof PgStateBackend))
    throw new GantryError({
      severity: "error",
      summary: `${what} needs the pg backend`,
      detail:
        `The state of this workspace is ${ws.state.location}, which keeps only the current version (and one ` +
        'backup). Earlier versions are kept by backend "pg" (see gantry state migrate).',
    });
  return ws.state;
}

async function save(ws: Workspace, state: State): Promise<void> {
  const w = ws.state.writer(state);
  w.touch();
  await w.flush();
}
