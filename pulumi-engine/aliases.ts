// A registration's aliases as Pulumi's engine computes them (step_generator.go generateAliases): each alias the
// program gives (a URN, or a spec of name, type, parent, stack and project defaulting to the resource's own) is
// collapsed to a URN, a spec's parent standing for the old URN that parent was matched by; then, when the resource's
// parent was itself matched through an alias, the same name and type under that old parent (and each of the
// resource's own aliases under it) — so the children of a renamed, retyped or re-parented component keep their state
// through the generations. A child named after its parent (`${name}-child`) follows its parent's old name.

import { makeUrn, ROOT_STACK_TYPE, urnName, urnQualifiedType, urnType } from "./urn.js";

/** One alias as the program sends it (RegisterResourceRequest.aliases). */
export interface AliasSpec {
  /** A whole old URN (the rest is then unused). */
  urn?: string;
  name?: string;
  type?: string;
  stack?: string;
  project?: string;
  /** The old parent (a current parent's URN stands for the old URN it was matched by). */
  parentUrn?: string;
  /** The resource had no parent. */
  noParent?: boolean;
}

export interface AliasContext {
  stack: string;
  project: string;
  /** The old URN a resource registered in this run was matched by through an alias (undefined: none). */
  matchedAlias(urn: string): string | undefined;
}

function collapse(ctx: AliasContext, name: string, type: string, parent: string, alias: AliasSpec): string {
  if (alias.urn) return alias.urn;
  let p = parent;
  if (alias.parentUrn) p = ctx.matchedAlias(alias.parentUrn) ?? alias.parentUrn;
  if (alias.noParent || (p && urnQualifiedType(p) === ROOT_STACK_TYPE)) p = "";
  return makeUrn(
    alias.stack || ctx.stack,
    alias.project || ctx.project,
    alias.type || type,
    alias.name || name,
    p || undefined,
  );
}

/** The child's URN under its parent's old URN (a name starting with the parent's follows the parent's old name). */
function inheritedChildAlias(ctx: AliasContext, type: string, name: string, parentName: string, parentAlias: string) {
  const aliasName = name.startsWith(parentName) ? urnName(parentAlias) + name.slice(parentName.length) : name;
  return makeUrn(ctx.stack, ctx.project, type, aliasName, parentAlias);
}

/** Every URN the resource may have been recorded under, in Pulumi's order, without repeats. */
export function generateAliases(
  ctx: AliasContext,
  name: string,
  type: string,
  parent: string,
  aliases: readonly AliasSpec[],
): string[] {
  const out = new Set<string>();
  for (const a of aliases) out.add(collapse(ctx, name, type, parent, a));
  const parentAlias = parent ? ctx.matchedAlias(parent) : undefined;
  if (parent && parentAlias) {
    const parentName = urnName(parent);
    out.add(inheritedChildAlias(ctx, type, name, parentName, parentAlias));
    for (const a of aliases) {
      const child = collapse(ctx, name, type, parent, a);
      out.add(inheritedChildAlias(ctx, urnType(child), urnName(child), parentName, parentAlias));
    }
  }
  return [...out];
}
