// The dependency graph of a configuration: resources, locals, variables and
// outputs, with an edge for every reference and depends_on. Kept O(V+E)
// (DependencyGraph: typed-array adjacency, Kahn's algorithm for order).

import { parseReference, resourceKey } from "./addresses.js";
import { DiagnosticBag, type Origin } from "../contract/diagnostics.js";
import { DependencyGraph } from "./dependency-graph.js";
import { collectRefs, type Expr } from "./expressions/ast.js";
import type { Config, ResourceConfig } from "./model.js";
import {
  OBJECT_ROOTS,
  checkObjectReference,
  undeclaredLocalDetail,
  undeclaredResourceDetail,
  undeclaredVariableDetail,
  type ReferenceContext,
} from "./reference-checks.js";

export type NodeKind = "resource" | "local" | "variable" | "output" | "check";

export interface NodeInfo {
  kind: NodeKind;
  /** Resource key ("gantry_noop.a") or the local/variable/output name. */
  name: string;
  origin: Origin;
}

export interface ConfigGraph {
  graph: DependencyGraph<NodeInfo>;
  /** Nodes in dependency order (dependencies first). */
  ordered: NodeInfo[];
  /** Node ids in dependency order (dependencies first). */
  readonly order: string[];
  /** The resource blocks in dependency order (dependencies first). */
  resourcesInOrder: ResourceConfig[];
  /** The resource keys each block of resourcesInOrder depends on (same positions): see resourceDeps. */
  depsInOrder: string[][];
  /**
   * For each resource key, the resource keys it depends on, directly or through locals, variables and outputs (a map
   * made on first use: plan reads depsInOrder).
   */
  readonly resourceDeps: Map<string, string[]>;
}

export const nodeId = {
  resource: (key: string) => `resource ${key}`,
  local: (name: string) => `local.${name}`,
  variable: (name: string) => `var.${name}`,
  output: (name: string) => `output.${name}`,
  check: (name: string) => `check.${name}`,
};

/** The id of the node `info` stands for (see nodeId). */
export function nodeIdOf(info: NodeInfo): string {
  return nodeId[info.kind](info.name);
}

export function describeNode(info: NodeInfo): string {
  switch (info.kind) {
    case "resource":
      return info.name;
    case "local":
      // a module's variables, locals and outputs are locals named by their paths ("module.a.var.x")
      return info.name.startsWith("module.") ? info.name : `local.${info.name}`;
    case "variable":
      return `var.${info.name}`;
    case "output":
      return `output.${info.name}`;
    case "check":
      return `check.${info.name}`;
  }
}

export function buildGraph(config: Config): ConfigGraph {
  const diags = new DiagnosticBag();
  const graph = new DependencyGraph<NodeInfo>(nodeIdOf);
  const variableNode = new Map<string, number>();
  const localNode = new Map<string, number>();
  const resourceNode = new Map<string, number>();
  const outputNode = new Map<string, number>();

  for (const v of config.variables.values())
    variableNode.set(v.name, graph.addNode({ kind: "variable", name: v.name, origin: v.origin }));
  for (const l of config.locals.values())
    localNode.set(l.name, graph.addNode({ kind: "local", name: l.name, origin: l.origin }));
  // resource and data blocks, and their node numbers: consecutive, from the first block's (arrays, not maps: at
  // 100,000 resources map look-ups by number were a sizeable part of building the graph)
  const blocks = [...config.resources.values(), ...config.data.values()];
  const firstBlockNode = graph.order;
  for (const r of blocks) resourceNode.set(r.key, graph.addNode({ kind: "resource", name: r.key, origin: r.origin }));
  /** The block of a resource node. */
  const resourceAt = (n: number): ResourceConfig | undefined => blocks[n - firstBlockNode];
  /** Whether node `n` is a resource's (told by its number, without reading its info). */
  const isBlock = (n: number): boolean => n >= firstBlockNode && n < firstBlockNode + blocks.length;
  for (const o of config.outputs.values())
    outputNode.set(o.name, graph.addNode({ kind: "output", name: o.name, origin: o.origin }));
  const checkNode = new Map<string, number>();
  for (const c of config.checks.values())
    checkNode.set(c.name, graph.addNode({ kind: "check", name: c.name, origin: c.origin }));

  /**
   * Adds an edge for each reference in `e`; reports references to things that do not exist and to Terraform's
   * objects where `ctx` does not make them available.
   */
  // a data source declared in a check block may be read only by that check's assertions (and its own siblings)
  const inScope = (r: ResourceConfig, to: number) => {
    if (r.check === undefined) return true;
    const info = graph.infoAt(to);
    if (info.kind === "check") return info.name === r.check;
    return info.kind === "resource" && resourceAt(to)?.check === r.check;
  };
  const addRefs = (to: number, e: Expr, origin: Origin, ctx: ReferenceContext, selfKey?: string) => {
    if (e.k === "lit") return;
    for (const ref of collectRefs(e)) {
      const first = ref.steps[0];
      const name = first && first.k === "attr" ? first.name : undefined;
      if (OBJECT_ROOTS.has(ref.root)) {
        const problem = checkObjectReference(ref, ctx);
        if (problem) diags.error(problem.summary, origin, problem.detail);
        continue;
      }
      if (ref.root === "var") {
        const from = name === undefined ? undefined : variableNode.get(name);
        if (from === undefined)
          diags.error(
            `Reference to undeclared input variable "${name ?? ""}"`,
            origin,
            undeclaredVariableDetail(name ?? ""),
          );
        else graph.mergeEdge(from, to);
      } else if (ref.root === "local") {
        const from = name === undefined ? undefined : localNode.get(name);
        if (from === undefined)
          diags.error(`Reference to undeclared local value "${name ?? ""}"`, origin, undeclaredLocalDetail(name ?? ""));
        else graph.mergeEdge(from, to);
      } else if (ref.root === "data") {
        const second = ref.steps[1];
        const dataName = second?.k === "attr" ? second.name : "";
        const key = resourceKey(name ?? "", dataName, true);
        const from = resourceNode.get(key);
        if (from === undefined)
          diags.error(
            `Reference to undeclared resource "${key}"`,
            origin,
            undeclaredResourceDetail("data", name ?? "", dataName),
          );
        else if (key === selfKey)
          diags.error(`Resource "${key}" refers to itself`, origin, `"${ref.text}" is a self-reference.`);
        else if (!inScope(resourceAt(from)!, to))
          diags.error(
            "Reference to scoped resource",
            origin,
            `The referenced data resource "${name ?? ""}" "${dataName}" is not available from this context.`,
          );
        else graph.mergeEdge(from, to);
      } else if (ref.root === "module") {
        diags.error(
          `Reference to undeclared module "${name ?? ""}"`,
          origin,
          `The configuration contains no module.${name ?? ""}.`,
        );
      } else {
        // "resource.TYPE.NAME" forces a resource type's reading of a name Terraform reserves
        const forced = ref.root === "resource";
        const type = forced ? (name ?? "") : ref.root;
        const second = forced ? ref.steps[1] : first;
        const resName = second?.k === "attr" ? second.name : undefined;
        const key = resourceKey(type, resName ?? "");
        const from = resName === undefined ? undefined : resourceNode.get(key);
        if (resName === undefined)
          diags.error(
            "Invalid reference",
            origin,
            "A reference to a resource type must be followed by at least one attribute access, specifying the " +
              `resource name (in "${ref.text}").`,
          );
        else if (from === undefined)
          diags.error(
            `Reference to undeclared resource "${key}"`,
            origin,
            undeclaredResourceDetail("managed", type, resName),
          );
        else if (key === selfKey)
          diags.error(`Resource "${key}" refers to itself`, origin, `"${ref.text}" is a self-reference.`);
        else if (!inScope(resourceAt(from)!, to))
          // a module's data resource ('module.a.data.TYPE' named NAME)
          diags.error(
            "Reference to scoped resource",
            origin,
            `The referenced data resource "${type.replace(/^.*\bdata\./, "")}" "${resName}" is not available ` +
              "from this context.",
          );
        else graph.mergeEdge(from, to);
      }
    }
  };
  const addDependsOn = (to: number, ref: string, origin: Origin) => {
    // "gantry_noop.a", "gantry_noop.a[0]" or (replace_triggered_by) "gantry_noop.a.id": the resource is the first two
    // parts
    const text = ref.replace(/^\$\{(.*)\}$/, "$1").trim();
    const parsed = parseReference(text);
    const key = parsed && !parsed.address.wholeModule ? parsed.address.resourceKey : text;
    const from = resourceNode.get(key);
    if (from === undefined) diags.error(`depends_on names undeclared resource "${key}"`, origin);
    else graph.mergeEdge(from, to);
  };

  for (let b = 0; b < blocks.length; b++) {
    const r = blocks[b];
    const id = firstBlockNode + b;
    const ctx: ReferenceContext = { count: r.count !== undefined, forEach: r.forEach !== undefined };
    for (const k in r.properties) addRefs(id, r.properties[k].value, r.properties[k].origin, ctx, r.key);
    if (r.count) addRefs(id, r.count.value, r.count.origin, {}, r.key);
    if (r.forEach) addRefs(id, r.forEach.value, r.forEach.origin, {}, r.key);
    for (const d of r.dependsOn) addDependsOn(id, d.ref, d.origin);
    for (const d of r.lifecycle.replaceTriggeredBy) addDependsOn(id, d.ref, d.origin);
    // what a creation-time provisioner refers to must exist before it runs (destroy-time ones refer only to self)
    for (const pr of r.provisioners ?? [])
      for (const p of [...Object.values(pr.properties), ...Object.values(pr.connection ?? {})])
        addRefs(id, p.value, p.origin, { ...ctx, self: true }, r.key);
    for (const c of r.lifecycle.preconditions) {
      addRefs(id, c.condition, c.origin, ctx, r.key);
      addRefs(id, c.errorMessage, c.origin, ctx, r.key);
    }
    for (const c of r.lifecycle.postconditions) {
      addRefs(id, c.condition, c.origin, { ...ctx, self: true }, r.key);
      addRefs(id, c.errorMessage, c.origin, { ...ctx, self: true }, r.key);
    }
  }
  for (const l of config.locals.values()) addRefs(localNode.get(l.name)!, l.value, l.origin, {});
  for (const o of config.outputs.values()) {
    addRefs(outputNode.get(o.name)!, o.value, o.origin, {});
    for (const d of o.dependsOn) addDependsOn(outputNode.get(o.name)!, d.ref, d.origin);
    for (const c of o.preconditions) {
      addRefs(outputNode.get(o.name)!, c.condition, c.origin, {});
      addRefs(outputNode.get(o.name)!, c.errorMessage, c.origin, {});
    }
  }
  for (const c of config.checks.values())
    for (const a of c.asserts) {
      addRefs(checkNode.get(c.name)!, a.condition, a.origin, {});
      addRefs(checkNode.get(c.name)!, a.errorMessage, a.origin, {});
    }
  // Validation rules are checked before the plan (planner/variables.ts): as in Terraform 1.9 and later they may use
  // other variables and locals; resources are not known by then, so gantry refuses references to them.
  for (const v of config.variables.values())
    for (const val of v.validations)
      for (const ref of [...collectRefs(val.condition), ...collectRefs(val.errorMessage)]) {
        const first = ref.steps[0];
        const named = first?.k === "attr" ? first.name : undefined;
        if (ref.root === "var" && named !== undefined && config.variables.has(named)) continue;
        if (ref.root === "local" && named !== undefined && config.locals.has(named)) continue;
        diags.error(
          `The validation of variable "${v.name}" may refer only to declared variables and locals`,
          val.origin,
          `found "${ref.text}"`,
        );
      }

  diags.throwIfErrors();

  const sorted = graph.topologicalOrder();
  if (!sorted) {
    const cycle = graph.findCycle().map((n) => graph.infoAt(n));
    const names = cycle.map(describeNode);
    diags.add({
      severity: "error",
      summary: `Cycle: ${[...names, names[0]].join(" → ")}`,
      detail:
        "Each of these depends on the next; break the cycle by removing one of the references or depends_on entries.",
      origin: cycle[0].origin,
      related: cycle.map((info) => ({ label: describeNode(info), origin: info.origin })),
    });
    diags.throwIfErrors();
  }

  const ordered = new Array<NodeInfo>(sorted!.length);
  const resourcesInOrder: ResourceConfig[] = [];
  for (let i = 0; i < sorted!.length; i++) {
    const n = sorted![i];
    ordered[i] = graph.infoAt(n);
    if (isBlock(n)) resourcesInOrder.push(blocks[n - firstBlockNode]);
  }
  const depsInOrder = resourceDependencies(graph, sorted!, isBlock);
  let resourceDeps: Map<string, string[]> | undefined;
  return {
    graph,
    ordered,
    resourcesInOrder,
    depsInOrder,
    get order() {
      return ordered.map(nodeIdOf);
    },
    get resourceDeps() {
      if (!resourceDeps) {
        resourceDeps = new Map();
        for (let i = 0; i < resourcesInOrder.length; i++) resourceDeps.set(resourcesInOrder[i].key, depsInOrder[i]);
      }
      return resourceDeps;
    },
  };
}

/**
 * For each resource node in `sorted`'s order, the resource keys it depends on: its resource
 * in-neighbours and, through locals, variables and outputs, the resources
 * behind them (in the order of the in-edges; each key once). An array, not a map by key: at 100,000 resources the
 * map cost more than finding what it holds.
 */
function resourceDependencies(
  graph: DependencyGraph<NodeInfo>,
  sorted: Int32Array,
  isResource: (n: number) => boolean,
): string[][] {
  const resourceDeps: string[][] = [];
  const behind = new Map<number, Set<string>>(); // non-resource node -> resource keys reachable upstream
  for (const n of sorted) {
    const degree = graph.inDegree(n);
    let direct = true; // only resource in-neighbours: their keys are distinct, no set needed
    for (let i = 0; i < degree; i++) if (!isResource(graph.inNeighbor(n, i))) direct = false;
    let deps: Set<string> | string[];
    if (direct) {
      deps = new Array<string>(degree);
      for (let i = 0; i < degree; i++) deps[i] = graph.infoAt(graph.inNeighbor(n, i)).name;
    } else {
      deps = new Set<string>();
      for (let i = 0; i < degree; i++) {
        const p = graph.inNeighbor(n, i);
        if (isResource(p)) deps.add(graph.infoAt(p).name);
        else for (const k of behind.get(p) ?? []) deps.add(k);
      }
    }
    if (isResource(n)) resourceDeps.push(Array.isArray(deps) ? deps : [...deps]);
    else behind.set(n, Array.isArray(deps) ? new Set(deps) : deps);
  }
  return resourceDeps;
}
