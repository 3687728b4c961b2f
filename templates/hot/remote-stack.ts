// OS::Heat::Stack (Heat's RemoteStack, heat/engine/resources/openstack/heat/remote_stack.py): a stack made from the
// template text given in its `template` property, with its `parameters`, through Heat's own API. Unlike a provider
// template's nested stack it is a stack of its own: no parent, listed among the top stacks, its resources not in
// its owner's resource list. gantry builds it on the provider-template machinery (a module instance beside a
// `heat_nested_stack` marked detached, templates/hot/provider-template.ts), so plan, apply and state need nothing
// of their own.
//
// As Heat does it:
// - properties: `template` (a string of HOT, required), `parameters` (a map, default {}), `timeout` (minutes),
//   `context` (a region or remote cloud: only the local one exists here, so it is accepted and ignored);
// - the stack's name is `<parent>-<resource>-<shortid>`, its rollback disabled, its environment the parent's
//   (registry, parameter_defaults) with `parameters` as its parameters; it sees the parent's files;
// - get_resource gives the stack's id; get_attr `outputs` the map of its outputs (`[r, outputs, KEY]` one of them),
//   `stack_name` its name;
// - every update of the parent updates it (Heat always issues the update and lets the stack's resources decide).

import type { DiagnosticBag, Origin } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import type { RawNode } from "../raw-config.js";
import type { HotEnvironment } from "./environment.js";
import type { HotResource } from "./hot-template.js";
import { readHotYaml } from "./hot-yaml.js";
import { asHotShape } from "../cfn/cfn-template.js";
import { checkedProperties, type GroupContext, staticValue } from "./resource-group.js";

export const REMOTE_STACK_TYPE = "OS::Heat::Stack";

/** The attributes of an OS::Heat::Stack. */
export const REMOTE_STACK_ATTRIBUTES = ["outputs", "stack_name"];

const PROPERTIES = ["context", "template", "timeout", "parameters"];
const CONTEXT_KEYS = ["region_name", "credential_secret_id", "ca_cert", "insecure"];

export interface RemoteStackSource {
  /** The template's text, as given. */
  text: string;
  /** The template read. */
  root: RawNode;
  /** The `parameters` property (a map node, or absent). */
  parameters: Map<string, RawNode>;
  /** `timeout` in minutes. */
  timeout?: number;
  /** A name for the template in messages and origins. */
  file: string;
}

/** The stack an OS::Heat::Stack resource makes, or undefined (reported). */
export function readRemoteStack(r: HotResource, ctx: GroupContext): RemoteStackSource | undefined {
  const bag = ctx.bag;
  const propsNode = r.node.child("properties");
  const checked = checkedProperties(r, propsNode, PROPERTIES, bag);
  if (!checked) return undefined;
  let ok = checked.ok;
  const at = (name: string): Origin => propsNode.child(name).origin;

  const template = staticValue(propsNode.child("template"), ctx, null, "Stack");
  if (template === undefined) return undefined;
  if (template === null) {
    bag.error(`Property error: resources.${r.heatName}.properties: Property template not assigned`, propsNode.origin);
    return undefined;
  }
  if (typeof template !== "string") {
    bag.error(`Property error: resources.${r.heatName}.properties.template: Value must be a string`, at("template"));
    return undefined;
  }

  const timeout = staticValue(propsNode.child("timeout"), ctx, null, "Stack");
  if (timeout === undefined) ok = false;
  else if (timeout !== null && !isInteger(timeout)) {
    bag.error(
      `Property error: resources.${r.heatName}.properties.timeout: Value '${String(timeout)}' is not an integer`,
      at("timeout"),
    );
    ok = false;
  }

  const context = propsNode.child("context");
  if (isMap(context.value)) {
    for (const k of Object.keys(context.value))
      if (!CONTEXT_KEYS.includes(k)) {
        bag.error(
          `Property error: resources.${r.heatName}.properties.context: Unknown Property ${k}`,
          context.child(k).origin,
        );
        ok = false;
      }
  } else if (context.value !== undefined && context.value !== null) {
    bag.error(`Property error: resources.${r.heatName}.properties.context: Value must be a map`, context.origin);
    ok = false;
  }

  const parameters = new Map<string, RawNode>();
  const paramsNode = propsNode.child("parameters");
  if (isMap(paramsNode.value)) {
    for (const k of Object.keys(paramsNode.value)) parameters.set(k, paramsNode.child(k));
  } else if (paramsNode.value !== undefined && paramsNode.value !== null) {
    bag.error(`Property error: resources.${r.heatName}.properties.parameters: Value must be a map`, paramsNode.origin);
    ok = false;
  }

  const file = `resources.${r.heatName}.properties.template`;
  const read = readHotYaml(file, template, bag);
  const root = read && asHotShape(read, bag);
  if (!root || !ok) return undefined;
  if (!isMap(root.value)) {
    bag.error(`Error parsing template ${file}: the template is not a map`, at("template"));
    return undefined;
  }
  return {
    text: template,
    root,
    parameters,
    file,
    ...(timeout !== null && timeout !== undefined ? { timeout: Number(timeout) } : {}),
  };
}

function isInteger(v: Value): boolean {
  if (typeof v === "number") return Number.isInteger(v);
  return typeof v === "string" && /^-?\d+$/.test(v.trim());
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Heat refuses a parameter the stack's template does not declare (the stack create fails with it). */
export function checkRemoteParameters(
  given: Iterable<[string, RawNode]>,
  declared: ReadonlySet<string>,
  bag: DiagnosticBag,
): boolean {
  let ok = true;
  for (const [name, node] of given) {
    if (declared.has(name)) continue;
    bag.error(`The Parameter (${name}) was not defined in template.`, node.origin);
    ok = false;
  }
  return ok;
}

/** The stack's environment: the parent's whole registry and parameter_defaults (its parameters given apart). */
export function remoteEnvironment(env: HotEnvironment): HotEnvironment {
  return {
    parameters: {},
    parameterDefaults: { ...env.parameterDefaults },
    resourceRegistry: { ...env.resourceRegistry },
    ...(env.parameterMergeStrategies && { parameterMergeStrategies: env.parameterMergeStrategies }),
  };
}
