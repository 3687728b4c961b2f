// The providers gantry has built in, by Terraform source address: gantry's
// own resource types, the null provider's and the built-in `terraform`
// provider's. Which provider a resource type belongs to follows Terraform's
// rule (the type name up to its first underscore is the provider's local
// name); gantry's short YAML type names ("file") are gantry's. A leaf of the
// contract: front ends, the engine and the CLI all ask it.

export interface BuiltinProvider {
  /** The local name configurations use ("gantry", "null", "terraform"). */
  localName: string;
  /** Fully qualified source address, as Terraform prints it. */
  source: string;
}

export const GANTRY_PROVIDER: BuiltinProvider = { localName: "gantry", source: "registry.terraform.io/gantry/gantry" };
export const NULL_PROVIDER: BuiltinProvider = { localName: "null", source: "registry.terraform.io/hashicorp/null" };
export const TERRAFORM_PROVIDER: BuiltinProvider = {
  localName: "terraform",
  source: "terraform.io/builtin/terraform",
};
/** Heat's own resource types (OS::Heat::RandomString is heat_random_string), usable from every language. */
export const HEAT_PROVIDER: BuiltinProvider = { localName: "heat", source: "registry.terraform.io/gantry/heat" };
export const BUILTIN_PROVIDERS: readonly BuiltinProvider[] = [
  GANTRY_PROVIDER,
  NULL_PROVIDER,
  TERRAFORM_PROVIDER,
  HEAT_PROVIDER,
];

/** The built-in provider a resource type belongs to (the part of its name before the first "_"; gantry's else). */
export function builtinProviderOfType(type: string): BuiltinProvider {
  return BUILTIN_PROVIDERS.find((p) => type.startsWith(`${p.localName}_`)) ?? GANTRY_PROVIDER;
}

/**
 * A source address as written in `required_providers` ("hashicorp/null",
 * "registry.terraform.io/hashicorp/null", "null") made fully qualified, as
 * Terraform does: a missing hostname is the public registry, a missing
 * namespace "hashicorp"; "terraform" alone is the built-in provider.
 */
export function qualifiedSource(source: string): string {
  const parts = source.trim().toLowerCase().split("/");
  if (parts.length === 1)
    return parts[0] === "terraform" ? TERRAFORM_PROVIDER.source : `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join("/")}`;
  return parts.join("/");
}

/**
 * The built-in provider a source address names. gantry's provider is found by
 * its type ("gantry") under any hostname and namespace; the others by their
 * exact address.
 */
export function builtinProviderFor(source: string): BuiltinProvider | undefined {
  const q = qualifiedSource(source);
  if (q.split("/")[2] === "gantry") return GANTRY_PROVIDER;
  return BUILTIN_PROVIDERS.find((p) => p.source === q);
}
