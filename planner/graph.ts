// The dependency graph of a configuration: resources, locals, variables and
// outputs, with an edge for every reference and depends_on. Kept O(V+E)
// (graphology for storage, Kahn's algorithm from graphology-dag for order).

import graphology from "graphology";
import type { DirectedGraph } from "graphology";
import { hasCycle, topologicalSort } from "graphology-dag";
import { canonicalType, resourceKeyOf } from "./addresses.js";
import { DiagnosticBag, type Origin } from "../contract/diagnostics.js";
import { collectRefs, type Expr } from "./expressions/ast.js";
import type { Config } from "./model.js";

export type NodeKind = "resource" | "local" | "variable" | "output";

export interface NodeInfo {
  kind: NodeKind;
  /** Resource key ("noop.a") or the local/variable/output name. */
  name: string;
  origin: Origin;
}

export interface ConfigGraph {
  graph: DirectedGraph<NodeInfo>;
  /** Node ids in dependency order (dependencies first). */
  order: string[];
  /** For each resource key, the resource keys it depends on, directly or through locals, variables and outputs. */
  resourceDeps: Map<string, string[]>;
}

export const nodeId = {
  resource: (key: string) => `resource ${key}`,
  local: (name: string) => `local.${name}`,
  variable: (name: string) => `var.${name}`,
  output: (name: string) => `output.${name}`,
};

export function describeNode(info: NodeInfo): string {
  switch (info.kind) {
    case "resource":
      return info.name;
    case "local":
      return `local.${info.name}`;
    case "variable":
      return `var.${info.name}`;
    case "output":
      return `output.${info.name}`;
  }
}

const BUILTIN_ROOTS = new Set(["count", "each", "path", "self", "terraform"]);

export function buildGraph(config: Config): ConfigGraph {
  const diags = new DiagnosticBag();
  const graph: DirectedGraph<NodeInfo> = new graphology.DirectedGraph<NodeInfo>({ allowSelfLoops: true });

  for (const v of config.variables.values()) graph.addNode(nodeId.variable(v.name), { kind: "variable", name: v.name, origin: v.origin });
  for (const l of config.locals.values()) graph.addNode(nodeId.local(l.name), { kind: "local", name: l.name, origin: l.origin });
  for (const r of config.resources.values()) graph.addNode(nodeId.resource(r.key), { kind: "resource", name: r.key, origin: r.origin });
  for (const o of config.outputs.values()) graph.addNode(nodeId.output(o.name), { kind: "output", name: o.name, origin: o.origin });

  const link = (from: string, to: string) => {
    graph.mergeEdge(from, to);
  };

  /** Adds an edge for each reference in `e`; reports references to things that do not exist. */
  const addRefs = (to: string, e: Expr, origin: Origin, selfKey?: string) => {
    for (const ref of collectRefs(e)) {
      const first = ref.steps[0];
      const name = first && first.k === "attr" ? first.name : undefined;
      if (BUILTIN_ROOTS.has(ref.root)) continue;
      if (ref.root === "var") {
        if (name === undefined || !config.variables.has(name)) diags.error(`Reference to undeclared input variable "${name ?? ""}"`, origin, `"${ref.text}" names no variable in this configuration.`);
        else link(nodeId.variable(name), to);
      } else if (ref.root === "local") {
        if (name === undefined || !config.locals.has(name)) diags.error(`Reference to undeclared local value "${name ?? ""}"`, origin, `"${ref.text}" names no local value in this configuration.`);
        else link(nodeId.local(name), to);
      } else {
        const key = `${canonicalType(ref.root)}.${name ?? ""}`;
        if (name === undefined || !config.resources.has(key))
          diags.error(`Reference to undeclared resource "${key}"`, origin, `"${ref.text}" refers to a resource that is not declared in this configuration.`);
        else if (key === selfKey) diags.error(`Resource "${key}" refers to itself`, origin, `"${ref.text}" is a self-reference.`);
        else link(nodeId.resource(key), to);
      }
    }
  };
  const addDependsOn = (to: string, ref: string, origin: Origin) => {
    // "noop.a", "noop.a[0]" or (replace_triggered_by) "noop.a.id": the resource is the first two parts
    const key = resourceKeyOf(canonicalType(ref.replace(/^\$\{(.*)\}$/, "$1").trim())).split(".").slice(0, 2).join(".");
    if (!config.resources.has(key)) diags.error(`depends_on names undeclared resource "${key}"`, origin);
    else link(nodeId.resource(key), to);
  };

  for (const r of config.resources.values()) {
    const id = nodeId.resource(r.key);
    for (const p of Object.values(r.properties)) addRefs(id, p.value, p.origin, r.key);
    if (r.count) addRefs(id, r.count.value, r.count.origin, r.key);
    if (r.forEach) addRefs(id, r.forEach.value, r.forEach.origin, r.key);
    for (const d of r.dependsOn) addDependsOn(id, d.ref, d.origin);
    for (const d of r.lifecycle.replaceTriggeredBy) addDependsOn(id, d.ref, d.origin);
  }
  for (const l of config.locals.values()) addRefs(nodeId.local(l.name), l.value, l.origin);
  for (const o of config.outputs.values()) {
    addRefs(nodeId.output(o.name), o.value, o.origin);
    for (const d of o.dependsOn) addDependsOn(nodeId.output(o.name), d.ref, d.origin);
  }
  for (const v of config.variables.values())
    for (const val of v.validations)
      for (const ref of collectRefs(val.condition)) {
        const first = ref.steps[0];
        if (ref.root !== "var" || !first || first.k !== "attr" || first.name !== v.name)
          diags.error(`The validation of variable "${v.name}" may only refer to var.${v.name}`, val.origin, `found "${ref.text}"`);
      }

  diags.throwIfErrors();

  if (hasCycle(graph)) {
    const cycle = findCycle(graph);
    const names = cycle.map((n) => describeNode(graph.getNodeAttributes(n)));
    diags.add({
      severity: "error",
      summary: `Cycle: ${[...names, names[0]].join(" → ")}`,
      detail: "Each of these depends on the next; break the cycle by removing one of the references or depends_on entries.",
      origin: graph.getNodeAttributes(cycle[0]).origin,
      related: cycle.map((n) => ({ label: describeNode(graph.getNodeAttributes(n)), origin: graph.getNodeAttributes(n).origin })),
    });
    diags.throwIfErrors();
  }

  const order = topologicalSort(graph);
  const resourceDeps = new Map<string, string[]>();
  const behind = new Map<string, Set<string>>(); // non-resource node -> resource keys reachable upstream
  for (const n of order) {
    const info = graph.getNodeAttributes(n);
    const deps = new Set<string>();
    graph.forEachInNeighbor(n, (p: string, pInfo: NodeInfo) => {
      if (pInfo.kind === "resource") deps.add(pInfo.name);
      else for (const k of behind.get(p) ?? []) deps.add(k);
    });
    if (info.kind === "resource") resourceDeps.set(info.name, [...deps]);
    else behind.set(n, deps);
  }
  return { graph, order, resourceDeps };
}

/** One cycle, as the list of its nodes in dependency order (iterative DFS, O(V+E)). */
function findCycle(graph: DirectedGraph<NodeInfo>): string[] {
  const color = new Map<string, 1 | 2>();
  const parent = new Map<string, string>();
  for (const start of graph.nodes()) {
    if (color.has(start)) continue;
    const stack: [string, string[], number][] = [[start, graph.outNeighbors(start), 0]];
    color.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [node, next] = top;
      if (top[2] >= next.length) {
        color.set(node, 2);
        stack.pop();
        continue;
      }
      const child = next[top[2]++];
      const c = color.get(child);
      if (c === 1) {
        // back edge node -> child: the cycle runs child -> ... -> node -> child along edges
        // (edges point from a dependency to what uses it); report it in reference order.
        const path: string[] = [];
        for (let n = node; n !== child; n = parent.get(n)!) path.push(n);
        path.push(child);
        return path;
      }
      if (c === undefined) {
        color.set(child, 1);
        parent.set(child, node);
        stack.push([child, graph.outNeighbors(child), 0]);
      }
    }
  }
  return [];
}
