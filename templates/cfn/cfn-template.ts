// The CloudFormation-compatible front end: Heat accepts templates written as
// AWS CloudFormation writes them (`AWSTemplateFormatVersion: '2010-09-09'`,
// Heat's CfnTemplate, and `HeatTemplateFormatVersion: '2012-12-12'`, its
// HeatTemplate: heat/engine/cfn/template.py). Such a template is shown to the
// HOT front end (templates/hot/hot-template.ts) in HOT's shape: its sections,
// resource keys, output keys and parameter schemas under HOT's names, every
// value the node written in the template (so errors point at the CFN text),
// and its functions (Ref, Fn::GetAtt, Fn::If …) those of its version in
// templates/hot/template-versions.ts. One compiler and one resource builder
// serve both formats; what differs is said here.
//
//   CFN                         HOT's shape
//   Description                 description
//   Parameters (Type: String,   parameters (type: string, hidden, constraints: length, range, allowed_values,
//     NoEcho, MinLength …)        allowed_pattern, each with ConstraintDescription as its description)
//   Mappings                    mappings (Fn::FindInMap reads them)
//   Conditions (2010-09-09)     conditions
//   Resources: Type, Properties, Metadata, DependsOn, DeletionPolicy, UpdatePolicy, Description, Condition
//   Outputs: Value, Description, Condition
//
// As in Heat, keys a resource or an output does not know are ignored (HOT
// refuses them), and a section the format does not have is refused.

import { DiagnosticBag, type Origin } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import { pyStr, pyTypeName } from "../../planner/expressions/functions/python-rendering.js";
import { ComposedNode, LeafNode } from "../hot/composed-node.js";
import {
  cfnTemplateVersion,
  CFN_TEMPLATE_VERSIONS,
  type HotTemplateVersion,
  hotTemplateVersion,
} from "../hot/template-versions.js";
import { PathNode, type RawNode } from "../raw-config.js";

/** The keys that name a CloudFormation-compatible format. */
export const CFN_VERSION_KEYS = CFN_TEMPLATE_VERSIONS.map((v) => v.key);

/** HOT's names of the template's sections, resource keys and output keys, by their CFN names. */
const SECTIONS: Record<string, string> = {
  Description: "description",
  Parameters: "parameters",
  Mappings: "mappings",
  Conditions: "conditions",
  Resources: "resources",
  Outputs: "outputs",
};
const RESOURCE_KEYS: Record<string, string> = {
  Type: "type",
  Properties: "properties",
  Metadata: "metadata",
  DependsOn: "depends_on",
  DeletionPolicy: "deletion_policy",
  UpdatePolicy: "update_policy",
  Description: "description",
  Condition: "condition",
};
const OUTPUT_KEYS: Record<string, string> = { Value: "value", Description: "description", Condition: "condition" };
/** Parameter types: CFN's names to HOT's (heat/engine/parameters.py Schema.TYPES). */
const PARAMETER_TYPES: Record<string, string> = {
  String: "string",
  Number: "number",
  CommaDelimitedList: "comma_delimited_list",
  Json: "json",
  Boolean: "boolean",
};
const PARAMETER_KEYS = [
  "Type",
  "Default",
  "NoEcho",
  "AllowedValues",
  "AllowedPattern",
  "MaxLength",
  "MinLength",
  "MaxValue",
  "MinValue",
  "Description",
  "ConstraintDescription",
  "Label",
];

/** HOT's names as a CFN template writes them, for messages that name a key ("Resource r DependsOn …"). */
const CFN_NAMES: Record<string, string> = Object.fromEntries(
  [...Object.entries(RESOURCE_KEYS), ...Object.entries(OUTPUT_KEYS), ...Object.entries(SECTIONS)].map(([c, h]) => [
    h,
    c,
  ]),
);

const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);

/** A CFN template shown in HOT's shape; `version` is its format's. */
export class CfnTemplateView extends ComposedNode {
  constructor(
    origin: Origin,
    children: Map<string | number, RawNode>,
    readonly version: HotTemplateVersion,
  ) {
    super(origin, children);
  }

  /** How the template writes HOT's key or section `hotName` ("depends_on" is "DependsOn"). */
  static keyword(hotName: string): string {
    return CFN_NAMES[hotName] ?? hotName;
  }
}

/**
 * The template as the HOT front end reads it: a CFN template in HOT's shape (its format's errors reported),
 * any other template as it is. Undefined when a CFN template names an unknown version (reported).
 */
export function asHotShape(root: RawNode, bag: DiagnosticBag): RawNode | undefined {
  const t = root.value;
  if (!isMap(t) || Object.hasOwn(t, "heat_template_version")) return root;
  const key = CFN_VERSION_KEYS.find((k) => Object.hasOwn(t, k));
  if (key === undefined) return root;
  const present = CFN_VERSION_KEYS.filter((k) => Object.hasOwn(t, k));
  if (present.length > 1) {
    bag.error(`The template version is invalid: Ambiguous versions (${present.join(", ")})`, root.origin);
    return undefined;
  }
  const versionNode = root.child(key);
  const version = cfnTemplateVersion(key, versionNode.value);
  if (!version) {
    const shown = versionNode.value instanceof Date ? versionNode.value.toISOString().slice(0, 10) : versionNode.value;
    const known = CFN_TEMPLATE_VERSIONS.filter((v) => v.key === key).map((v) => v.date);
    bag.error(
      `The template version is invalid: "${key}: ${String(shown)}". "${key}" should be: ${known.join(", ")}`,
      versionNode.origin,
    );
    return undefined;
  }
  const children = new Map<string | number, RawNode>();
  for (const section of Object.keys(t)) {
    if (section === key) continue;
    const hot = SECTIONS[section];
    const node = root.child(section);
    if (hot === undefined || !version.sections.includes(hot)) {
      bag.error(`The template section is invalid: ${section}`, node.origin);
      continue;
    }
    if (hot === "parameters") children.set(hot, parametersView(node, bag));
    else if (hot === "resources") children.set(hot, resourcesView(node, version, bag));
    else if (hot === "outputs") children.set(hot, membersView(node, OUTPUT_KEYS, version.outputKeys));
    else children.set(hot, node);
  }
  return new CfnTemplateView(root.origin, children, version);
}

/** Resources with their known keys under HOT's names (Heat: each must be a map with a Type). */
function resourcesView(section: RawNode, version: HotTemplateVersion, bag: DiagnosticBag): RawNode {
  const v = section.value;
  if (!isMap(v)) return section;
  const children = new Map<string | number, RawNode>();
  for (const name of Object.keys(v)) {
    const node = section.child(name);
    const body = node.value;
    if (body !== null && body !== undefined && !isMap(body)) {
      bag.error(`Resources must contain Resource. Found a [${pyClass(body)}] instead`, node.origin);
      continue;
    }
    if (!body?.Type) {
      bag.error("Each Resource must contain a Type key.", node.origin);
      continue;
    }
    children.set(name, renamed(node, RESOURCE_KEYS, version.resourceKeys));
  }
  return new ComposedNode(section.origin, children);
}

/** Each member of a section (outputs) with its known keys under HOT's names; anything else as it is. */
function membersView(section: RawNode, keys: Record<string, string>, allowed: string[]): RawNode {
  const v = section.value;
  if (!isMap(v)) return section;
  const children = new Map<string | number, RawNode>();
  for (const name of Object.keys(v)) {
    const node = section.child(name);
    children.set(name, isMap(node.value) ? renamed(node, keys, allowed) : node);
  }
  return new ComposedNode(section.origin, children);
}

function renamed(node: RawNode, keys: Record<string, string>, allowed: string[]): RawNode {
  const children = new Map<string | number, RawNode>();
  for (const k of Object.keys(node.value as object)) {
    const hot = keys[k];
    if (hot !== undefined && allowed.includes(hot)) children.set(hot, node.child(k));
  }
  return new ComposedNode(node.origin, children);
}

/** Parameters as HOT's schemas (heat/engine/parameters.py Schema.from_dict); invalid ones reported, left out. */
function parametersView(section: RawNode, bag: DiagnosticBag): RawNode {
  const v = section.value;
  if (!isMap(v)) return section;
  const children = new Map<string | number, RawNode>();
  for (const name of Object.keys(v)) {
    const node = section.child(name);
    const schema = parameterView(name, node);
    if (typeof schema === "string") bag.error(schema, node.origin, `In the definition of parameter "${name}".`);
    else children.set(name, schema);
  }
  return new ComposedNode(section.origin, children);
}

function parameterView(name: string, node: RawNode): RawNode | string {
  const d = node.value;
  if (!isMap(d)) return `Invalid parameter (${name}), expected a mapping`;
  for (const k of Object.keys(d)) if (!PARAMETER_KEYS.includes(k)) return `Invalid key '${k}' for parameter (${name})`;
  if (!Object.hasOwn(d, "Type")) return `Missing parameter type for parameter: ${name}`;
  const at = (k: string) => node.child(k).origin;
  const children = new Map<string | number, RawNode>();
  const type = d.Type;
  // HOT's names ("string") are no CFN types either
  if (typeof type !== "string" || !Object.hasOwn(PARAMETER_TYPES, type))
    return `Invalid type (${pyStr(type as Value)})`;
  children.set("type", new LeafNode(PARAMETER_TYPES[type], at("Type")));
  if (Object.hasOwn(d, "Default")) children.set("default", node.child("Default"));
  if (Object.hasOwn(d, "Description")) children.set("description", node.child("Description"));
  if (Object.hasOwn(d, "Label")) children.set("label", node.child("Label"));
  if (Object.hasOwn(d, "NoEcho"))
    children.set("hidden", new LeafNode(String(d.NoEcho).toLowerCase() === "true", at("NoEcho")));
  const constraints: RawNode[] = [];
  const constraint = (kind: string, value: RawNode, origin: Origin) => {
    const members = new Map<string | number, RawNode>([[kind, value]]);
    if (Object.hasOwn(d, "ConstraintDescription")) members.set("description", node.child("ConstraintDescription"));
    constraints.push(new ComposedNode(origin, members));
  };
  const bounds = (min: string, max: string, kind: string) => {
    if (!Object.hasOwn(d, min) && !Object.hasOwn(d, max)) return;
    const members = new Map<string | number, RawNode>();
    if (Object.hasOwn(d, min)) members.set("min", node.child(min));
    if (Object.hasOwn(d, max)) members.set("max", node.child(max));
    const origin = at(Object.hasOwn(d, min) ? min : max);
    constraint(kind, new ComposedNode(origin, members), origin);
  };
  bounds("MinValue", "MaxValue", "range");
  bounds("MinLength", "MaxLength", "length");
  if (Object.hasOwn(d, "AllowedValues")) constraint("allowed_values", node.child("AllowedValues"), at("AllowedValues"));
  if (Object.hasOwn(d, "AllowedPattern"))
    constraint("allowed_pattern", node.child("AllowedPattern"), at("AllowedPattern"));
  if (constraints.length)
    children.set("constraints", new ComposedNode(node.origin, new Map(constraints.map((c, i) => [i, c])), true));
  return new ComposedNode(node.origin, children);
}

/** Python's repr of a value's class, as Heat's "Found a [<class 'str'>]" shows it. */
function pyClass(v: unknown): string {
  return `<class '${pyTypeName(v as Value)}'>`;
}

/**
 * A stored template (as parsed) in HOT's shape, for what reads its sections outside the front end (a stack's
 * parameters, outputs, validate): `root` its node (a CFN template's errors are the front end's to report), `version`
 * its version's date when it names a known one, `cfn` whether it is CloudFormation-compatible.
 */
export function hotShapeOf(
  template: Record<string, unknown>,
  file: string,
): { root: RawNode; version?: string; cfn: boolean } {
  const root = asHotShape(new PathNode(file, [], template), new DiagnosticBag()) ?? new PathNode(file, [], {});
  if (root instanceof CfnTemplateView) return { root, version: root.version.date, cfn: true };
  const version = hotTemplateVersion(template.heat_template_version)?.date;
  return { root, ...(version !== undefined && { version }), cfn: false };
}
