// The nested template Heat makes for the members of an OS::Heat::ResourceChain, and of an OS::Heat::ResourceGroup
// whose members are provider templates: one resource per member ("0", "1", …) of the member's type as written
// (the nested stack's registry resolves it again, so a type mapped to a template is a nested stack of its own),
// with the member's properties, and a chain's members each depending on the one before it unless the chain is
// concurrent. As in Heat (resource_chain.py child_template, resource_group.py _assemble_nested), the properties are
// resolved in the parent: a value known when the template is read is written into the nested template; one known
// only at run time (a get_attr of another resource) becomes a parameter of the nested template that the parent
// gives as the nested stack's input. The nodes are located where the parent's template writes the members.

import type { Origin } from "../../contract/diagnostics.js";
import { containsUnknown, type Value } from "../../contract/values.js";
import { evaluateConstant } from "../../planner/constant-expression.js";
import type { Expr } from "../../planner/expressions/ast.js";
import type { RawNode } from "../raw-config.js";
import { ComposedNode, LeafNode } from "./composed-node.js";

/** One member of the nested template. */
export interface MemberDefinition {
  name: string;
  /** The member's type as written (an alias or template name is resolved by the nested stack's registry). */
  type: string;
  typeOrigin: Origin;
  /** The member's properties, compiled in the parent's scope. */
  properties: Map<string, { node: RawNode; expr: Expr }>;
  /** The member it waits for (a chain that is not concurrent). */
  after?: string;
}

/** The nested template of a set of members. */
export interface MemberStackTemplate {
  root: RawNode;
  /** The template as text (shown as the nested stack's template). */
  text: string;
  /** Parameters the parent gives at run time: name → the value's expression in the parent's scope. */
  inputs: Map<string, { node: RawNode; expr: Expr }>;
}

/** The nested template of `members`, in `version` (the parent's heat_template_version as written). */
export function memberStackTemplate(version: string, at: Origin, members: MemberDefinition[]): MemberStackTemplate {
  const inputs = new Map<string, { node: RawNode; expr: Expr }>();
  const parameters = new Map<string | number, RawNode>();
  const resources = new Map<string | number, RawNode>();
  for (const m of members) {
    const props = new Map<string | number, RawNode>();
    for (const [key, p] of m.properties) {
      const known = constantOf(p.expr);
      if (known.ok) {
        props.set(key, nodeOfValue(known.value, p.node.origin));
        continue;
      }
      const name = `input_${inputs.size}`;
      inputs.set(name, p);
      parameters.set(name, nodeOfValue({ type: "json" }, p.node.origin));
      props.set(key, nodeOfValue({ get_param: name }, p.node.origin));
    }
    const body = new Map<string | number, RawNode>([["type", new LeafNode(m.type, m.typeOrigin)]]);
    if (props.size) body.set("properties", new ComposedNode(m.typeOrigin, props));
    if (m.after !== undefined) body.set("depends_on", new LeafNode(m.after, m.typeOrigin));
    resources.set(m.name, new ComposedNode(m.typeOrigin, body));
  }
  const sections = new Map<string | number, RawNode>([["heat_template_version", new LeafNode(version, at)]]);
  if (parameters.size) sections.set("parameters", new ComposedNode(at, parameters));
  sections.set("resources", new ComposedNode(at, resources));
  const root = new ComposedNode(at, sections);
  return { root, text: `${JSON.stringify(root.value, null, 2)}\n`, inputs };
}

function constantOf(e: Expr): { ok: true; value: Value } | { ok: false } {
  try {
    const value = evaluateConstant(e);
    // a value validation cannot know yet stays a parameter
    return containsUnknown(value) ? { ok: false } : { ok: true, value };
  } catch {
    return { ok: false };
  }
}

/** A plain value as a node tree, every part located at `origin`. */
function nodeOfValue(v: unknown, origin: Origin): RawNode {
  if (Array.isArray(v)) return new ComposedNode(origin, new Map(v.map((x, i) => [i, nodeOfValue(x, origin)])), true);
  if (v !== null && typeof v === "object")
    return new ComposedNode(origin, new Map(Object.entries(v).map(([k, x]) => [k, nodeOfValue(x, origin)])));
  return new LeafNode(v, origin);
}
