// `moved` blocks, as Terraform applies them: before refresh and diff, the
// state records at each statement's `from` are renamed to its `to` (a whole
// resource, or one instance; a chain a → b → c ends at c). Implied moves
// follow count being added or removed ([0] ↔ no key), as Terraform's do.
// Statements are checked first with Terraform's messages (redundant,
// ambiguous, cyclic, across types); a `from` still declared is refused once
// the instances are known; a move whose destination already has state is
// skipped with a warning (the objects left behind are planned to go).

import type { Diagnostic } from "../contract/diagnostics.js";
import { instanceAddress, type InstanceKey, parseAddress, resourceKeyOf } from "./addresses.js";
import type { Config, MovedConfig } from "./model.js";
import type { Expansion } from "./scope.js";
import type { State } from "./state.js";

interface Endpoint {
  resourceKey: string;
  key: InstanceKey;
  /** An instance (with a key, or the no-key instance when the other end has one); otherwise a whole resource. */
  instance: boolean;
  text: string;
}

export interface MoveStatement {
  from: Endpoint;
  to: Endpoint;
  config: MovedConfig;
  implied: boolean;
}

export interface MoveResults {
  /** New address → the address the object had before this plan's moves. */
  previous: Map<string, string>;
  warnings: Diagnostic[];
}

function endpoints(m: MovedConfig): { from: Endpoint; to: Endpoint } | undefined {
  const f = parseAddress(m.from);
  const t = parseAddress(m.to);
  if (!f || !t) return undefined;
  // a resource facing an instance is that resource's no-key instance (Terraform unifies them so)
  const instance = f.hasKey || t.hasKey;
  return {
    from: { resourceKey: f.resourceKey, key: f.key, instance, text: m.from },
    to: { resourceKey: t.resourceKey, key: t.key, instance, text: m.to },
  };
}

const endText = (e: Endpoint) => (e.instance ? instanceAddress(e.resourceKey, e.key) : e.resourceKey);

function overlaps(a: Endpoint, b: Endpoint): boolean {
  return a.resourceKey === b.resourceKey && (!a.instance || !b.instance || a.key === b.key);
}

/** The configuration's statements checked and ordered (a chain's first link first); errors are returned. */
export function moveStatements(config: Config): { statements: MoveStatement[]; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const stmts: MoveStatement[] = [];
  const fromSeen = new Map<string, MoveStatement>();
  const toSeen = new Map<string, MoveStatement>();
  for (const m of config.moved) {
    const ends = endpoints(m);
    if (!ends) continue; // reported by the builder
    const s: MoveStatement = { ...ends, config: m, implied: false };
    const from = endText(s.from);
    const to = endText(s.to);
    const noun = s.from.instance ? "resource instance" : "resource";
    const shortNoun = s.from.instance ? "instance" : "resource";
    if (from === to) {
      errors.push({
        severity: "error",
        summary: "Redundant move statement",
        detail:
          `This statement declares a move from ${from} to the same address, which is the same as not declaring ` +
          "this move at all.",
        origin: m.origin,
      });
      continue;
    }
    const fromType = from.slice(0, from.indexOf("."));
    const toType = to.slice(0, to.indexOf("."));
    if (fromType !== toType) {
      errors.push({
        severity: "error",
        summary: "Unsupported `moved` across resource types",
        detail:
          `The provider "${toType.split("_")[0]}" does not support moved operations across resource types and ` +
          "providers.",
        origin: m.origin,
      });
      continue;
    }
    const earlierFrom = fromSeen.get(from);
    if (earlierFrom && endText(earlierFrom.to) !== to)
      errors.push({
        severity: "error",
        summary: "Ambiguous move statements",
        detail:
          `A statement declared that ${from} moved to ${endText(earlierFrom.to)}, but this statement instead ` +
          `declares that it moved to ${to}.\n\nEach ${noun} can move to only one destination ${shortNoun}.`,
        origin: m.origin,
        related: [{ label: "the other statement", origin: earlierFrom.config.origin }],
      });
    else fromSeen.set(from, s);
    const earlierTo = toSeen.get(to);
    if (earlierTo && endText(earlierTo.from) !== from)
      errors.push({
        severity: "error",
        summary: "Ambiguous move statements",
        detail:
          `A statement declared that ${endText(earlierTo.from)} moved to ${to}, but this statement instead declares ` +
          `that ${from} moved there.\n\nEach ${noun} can have moved from only one source ${shortNoun}.`,
        origin: m.origin,
        related: [{ label: "the other statement", origin: earlierTo.config.origin }],
      });
    else toSeen.set(to, s);
    stmts.push(s);
  }
  if (errors.length) return { statements: [], errors };
  return orderChains(stmts);
}

/** Orders statements so that a → b runs before b → c (Kahn's algorithm); what is left forms cycles. */
function orderChains(stmts: MoveStatement[]): { statements: MoveStatement[]; errors: Diagnostic[] } {
  const after = stmts.map(() => [] as number[]);
  const waits = stmts.map(() => 0);
  for (let i = 0; i < stmts.length; i++)
    for (let j = 0; j < stmts.length; j++)
      if (i !== j && overlaps(stmts[i].to, stmts[j].from)) {
        after[i].push(j);
        waits[j]++;
      }
  const ready = stmts.map((_, i) => i).filter((i) => waits[i] === 0);
  const out: MoveStatement[] = [];
  while (ready.length) {
    const i = ready.shift()!;
    out.push(stmts[i]);
    for (const j of after[i]) if (--waits[j] === 0) ready.push(j);
  }
  if (out.length === stmts.length) return { statements: out, errors: [] };
  const cyclic = stmts.filter((_, i) => waits[i] > 0);
  const lines = cyclic.map((s) => `\n  - ${s.config.origin.file}: ${s.from.text} → ${s.to.text}`).sort();
  return {
    statements: [],
    errors: [
      {
        severity: "error",
        summary: "Cyclic dependency in move statements",
        detail:
          "The following chained move statements form a cycle, and so there is no final location to move objects " +
          `to:${lines.join("")}\n\nA chain of move statements must end with an address that doesn't appear in any ` +
          "other statements, and which typically also refers to an object still declared in the configuration.",
        origin: cyclic[0].config.origin,
        related: cyclic.map((s) => ({ label: `${s.from.text} → ${s.to.text}`, origin: s.config.origin })),
      },
    ],
  };
}

/**
 * Terraform's implied moves: a resource without count or for_each whose state has only `[0]` takes it as its
 * no-key instance, and a resource with count whose state has only the no-key instance takes it as `[0]` (unless an
 * explicit statement speaks of the resource).
 */
export function impliedMoves(config: Config, state: State, explicit: MoveStatement[]): MoveStatement[] {
  const out: MoveStatement[] = [];
  const mentioned = new Set(explicit.flatMap((s) => [s.from.resourceKey, s.to.resourceKey]));
  for (const r of config.resources.values()) {
    if (r.forEach || mentioned.has(r.key)) continue;
    const [fromKey, toKey]: InstanceKey[] = r.count ? [undefined, 0] : [0, undefined];
    const from = instanceAddress(r.key, fromKey);
    const to = instanceAddress(r.key, toKey);
    if (!state.instances.has(from) || state.instances.has(to)) continue;
    const at = (key: InstanceKey, text: string): Endpoint => ({ resourceKey: r.key, key, instance: true, text });
    out.push({
      from: at(fromKey, from),
      to: at(toKey, to),
      config: { from, to, origin: r.origin },
      implied: true,
    });
  }
  return out;
}

/** Renames state records as the statements say (in place), in order; `previous` carries earlier moves' record. */
export function applyMoves(
  statements: MoveStatement[],
  state: State,
  previous = new Map<string, string>(),
): MoveResults {
  const blocked: string[] = [];
  const move = (oldAddress: string, newAddress: string, key: InstanceKey) => {
    const inst = state.instances.get(oldAddress)!;
    const rkey = resourceKeyOf(newAddress);
    const dot = rkey.indexOf(".");
    state.instances.delete(oldAddress);
    state.instances.set(newAddress, {
      ...inst,
      address: newAddress,
      type: rkey.slice(0, dot),
      name: rkey.slice(dot + 1),
      key,
    });
    const first = previous.get(oldAddress) ?? oldAddress;
    previous.delete(oldAddress);
    previous.set(newAddress, first);
  };
  for (const s of statements) {
    if (s.from.instance) {
      const from = instanceAddress(s.from.resourceKey, s.from.key);
      const to = instanceAddress(s.to.resourceKey, s.to.key);
      if (!state.instances.has(from)) continue;
      if (state.instances.has(to)) blocked.push(`\n  - ${from} could not move to ${to}`);
      else move(from, to, s.to.key);
      continue;
    }
    const moving = [...state.instances.values()].filter((i) => resourceKeyOf(i.address) === s.from.resourceKey);
    if (!moving.length) continue;
    if ([...state.instances.keys()].some((a) => resourceKeyOf(a) === s.to.resourceKey)) {
      blocked.push(`\n  - ${s.from.resourceKey} could not move to ${s.to.resourceKey}`);
      continue;
    }
    for (const i of moving) move(i.address, instanceAddress(s.to.resourceKey, i.key), i.key);
    for (const [a, i] of state.instances)
      if (i.dependencies.includes(s.from.resourceKey))
        state.instances.set(a, {
          ...i,
          dependencies: i.dependencies.map((d) => (d === s.from.resourceKey ? s.to.resourceKey : d)),
        });
  }
  const warnings: Diagnostic[] = blocked.length
    ? [
        {
          severity: "warning",
          summary: "Unresolved resource instance address changes",
          detail:
            "Terraform tried to adjust resource instance addresses in the prior state based on change information " +
            "recorded in the configuration, but some adjustments did not succeed due to existing objects already at " +
            `the intended addresses:${blocked.join("")}\n\nTerraform has planned to destroy these objects. If ` +
            "Terraform's proposed changes aren't appropriate, you must first resolve the conflicts using the " +
            '"terraform state" subcommands and then create a new plan.',
        },
      ]
    : [];
  return { previous, warnings };
}

/** "Moved object still exists": a statement's `from` is still declared (checked once instances are known). */
export function movedObjectsStillDeclared(
  config: Config,
  statements: MoveStatement[],
  expansions: Map<string, Expansion>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of statements) {
    if (s.implied) continue;
    const r = config.resources.get(s.from.resourceKey);
    if (!r) continue;
    const exp = expansions.get(r.key);
    if (s.from.instance && exp && !exp.keys.some((k) => k === s.from.key)) continue;
    const noun = s.from.instance ? "resource instance" : "resource";
    const shortNoun = s.from.instance ? "instance" : "resource";
    out.push({
      severity: "error",
      summary: "Moved object still exists",
      detail:
        `This statement declares a move from ${endText(s.from)}, but that ${noun} is still declared.\n\n` +
        `Change your configuration so that this ${shortNoun} will be declared as ${endText(s.to)} instead.`,
      origin: s.config.origin,
      related: [{ label: `${endText(s.from)} is declared here`, origin: r.origin }],
    });
  }
  return out;
}
