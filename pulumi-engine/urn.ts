// Pulumi's resource names (URNs): urn:pulumi:STACK::PROJECT::QUALIFIED_TYPE::NAME, where the qualified type is the
// parent's qualified type, "$", and the type (the root stack resource is no one's prefix).

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function makeUrn(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
  let qualified = type;
  if (parentUrn) {
    const parentType = urnQualifiedType(parentUrn);
    if (parentType !== ROOT_STACK_TYPE) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The qualified type of a URN (parent types and the type, joined by "$"). */
export function urnQualifiedType(urn: string): string {
  const parts = urn.split("::");
  return parts[2] ?? "";
}

/** The resource's own type (the last of the qualified type). */
export function urnType(urn: string): string {
  const q = urnQualifiedType(urn).split("$");
  return q[q.length - 1];
}

/** The resource's name (everything after the qualified type: names may hold "::"). */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}
