// `moved` blocks, as Terraform applies them: before refresh and diff, the
// state records at each statement's `from` are renamed to its `to` (a whole
// resource, or one instance; a module call, or one module instance, with all
// that is in it; a chain a → b → c ends at c). Implied moves follow count
// being added or removed ([0] ↔ no key), as Terraform's do. Statements are
// checked first with Terraform's messages (redundant, ambiguous, cyclic); a
// move across resource types is made by the destination type's moveStateFrom
// (terraform_data takes null_resource, as Terraform's provider does) and
// refused otherwise, when there is state to move; a `from` still declared is
// refused once the instances are known; a move whose destination already has
// state is skipped with a warning (the objects left behind are planned to go).

import { builtinProviderOfType } from "../contract/built-in-providers.js";
import type { Diagnostic } from "../contract/diagnostics.js";
import type { ResourceType } from "../contract/resource-type.js";
import { instanceAddress, type InstanceKey, parseAddress, resourceKeyOf } from "./addresses.js";
import type { Config, MovedConfig } from "./model.js";
import type { Expansion } from "./scope.js";
import type { InstanceState, State } from "./state.js";

interface Endpoint {
  /** The resource key, or for a module endpoint the module call's path ('module.p[0].module.a'). */
  resourceKey: string;
  key: InstanceKey;
  /** An instance (with a key, or the no-key instance when the other end has one); otherwise a whole resource. */
  instance: boolean;
  /** A module call (instance false) or module instance, with everything in it. */
  module: boolean;
  /** The resource type ("" for a module). */
  type: string;
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
  /** Moves across resource types the destination type refuses. */
  errors: Diagnostic[];
}

function endpoints(m: MovedConfig): { from: Endpoint; to: Endpoint } | undefined {
  const f = parseAddress(m.from);
  const t = parseAddress(m.to);
  if (!f || !t) return undefined;
  const end = (p: typeof f, text: string): Omit<Endpoint, "instance"> & { hasKey: boolean } => {
    if (!p.wholeModule)
      return { resourceKey: p.resourceKey, key: p.key, hasKey: p.hasKey, module: false, type: p.type, text };
    // 'module.a[0]': the call 'module.a' and the key 0 (a module path ends with its call)
    const m = /^(.*)\[(\d+|"(?:[^"\\]|\\.)*")\]$/.exec(p.module);
    const call = m ? m[1] : p.module;
    const key = m ? (m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : Number(m[2])) : undefined;
    return { resourceKey: call, key, hasKey: m !== null, module: true, type: "", text };
  };
  const { hasKey: fromKeyed, ...from } = end(f, m.from);
  const { hasKey: toKeyed, ...to } = end(t, m.to);
  // a resource (module call) facing an instance is its no-key instance (Terraform unifies them so)
  const instance = fromKeyed || toKeyed;
  return { from: { ...from, instance }, to: { ...to, instance } };
}

const endText = (e: Endpoint) => (e.instance ? instanceAddress(e.resourceKey, e.key) : e.resourceKey);

/** Is `address` (a state address or resource key) inside module endpoint `e`? */
function inModule(e: Endpoint, address: string): boolean {
  const p = endText(e);
  return address.startsWith(`${p}.`) || (!e.instance && address.startsWith(`${p}[`));
}

function overlaps(a: Endpoint, b: Endpoint): boolean {
  if (a.module || b.module) {
    const [outer, inner] = a.module ? [a, b] : [b, a];
    return (
      endText(a) === endText(b) || inModule(outer, endText(inner)) || (inner.module && inModule(inner, endText(outer)))
    );
  }
  return a.resourceKey === b.resourceKey && (!a.instance || !b.instance || a.key === b.key);
}

function nouns(e: Endpoint): [string, string] {
  if (e.module) return e.instance ? ["module instance", "instance"] : ["module call", "call"];
  return e.instance ? ["resource instance", "instance"] : ["resource", "resource"];
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
    const [noun, shortNoun] = nouns(s.from);
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
    // the instance where the configuration puts it first: usually there, and then `from` is not made at all
    const to = instanceAddress(r.key, toKey);
    if (state.instances.has(to)) continue;
    const from = instanceAddress(r.key, fromKey);
    if (!state.instances.has(from)) continue;
    const at = (key: InstanceKey, text: string): Endpoint => ({
      resourceKey: r.key,
      key,
      instance: true,
      module: false,
      type: r.type,
      text,
    });
    out.push({
      from: at(fromKey, from),
      to: at(toKey, to),
      config: { from, to, origin: r.origin },
      implied: true,
    });
  }
  return out;
}

/**
 * Renames state records as the statements say (in place), in order; `previous` carries earlier moves' record. A
 * move across types asks the destination type (`types`) to take the object.
 */
export function applyMoves(
  statements: MoveStatement[],
  state: State,
  previous = new Map<string, string>(),
  types: (name: string) => ResourceType | undefined = () => undefined,
): MoveResults {
  const blocked: string[] = [];
  const errors: Diagnostic[] = [];
  const move = (oldAddress: string, newAddress: string, key: InstanceKey, attributes?: MovedAttributes) => {
    const inst = state.instances.get(oldAddress)!;
    const p = parseAddress(newAddress);
    state.instances.delete(oldAddress);
    state.instances.set(newAddress, {
      ...inst,
      address: newAddress,
      type: p?.type ?? inst.type,
      name: p?.name ?? inst.name,
      key,
      ...attributes,
    });
    const first = previous.get(oldAddress) ?? oldAddress;
    previous.delete(oldAddress);
    previous.set(newAddress, first);
  };
  /** What a move across types makes of an object; undefined (an error recorded) when the destination refuses. */
  const across = (s: MoveStatement, address: string): MovedAttributes | undefined | null => {
    const inst = state.instances.get(address)!;
    if (inst.type === s.to.type) return null;
    const target = types(s.to.type);
    const provider = builtinProviderOfType(s.to.type).source;
    const refuse = (summary: string, detail: string) => {
      errors.push({ severity: "error", summary, detail, origin: s.config.origin });
      return undefined;
    };
    if (!target?.moveStateFrom)
      return refuse(
        "Unsupported `moved` across resource types",
        `The provider "${provider}" does not support moved operations across resource types and providers.`,
      );
    const r = target.moveStateFrom({
      type: inst.type,
      provider: builtinProviderOfType(inst.type).source,
      attributes: inst.attributes,
    });
    if ("summary" in r) return refuse(r.summary, r.detail);
    // what was recorded of the old type's schema does not describe the new one
    return { attributes: r.attributes, sensitiveAttributes: undefined, warnings: undefined };
  };
  const renameDependencies = (rename: (dep: string) => string) => {
    for (const [a, i] of state.instances) {
      const deps = i.dependencies.map(rename);
      if (deps.some((d, n) => d !== i.dependencies[n])) state.instances.set(a, { ...i, dependencies: deps });
    }
  };
  for (const s of statements) {
    if (s.from.module) {
      const from = endText(s.from);
      const to = endText(s.to);
      const moving = [...state.instances.keys()].filter((a) => inModule(s.from, a));
      if (!moving.length) continue;
      if ([...state.instances.keys()].some((a) => inModule(s.to, a))) {
        blocked.push(`\n  - ${from} could not move to ${to}`);
        continue;
      }
      // 'module.a[0].x' under the call 'module.a' keeps its key: 'module.b[0].x'
      const renamed = (a: string) => `${to}${a.slice(from.length)}`;
      for (const a of moving) move(a, renamed(a), state.instances.get(a)!.key);
      renameDependencies((d) => (inModule(s.from, d) ? renamed(d) : d));
      continue;
    }
    if (s.from.instance) {
      const from = instanceAddress(s.from.resourceKey, s.from.key);
      const to = instanceAddress(s.to.resourceKey, s.to.key);
      if (!state.instances.has(from)) continue;
      if (state.instances.has(to)) {
        blocked.push(`\n  - ${from} could not move to ${to}`);
        continue;
      }
      const attributes = across(s, from);
      if (attributes !== undefined) move(from, to, s.to.key, attributes ?? undefined);
      continue;
    }
    const moving = [...state.instances.values()].filter((i) => resourceKeyOf(i.address) === s.from.resourceKey);
    if (!moving.length) continue;
    if ([...state.instances.keys()].some((a) => resourceKeyOf(a) === s.to.resourceKey)) {
      blocked.push(`\n  - ${s.from.resourceKey} could not move to ${s.to.resourceKey}`);
      continue;
    }
    const made = moving.map((i) => across(s, i.address));
    if (made.some((m) => m === undefined)) continue;
    for (const [n, i] of moving.entries())
      move(i.address, instanceAddress(s.to.resourceKey, i.key), i.key, made[n] ?? undefined);
    renameDependencies((d) => (d === s.from.resourceKey ? s.to.resourceKey : d));
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
  return { previous, warnings, errors };
}

/** The attributes a move across types gives an object (and what no longer applies to it). */
type MovedAttributes = Partial<Pick<InstanceState, "attributes" | "sensitiveAttributes" | "warnings">>;

/** "Moved object still exists": a statement's `from` is still declared (checked once instances are known). */
export function movedObjectsStillDeclared(
  config: Config,
  statements: MoveStatement[],
  expansions: Map<string, Expansion>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of statements) {
    if (s.implied) continue;
    let origin: Diagnostic["origin"];
    if (s.from.module) {
      // a module call is declared when its outputs' local is; an instance when something in it was expanded
      const call = config.locals.get(s.from.resourceKey);
      if (!call || (s.from.instance && ![...expansions.keys()].some((k) => inModule(s.from, k)))) continue;
      origin = call.origin;
    } else {
      const r = config.resources.get(s.from.resourceKey);
      if (!r) continue;
      const exp = expansions.get(r.key);
      if (s.from.instance && exp && !exp.keys.some((k) => k === s.from.key)) continue;
      origin = r.origin;
    }
    const [noun, shortNoun] = nouns(s.from);
    out.push({
      severity: "error",
      summary: "Moved object still exists",
      detail:
        `This statement declares a move from ${endText(s.from)}, but that ${noun} is still declared.\n\n` +
        `Change your configuration so that this ${shortNoun} will be declared as ${endText(s.to)} instead.`,
      origin: s.config.origin,
      related: [{ label: `${endText(s.from)} is declared here`, origin }],
    });
  }
  return out;
}
