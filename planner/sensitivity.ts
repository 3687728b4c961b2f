// Sensitivity as Terraform's marks carry it, found from the configuration: a value is sensitive when its
// expression uses a sensitive variable, a local or module output that is, a resource attribute set from a sensitive
// value or marked sensitive by the type's schema (or a whole resource that has one), or calls sensitive() (not
// cleared by nonsensitive()). Plan masks those attributes, refuses outputs that use them unless marked sensitive,
// and issensitive() answers from it.

import { collectRefs, type Expr, type RefExpr } from "./expressions/ast.js";
import { sensitivityCalls } from "./expressions/sensitivity-calls.js";
import { buildGraph, type ConfigGraph } from "./graph.js";
import type { TypeResolver } from "./instances.js";
import { type Config, EMPTY_LIST, type ResourceConfig } from "./model.js";

export interface Sensitivity {
  /** Resource key -> its sensitive attributes (set from sensitive values, or sensitive in the type's schema). */
  attributes: Map<string, string[]>;
  /** Whether an expression's value is sensitive. */
  uses(e: Expr): boolean;
}

/**
 * Whether an expression's value is sensitive, the configuration's sensitivity found on the first question (apply and
 * the console ask only when an expression calls issensitive()).
 */
export function sensitivityOnDemand(config: Config, types: TypeResolver): (e: Expr) => boolean {
  let found: Sensitivity | undefined;
  return (e) => (found ??= sensitivityOf(config, buildGraph(config), types)).uses(e);
}

/**
 * The configuration's sensitive values, found in dependency order (what a resource makes sensitive flows on).
 * `callsFunctions` false: no resource or data block and no local calls a function (checkFunctionNames says so).
 */
export function sensitivityOf(
  config: Config,
  graph: ConfigGraph,
  types: TypeResolver,
  callsFunctions = true,
): Sensitivity {
  const secretVars = new Set([...config.variables.values()].filter((v) => v.sensitive).map((v) => v.name));
  const secretLocals = new Set<string>();
  const out = new Map<string, string[]>();
  const uses = (e: Expr) => {
    // sensitive(x) makes a value sensitive; nonsensitive(x) clears what x's references would make sensitive
    const marks = sensitivityCalls(e);
    if (marks.sensitive) return true;
    if (!secretVars.size && !secretLocals.size && !out.size) return false;
    return collectRefs(e).some((ref) => {
      if (marks.cleared.has(ref)) return false;
      const first = ref.steps[0];
      const name = first?.k === "attr" ? first.name : "";
      if (ref.root === "var") return secretVars.has(name);
      if (ref.root === "local") return secretLocals.has(name);
      return out.size > 0 && refersToSensitiveAttribute(ref, out);
    });
  };
  /** Type -> the attributes its schema marks sensitive (asked once per type, not once per resource). */
  const schemaSecrets = new Map<string, string[]>();
  const secretsOfType = (type: string): string[] => {
    const known = schemaSecrets.get(type);
    if (known) return known;
    const schema = types(type)?.schema ?? {};
    const keys = Object.keys(schema).filter((k) => schema[k].sensitive);
    schemaSecrets.set(type, keys);
    return keys;
  };
  const resourceKeys = (r: ResourceConfig) => {
    // the type's list is copied only for a resource that has sensitive attributes
    let keys = r.mode === "data" ? EMPTY_LIST : secretsOfType(r.type);
    for (const k in r.properties) if (uses(r.properties[k].value) && !keys.includes(k)) keys = [...keys, k];
    if (keys.length) out.set(r.key, [...keys]);
  };
  // without a call of sensitive(), a sensitive variable or local, or a type whose schema marks an attribute sensitive,
  // nothing is: the blocks and locals are not looked through one by one
  if (!callsFunctions && !secretVars.size && !someSensitiveLocal(config) && !someTypeWithSecrets(config, secretsOfType))
    return { attributes: out, uses };
  let managedSeen = 0;
  let nextBlock = 0; // the resource nodes of graph.ordered are the blocks of graph.resourcesInOrder, in that order
  for (const info of graph.ordered) {
    if (info.kind === "local") {
      // a module's sensitive variables and outputs are locals marked sensitive (planner/module-expansion.ts)
      const l = config.locals.get(info.name)!;
      if (l.sensitive || uses(l.value)) secretLocals.add(info.name);
    } else if (info.kind === "resource") {
      const r = graph.resourcesInOrder[nextBlock++];
      if (r.mode !== "data") managedSeen++;
      resourceKeys(r);
    }
  }
  // resources the graph does not order (none, as a rule): afterwards, in configuration order
  if (managedSeen < config.resources.size) {
    const seen = new Set(graph.ordered.filter((i) => i.kind === "resource").map((i) => i.name));
    for (const r of config.resources.values()) if (!seen.has(r.key)) resourceKeys(r);
  }
  return { attributes: out, uses };
}

function someSensitiveLocal(config: Config): boolean {
  for (const l of config.locals.values()) if (l.sensitive) return true;
  return false;
}

/** Whether a managed resource's type marks an attribute sensitive (each run of blocks of one type asked once). */
function someTypeWithSecrets(config: Config, secretsOfType: (type: string) => string[]): boolean {
  let last: string | undefined;
  for (const r of config.resources.values())
    if (r.type !== last) {
      last = r.type;
      if (secretsOfType(r.type).length) return true;
    }
  return false;
}

/**
 * Does a reference to a resource name one of its sensitive attributes, or the whole resource (or an instance of it)
 * while it has one? `gantry_noop.a.input`, `gantry_noop.a[0]`, `data.gantry_file.f.content`, in modules too.
 */
function refersToSensitiveAttribute(ref: RefExpr, sensitive: Map<string, string[]>): boolean {
  const attr = (i: number) => {
    const step = ref.steps[i];
    return step?.k === "attr" ? step.name : undefined;
  };
  let key: string;
  let rest: number;
  if (ref.root === "data" || ref.root === "resource") {
    key = ref.root === "data" ? `data.${attr(0)}.${attr(1)}` : `${attr(0)}.${attr(1)}`;
    rest = 2;
  } else {
    key = `${ref.root}.${attr(0)}`;
    rest = 1;
  }
  const keys = sensitive.get(key);
  if (!keys) return false;
  // an instance key, then the attribute (none: the whole object, which holds the sensitive ones)
  if (ref.steps[rest] && ref.steps[rest].k !== "attr") rest++;
  const name = attr(rest);
  return name === undefined || keys.includes(name);
}
