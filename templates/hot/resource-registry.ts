// What a resource's type really is after an environment's resource_registry,
// by Heat's rules (heat/engine/environment.py, ResourceRegistry):
//
//   My::Type: OS::Heat::RandomString      an alias (followed in chains)
//   My::Type: my_type.yaml                a provider template (a value or key ending .yaml or .template)
//   OS::Networking::*: OS::Neutron::*     a wildcard mapping (the matched tail carries over)
//   OS::*: OS::Heat::None                 many to one
//   resources: {my_res: {My::Type: …}}    for one resource only (wins over the others)
//   resources: {my_res: {hooks: …, restricted_actions: …}}  (resource names may use wildcards there)
//
// Candidates are tried in Heat's order: the environment's entries before the
// built-in types, a resource's own entries before the general ones, then by
// key (so `OS::Networking::*` comes before `OS::Networking::FloatingIP`); the
// first that leads to an existing type wins, and a mapping to a type that
// does not exist falls through to the next candidate.

import type { HotEnvironment } from "./environment.js";

export type ResolvedType = { kind: "type"; heatType: string } | { kind: "template"; file: string } | { kind: "none" };

/** What a lookup found, or Heat's error when nothing matched. */
export type ResourceTypeLookup = ResolvedType | { kind: "notFound"; message: string };

export interface ResolveOptions {
  /**
   * True for a type that exists without mapping (a built-in type). Without it every type is taken to exist, so
   * a mapping always leads somewhere and only loops fail.
   */
  isKnownType?: (heatType: string) => boolean;
}

const NONE_TYPE = "OS::Heat::None";
const isTemplateName = (s: string) => s.endsWith(".yaml") || s.endsWith(".template");
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

interface Candidate {
  user: boolean;
  path: string[];
  /** The registry key (the type, or a pattern ending in *). */
  name: string;
  /** What it maps to: a type, a pattern or a template name; undefined for a built-in type. */
  value?: string;
}

class NotFound extends Error {}

function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.user !== b.user) return a.user ? -1 : 1;
  if (a.path.length !== b.path.length) return b.path.length - a.path.length;
  for (let i = 0; i < a.path.length; i++) {
    if (a.path[i] !== b.path[i]) return a.path[i] < b.path[i] ? -1 : 1;
  }
  return 0;
}

function candidates(
  registry: Record<string, unknown>,
  heatType: string,
  resourceName: string | undefined,
  known: (t: string) => boolean,
): Candidate[] {
  const out: Candidate[] = [];
  if (isTemplateName(heatType)) out.push({ user: true, path: [heatType], name: heatType, value: heatType });
  const perResource =
    resourceName !== undefined && isMap(registry.resources) ? registry.resources[resourceName] : undefined;
  if (isMap(perResource) && typeof perResource[heatType] === "string") {
    out.push({
      user: true,
      path: ["resources", resourceName as string, heatType],
      name: heatType,
      value: perResource[heatType] as string,
    });
  }
  const direct = registry[heatType];
  if (typeof direct === "string" && heatType !== "resources") {
    out.push({ user: true, path: [heatType], name: heatType, value: direct });
  }
  for (const [pattern, value] of Object.entries(registry)) {
    if (!pattern.endsWith("*") || typeof value !== "string" || isTemplateName(value)) continue;
    if (heatType !== value && heatType.startsWith(pattern.slice(0, -1))) {
      out.push({ user: true, path: [pattern], name: pattern, value });
    }
  }
  if (known(heatType)) out.push({ user: false, path: [heatType], name: heatType });
  return out.sort(compareCandidates);
}

function lookup(
  registry: Record<string, unknown>,
  heatType: string,
  resourceName: string | undefined,
  known: (t: string) => boolean,
  depth: number,
): ResolvedType {
  if (depth > 50) throw new NotFound();
  for (const c of candidates(registry, heatType, resourceName, known)) {
    if (c.value === undefined) return heatType === NONE_TYPE ? { kind: "none" } : { kind: "type", heatType };
    if (isTemplateName(c.name)) return { kind: "template", file: c.name };
    if (isTemplateName(c.value)) return { kind: "template", file: c.value };
    const target = c.name.endsWith("*")
      ? c.value.endsWith("*")
        ? c.value.slice(0, -1) + heatType.slice(c.name.length - 1)
        : c.value
      : c.value;
    try {
      return lookup(registry, target, resourceName, known, depth + 1);
    } catch (e) {
      if (!(e instanceof NotFound)) throw e;
    }
  }
  throw new NotFound();
}

/** What `heatType`, written for resource `resourceName`, is after the environment's mappings (Heat's rules). */
export function lookupResourceType(
  env: HotEnvironment,
  resourceName: string,
  heatType: string,
  opts: ResolveOptions = {},
): ResourceTypeLookup {
  const known = opts.isKnownType ?? (() => true);
  try {
    return lookup(env.resourceRegistry, heatType, resourceName, known, 0);
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    return { kind: "notFound", message: `The Resource Type (${heatType}) could not be found.` };
  }
}

/**
 * What a resource's type really is after the registry's mappings. When no mapping leads to a known type (only
 * possible with `isKnownType`), the type as written: the caller reports it as unknown.
 */
export function resolveResourceType(
  env: HotEnvironment,
  resourceName: string,
  heatType: string,
  opts: ResolveOptions = {},
): ResolvedType {
  const r = lookupResourceType(env, resourceName, heatType, opts);
  if (r.kind === "notFound") return heatType === NONE_TYPE ? { kind: "none" } : { kind: "type", heatType };
  return r;
}

/** Python's fnmatch.fnmatchcase: `*`, `?`, `[seq]`, `[!seq]`. */
export function fnmatchCase(name: string, pattern: string): boolean {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        let body = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        else if (body.startsWith("^")) body = `\\${body}`;
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^(?:${re})$`, "s").test(name);
}

function perResourceItems(env: HotEnvironment, resourceName: string, key: "hooks" | "restricted_actions"): string[] {
  const resources = env.resourceRegistry.resources;
  const out = new Set<string>();
  if (!isMap(resources)) return [];
  for (const [pattern, entry] of Object.entries(resources)) {
    if (!isMap(entry) || !fnmatchCase(resourceName, pattern)) continue;
    const v = entry[key];
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === "string") out.add(x);
  }
  return [...out];
}

/** The actions (`update`, `replace`) the environment forbids for a resource. */
export function restrictedActions(env: HotEnvironment, resourceName: string): string[] {
  return perResourceItems(env, resourceName, "restricted_actions");
}

/** The breakpoint hooks set for a resource (accepted, not acted upon). */
export function resourceHooks(env: HotEnvironment, resourceName: string): string[] {
  return perResourceItems(env, resourceName, "hooks");
}

/**
 * The environment a nested stack of resource `resourceName` gets: the per-resource entries of `resources:`
 * whose name pattern matches it become the nested stack's `resources:` (Heat's remove_resources_except).
 */
export function nestedEnvironment(env: HotEnvironment, resourceName: string): HotEnvironment {
  const resources = env.resourceRegistry.resources;
  const registry: Record<string, unknown> = { ...env.resourceRegistry };
  const next: Record<string, unknown> = {};
  if (isMap(resources)) {
    for (const [pattern, entry] of Object.entries(resources)) {
      if (isMap(entry) && fnmatchCase(resourceName, pattern)) Object.assign(next, entry);
    }
    if (isMap(resources[resourceName])) Object.assign(next, resources[resourceName]);
  }
  registry.resources = next;
  return { ...env, resourceRegistry: registry };
}
