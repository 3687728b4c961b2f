// Heat's nested stacks through provider templates, in the config model: a resource whose type is a template file
// (`type: my_server.yaml`, or a type the resource_registry maps to one) is a nested stack. The nested template is
// compiled by the same HOT front end into a Config of its own, called as a module instance named like the
// resource (`module.<name>`): the planner expands it as it expands Terraform's modules (its resources are
// `module.<name>.<type>.<name>`), so plan, apply and state need nothing of their own. Beside the module, the
// resource itself is a `heat_nested_stack` (provider/types/heat/heat-nested-stack.ts) made after every resource
// of the module: its id is the nested stack's, its `outputs` the nested stack's outputs (get_attr).
//
// As Heat does it (heat/engine/resources/template_resource.py, stack_resource.py, environment.py):
// - the resource's properties are the nested template's parameters; a property the template does not declare is
//   refused; values known when the template is read are checked against the parameter's schema, others (that
//   refer to resources) arrive at run time as the module's inputs;
// - the nested stack's environment is the parent's, with its per-resource `resources:` entries for this resource
//   (environment.ts nestedEnvironment) and without the mapping that led here (a type mapped to a template that
//   uses the same type gets the real type inside), its parameter_defaults kept;
// - get_attr: an output of the nested template, `resource.NAME.ATTR` (or `[resource.NAME, ATTR]`) for an
//   attribute of one of its resources, `OS::stack_id`; get_resource: the output `OS::stack_id` if the template
//   declares it, else the nested stack's ARN;
// - the nested stack's id and name (`<parent>-<resource>-<shortid>`) are derived from the parent stack's id and
//   the resource's name, so that they stay the same across updates (the nested stack is updated in place).

import { createHash } from "node:crypto";
import { v5 as uuidv5 } from "uuid";
import type { DiagnosticBag, Origin } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import { evaluateConstant } from "../../planner/constant-expression.js";
import type { Expr } from "../../planner/expressions/ast.js";
import { type Config, emptyConfig, type ModuleCallConfig, type VariableConfig } from "../../planner/model.js";
import { ANY_TYPE } from "../../planner/type-constraint.js";
import type { ConfigFragment } from "../fragment.js";
import type { RawNode } from "../raw-config.js";
import type { HotEnvironment } from "./environment.js";
import { nestedEnvironment } from "./resource-registry.js";

/** The model type of a nested stack's resource in its parent. */
export const NESTED_STACK_MODEL_TYPE = "heat_nested_stack";

/** Heat's limit of nesting (max_nested_stack_depth). */
export const MAX_NESTED_DEPTH = 5;

/** Outputs added to a nested template for `get_attr: [provider, resource.NAME.ATTR]` start with this. */
export const RESOURCE_ATTRIBUTE_OUTPUT = "resource.";
/**
 * The prefix of an output added for an output whose value cannot be computed (known when the template is read: a
 * parameter not declared, a member a group lacks …): its text, Heat's output_error; the output itself is null.
 */
export const OUTPUT_ERROR_OUTPUT = "output_error.";
/** The prefix of an output added for a resource's `metadata`, resolved (Heat's resource metadata API). */
export const METADATA_OUTPUT = "metadata.";

/** True for an output gantry added to a template (not one of the template's own). */
export function isAddedOutput(name: string): boolean {
  return (
    name.startsWith(RESOURCE_ATTRIBUTE_OUTPUT) ||
    name.startsWith(OUTPUT_ERROR_OUTPUT) ||
    name.startsWith(METADATA_OUTPUT)
  );
}

const NAMESPACE = "4f0c3c52-63a0-4d6e-9d0e-3f1b6f8f5a21";
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** Who a nested stack is: derived from its parent's id and the resource's name (stable across updates). */
export function nestedStackIdentity(
  parentId: string,
  parentName: string,
  resourceName: string,
  /** Another nested stack of the same resource (one it is replaced by): what tells them apart. */
  generation?: string,
): { id: string; name: string } {
  const id = uuidv5(`${parentId}/${resourceName}${generation ? `#${generation}` : ""}`, NAMESPACE);
  const digest = createHash("sha256").update(id).digest();
  let short = "";
  for (let i = 0; i < 12; i++) short += BASE32[(digest[i] as number) & 31];
  return { id, name: `${parentName}-${resourceName}-${short}` };
}

/** The Heat ARN of a stack, as get_resource on a provider resource gives it. */
export function stackArn(project: string, name: string, id: string): string {
  return `arn:openstack:heat::${project}:stacks/${name}/${id}`;
}

/** The environment of the nested stack of `resourceName`, reached through the registry entry `heatType` → `file`. */
export function providerEnvironment(
  env: HotEnvironment,
  resourceName: string,
  heatType: string,
  file: string,
): HotEnvironment {
  const nested = nestedEnvironment(env, resourceName);
  const registry = { ...nested.resourceRegistry };
  if (registry[heatType] === file) delete registry[heatType];
  const own = registry.resources;
  if (own && typeof own === "object" && !Array.isArray(own) && (own as Record<string, unknown>)[heatType] === file) {
    const copy = { ...(own as Record<string, unknown>) };
    delete copy[heatType];
    registry.resources = copy;
  }
  return {
    parameters: {},
    parameterDefaults: { ...env.parameterDefaults },
    resourceRegistry: registry,
    ...(env.parameterMergeStrategies && { parameterMergeStrategies: env.parameterMergeStrategies }),
  };
}

/** A provider resource's properties split into values known now (parameters) and at run time (module inputs). */
export function splitProperties(properties: Map<string, { node: RawNode; expr: Expr }>): {
  known: Record<string, Value>;
  later: Map<string, { expr: Expr; origin: Origin }>;
} {
  const known: Record<string, Value> = {};
  const later = new Map<string, { expr: Expr; origin: Origin }>();
  for (const [name, { node, expr }] of properties) {
    try {
      known[name] = evaluateConstant(expr);
    } catch {
      later.set(name, { expr, origin: node.origin });
    }
  }
  return { known, later };
}

/** The Config of a nested template from its fragment, with a variable for each parameter given at run time. */
export function nestedConfig(
  file: string,
  frag: ConfigFragment,
  later: Map<string, { expr: Expr; origin: Origin }>,
): Config {
  const config = emptyConfig(`/${file}`);
  for (const r of frag.resources) config.resources.set(r.key, r);
  for (const o of frag.outputs) config.outputs.set(o.name, o);
  for (const l of frag.locals) config.locals.set(l.name, l);
  for (const m of frag.modules) config.modules?.set(m.name, m);
  for (const i of frag.imports) config.imports.push(i);
  for (const [name, { origin }] of later) config.variables.set(name, runtimeParameter(name, origin));
  return config;
}

function runtimeParameter(name: string, origin: Origin): VariableConfig {
  return {
    name,
    type: "any",
    constraint: ANY_TYPE,
    textAsLiteral: true,
    hasDefault: false,
    nullable: true,
    validations: [],
    origin,
  };
}

/** The module call of a nested stack: the module named like the resource, its run-time parameters as inputs. */
export function nestedModuleCall(
  modelName: string,
  file: string,
  origin: Origin,
  config: Config,
  later: Map<string, { expr: Expr; origin: Origin }>,
  dependsOn: { ref: string; origin: Origin }[],
): ModuleCallConfig {
  const inputs: ModuleCallConfig["inputs"] = {};
  for (const [name, { expr, origin: at }] of later) inputs[name] = { value: expr, origin: at };
  return { name: modelName, source: file, sourceOrigin: origin, inputs, dependsOn, origin, config };
}

/** `module.<name>`: the outputs of the nested stack, as the module expansion names them. */
export function moduleOutputsRef(modelName: string): Expr {
  return { k: "ref", root: "module", steps: [{ k: "attr", name: modelName }], text: `module.${modelName}` };
}

/** Heat's check that a provider resource's properties are parameters of its template; false when one is not. */
export function checkProviderProperties(
  resourceName: string,
  properties: Iterable<[string, RawNode]>,
  declared: ReadonlySet<string>,
  bag: DiagnosticBag,
): boolean {
  let ok = true;
  for (const [name, node] of properties) {
    if (declared.has(name)) continue;
    bag.error(`Property error: resources.${resourceName}.properties: Unknown Property ${name}`, node.origin);
    ok = false;
  }
  return ok;
}

/** A parameter type as the property type Heat makes of it (properties.Schema.from_parameter). */
const PROPERTY_TYPES: Record<string, string> = {
  string: "String",
  number: "Number",
  comma_delimited_list: "List",
  json: "Map",
  boolean: "Boolean",
};

/**
 * Heat's check of a provider template that stands in for a type another template already provides (a facade: the
 * global mapping gives `facade`, a per-resource one `provider`): the provider takes every parameter the facade
 * requires, with the same type, requires none the facade lacks, and has every output of the facade. The first
 * mismatch is reported (at `at`), as Heat raises it; false then.
 */
export function checkAgainstFacade(
  heatType: string,
  facade: RawNode,
  provider: RawNode,
  at: Origin,
  bag: DiagnosticBag,
): boolean {
  const params = (root: RawNode): Map<string, { type: string; required: boolean }> => {
    const out = new Map<string, { type: string; required: boolean }>();
    const v = root.child("parameters").value;
    if (v === null || typeof v !== "object" || Array.isArray(v)) return out;
    for (const [name, p] of Object.entries(v as Record<string, unknown>)) {
      const body = p !== null && typeof p === "object" ? (p as Record<string, unknown>) : {};
      const type = PROPERTY_TYPES[String(body.type)] ?? String(body.type);
      out.set(name, { type, required: !Object.hasOwn(body, "default") });
    }
    return out;
  };
  const outputs = (root: RawNode): string[] => {
    const v = root.child("outputs").value;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : [];
  };
  const fail = (message: string): false => {
    bag.error(message, at);
    return false;
  };
  const fs = params(facade);
  const ps = params(provider);
  for (const [n, f] of fs) {
    const p = ps.get(n);
    if (f.required && !p) return fail(`Required property ${n} for facade ${heatType} missing in provider`);
    if (p && p.type !== f.type)
      return fail(`Property ${n} type mismatch between facade ${heatType} (${f.type}) and provider (${p.type})`);
  }
  for (const [n, p] of ps)
    if (p.required && !fs.has(n)) return fail(`Provider requires property ${n} unknown in facade ${heatType}`);
  const provided = new Set(outputs(provider));
  for (const attr of outputs(facade))
    if (!provided.has(attr)) return fail(`Attribute ${attr} for facade ${heatType} missing in provider`);
  return true;
}
