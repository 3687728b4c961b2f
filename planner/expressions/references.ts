// References to named things: `var.x`, `local.x`, `count.index`, `each.key`/
// `each.value`, `path.module`/`path.root`/`path.cwd`, `terraform.workspace`,
// `self`, `data.t.n`, `module.n` and resources (`type.name`), with
// Terraform's errors for the ones that do not exist or are not available.

import { UNKNOWN, isUnknown, type Value } from "../../contract/values.js";
import type { RefExpr } from "./ast.js";
import { applyStepsIn, ev, evalError, type Bindings, type EvalScope } from "./evaluate.js";

/** Roots that are not resource types: Terraform's own objects. */
export const BUILTIN_ROOTS: ReadonlySet<string> = new Set([
  "var",
  "local",
  "count",
  "each",
  "path",
  "self",
  "terraform",
  "data",
  "module",
  "resource",
  "template",
  "lazy",
  "arg",
]);

/** The attribute name a single-attribute object (`var`, `count`, `path`, ...) is followed by. */
function attrName(e: RefExpr, root: string): string {
  const first = e.steps[0];
  if (!first)
    throw evalError(
      "Invalid reference",
      `The "${root}" object cannot be accessed directly. Instead, access one of its attributes.`,
    );
  if (first.k !== "attr") throw evalError("Invalid reference", `The "${root}" object does not support this operation.`);
  return first.name;
}

export const SELF_UNAVAILABLE =
  'The "self" object is not available in this context. This object can be used only in resource provisioner, ' +
  "connection, and postcondition blocks.";

export function evaluateReference(e: RefExpr, scope: EvalScope, env: Bindings): Value {
  const { root, steps } = e;
  switch (root) {
    case "var":
      return applyStepsIn(scope.variable(attrName(e, root)), steps, 1, scope, env);
    case "local":
      return applyStepsIn(scope.local(attrName(e, root)), steps, 1, scope, env);
    case "count": {
      const n = attrName(e, root);
      if (n !== "index")
        throw evalError(
          'Invalid "count" attribute',
          `The "count" object does not have an attribute named "${n}". The only supported attribute is count.index, ` +
            'which is the index of each instance of a resource block that has the "count" argument set.',
        );
      if (scope.countIndex === undefined)
        throw evalError(
          'Reference to "count" in non-counted context',
          'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" ' +
            "argument is set.",
        );
      return applyStepsIn(scope.countIndex, steps, 1, scope, env);
    }
    case "each": {
      const n = attrName(e, root);
      if (n !== "key" && n !== "value")
        throw evalError(
          'Invalid "each" attribute',
          `The "each" object does not have an attribute named "${n}". The supported attributes are each.key and ` +
            'each.value, the current key and value pair of the "for_each" attribute set.',
        );
      if (!scope.each)
        throw evalError(
          'Reference to "each" in context without for_each',
          'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" ' +
            "argument is set.",
        );
      return applyStepsIn(n === "key" ? scope.each.key : scope.each.value, steps, 1, scope, env);
    }
    case "path": {
      const n = attrName(e, root);
      const v =
        n === "module"
          ? scope.pathModule
          : n === "root"
            ? (scope.pathRoot ?? scope.pathModule)
            : n === "cwd"
              ? scope.cwd
              : undefined;
      if (v === undefined)
        throw evalError('Invalid "path" attribute', `The "path" object does not have an attribute named "${n}".`);
      return applyStepsIn(v, steps, 1, scope, env);
    }
    case "terraform": {
      const n = attrName(e, root);
      if (n === "workspace") return applyStepsIn(scope.workspace ?? "default", steps, 1, scope, env);
      if (n === "applying") return applyStepsIn(scope.applying ?? false, steps, 1, scope, env);
      if (n === "env")
        throw evalError(
          'Invalid "terraform" attribute',
          'The terraform.env attribute was deprecated in v0.10 and removed in v0.12. The "state environment" concept ' +
            'was renamed to "workspace" in v0.12, and so the workspace name can now be accessed using the ' +
            "terraform.workspace attribute.",
        );
      throw evalError(
        'Invalid "terraform" attribute',
        `The "terraform" object does not have an attribute named "${n}". The only supported attributes are ` +
          "terraform.workspace, the name of the currently-selected workspace, and terraform.applying, a boolean " +
          "which is true only during apply.",
      );
    }
    case "self":
      if (!scope.self) throw evalError('Invalid "self" reference', SELF_UNAVAILABLE);
      return applyStepsIn(scope.self(), steps, 0, scope, env);
    case "data": {
      const [type, name] = twoNames(e, "data", "the data source type and the resource name");
      if (!scope.dataResource)
        throw evalError(
          "Reference to undeclared resource",
          `A data resource "${type}" "${name}" has not been declared in the root module.`,
        );
      return applyStepsIn(scope.dataResource(type, name), steps, 2, scope, env);
    }
    case "module": {
      const name = attrName(e, root);
      if (!scope.module)
        throw evalError("Reference to undeclared module", `The configuration contains no module.${name}.`);
      return applyStepsIn(scope.module(name), steps, 1, scope, env);
    }
    case "resource": {
      const [type, name] = twoNames(e, "resource", "the resource type and the resource name");
      return resourceValue(e, type, name, 2, scope, env);
    }
    case "template":
    case "lazy":
    case "arg":
      throw evalError(
        "Reserved symbol name",
        `The symbol name "${root}" is reserved for use in a future Terraform version. If you are using a provider ` +
          'that already uses this as a resource type name, add the prefix "resource." to force interpretation as a ' +
          "resource type name.",
      );
    default: {
      const first = steps[0];
      if (first?.k !== "attr")
        throw evalError(
          "Invalid reference",
          "A reference to a resource type must be followed by at least one attribute access, specifying the " +
            "resource name.",
        );
      return resourceValue(e, root, first.name, 1, scope, env);
    }
  }
}

function twoNames(e: RefExpr, root: string, what: string): [string, string] {
  const [a, b] = e.steps;
  if (a?.k !== "attr" || b?.k !== "attr")
    throw evalError("Invalid reference", `The "${root}" object must be followed by two attribute names: ${what}.`);
  return [a.name, b.name];
}

/** `type.name...`: the steps from `from` on apply to the resource. */
function resourceValue(e: RefExpr, type: string, name: string, from: number, scope: EvalScope, env: Bindings): Value {
  const next = e.steps[from];
  if (next?.k === "index" && scope.resourceInstance) {
    // type.name[key]...: look the instance up directly (a for_each of thousands is not rebuilt per reference)
    const key = ev(next.index, scope, env);
    if (isUnknown(key)) return UNKNOWN;
    if (typeof key === "number" || typeof key === "string") {
      const one = scope.resourceInstance(type, name, key);
      if (one !== undefined) return applyStepsIn(one, e.steps, from + 1, scope, env);
    }
  }
  return applyStepsIn(scope.resource(type, name), e.steps, from, scope, env);
}
