// Static checks of references to Terraform's own objects (count, each, self,
// path, terraform, reserved names), made where the graph is built so that a
// misplaced `count.index` or `self` is a located error before anything is
// planned, worded as Terraform words it.

import type { RefExpr } from "./expressions/ast.js";
import { SELF_UNAVAILABLE } from "./expressions/references.js";

/** Where an expression sits: what its block makes available. */
export interface ReferenceContext {
  /** The block sets `count` (count.index is available). */
  count?: boolean;
  /** The block sets `for_each` (each.key and each.value are available). */
  forEach?: boolean;
  /** `self` is available (provisioner and connection blocks, postconditions). */
  self?: boolean;
}

export interface ReferenceProblem {
  summary: string;
  detail: string;
}

/** Roots that name Terraform's own objects, not resource types. */
export const OBJECT_ROOTS: ReadonlySet<string> = new Set([
  "count",
  "each",
  "path",
  "self",
  "terraform",
  "template",
  "lazy",
  "arg",
]);

function singleAttr(ref: RefExpr): string | ReferenceProblem {
  const first = ref.steps[0];
  if (!first)
    return {
      summary: "Invalid reference",
      detail: `The "${ref.root}" object cannot be accessed directly. Instead, access one of its attributes.`,
    };
  if (first.k !== "attr")
    return { summary: "Invalid reference", detail: `The "${ref.root}" object does not support this operation.` };
  return first.name;
}

/** The problem with a reference to one of OBJECT_ROOTS in `ctx`, or undefined when it is fine. */
export function checkObjectReference(ref: RefExpr, ctx: ReferenceContext): ReferenceProblem | undefined {
  switch (ref.root) {
    case "self":
      return ctx.self ? undefined : { summary: 'Invalid "self" reference', detail: SELF_UNAVAILABLE };
    case "template":
    case "lazy":
    case "arg":
      return {
        summary: "Reserved symbol name",
        detail:
          `The symbol name "${ref.root}" is reserved for use in a future Terraform version. If you are using a ` +
          'provider that already uses this as a resource type name, add the prefix "resource." to force ' +
          "interpretation as a resource type name.",
      };
  }
  const name = singleAttr(ref);
  if (typeof name !== "string") return name;
  switch (ref.root) {
    case "count":
      if (name !== "index")
        return {
          summary: 'Invalid "count" attribute',
          detail:
            `The "count" object does not have an attribute named "${name}". The only supported attribute is ` +
            'count.index, which is the index of each instance of a resource block that has the "count" argument set.',
        };
      return ctx.count
        ? undefined
        : {
            summary: 'Reference to "count" in non-counted context',
            detail:
              'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the ' +
              '"count" argument is set.',
          };
    case "each":
      if (name !== "key" && name !== "value")
        return {
          summary: 'Invalid "each" attribute',
          detail:
            `The "each" object does not have an attribute named "${name}". The supported attributes are each.key ` +
            'and each.value, the current key and value pair of the "for_each" attribute set.',
        };
      return ctx.forEach
        ? undefined
        : {
            summary: 'Reference to "each" in context without for_each',
            detail:
              'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" ' +
              "argument is set.",
          };
    case "path":
      return name === "module" || name === "root" || name === "cwd"
        ? undefined
        : {
            summary: 'Invalid "path" attribute',
            detail: `The "path" object does not have an attribute named "${name}".`,
          };
    case "terraform":
      return name === "workspace" || name === "applying"
        ? undefined
        : {
            summary: 'Invalid "terraform" attribute',
            detail:
              `The "terraform" object does not have an attribute named "${name}". The only supported attributes are ` +
              "terraform.workspace, the name of the currently-selected workspace, and terraform.applying, a boolean " +
              "which is true only during apply.",
          };
  }
  return undefined;
}

/** Terraform's detail for a reference to an input variable that is not declared. */
export function undeclaredVariableDetail(name: string): string {
  return (
    `An input variable with the name "${name}" has not been declared. This variable can be declared with a ` +
    `variable "${name}" {} block.`
  );
}

/** Terraform's detail for a reference to a local value that is not declared. */
export function undeclaredLocalDetail(name: string): string {
  return `A local value with the name "${name}" has not been declared.`;
}

/** Terraform's detail for a reference to a resource that is not declared ("managed" or "data"). */
export function undeclaredResourceDetail(mode: "managed" | "data", type: string, name: string): string {
  return `A ${mode} resource "${type}" "${name}" has not been declared in the root module.`;
}
