// What a resource type tells Heat's API about itself, in Heat's own terms:
// its properties and attributes as `GET /resource_types/{type}` shows them
// (types, update_allowed, immutable, constraints, nested schemas), its
// support status, the text `with_description` shows, and what
// `get_resource` returns. Heat's own types (heat_random_string …) carry it;
// for gantry's types the API derives it from their attribute schemas.

/** Heat's property and attribute types, as its API spells them. */
export type HeatSchemaType = "string" | "number" | "integer" | "boolean" | "map" | "list" | "any";

/** A constraint in the form Heat's API shows it (`{"range": {"min": 1, "max": 512}}`, `{"allowed_values": […]}` …). */
export type HeatConstraint = (
  | { range: { min?: number; max?: number } }
  | { length: { min?: number; max?: number } }
  | { modulo: { step: number; offset: number } }
  | { allowed_values: (string | number)[] }
  | { allowed_pattern: string }
  | { custom_constraint: string }
) & { description?: string };

/** Heat's support statuses. */
export type HeatSupportStatusName = "UNKNOWN" | "SUPPORTED" | "DEPRECATED" | "UNSUPPORTED" | "HIDDEN";

export const HEAT_SUPPORT_STATUSES: readonly HeatSupportStatusName[] = [
  "UNKNOWN",
  "SUPPORTED",
  "DEPRECATED",
  "UNSUPPORTED",
  "HIDDEN",
];

/** A support status as Heat's API shows it. */
export interface HeatSupportStatus {
  status: HeatSupportStatusName;
  message: string | null;
  /** The Heat version it took this status in ("2014.1", "5.0.0"). */
  version: string | null;
  previous_status: HeatSupportStatus | null;
}

export interface HeatPropertySchema {
  type: HeatSchemaType;
  description?: string;
  default?: unknown;
  required?: boolean;
  /** Changes apply in place; otherwise a change replaces the resource. */
  updateAllowed?: boolean;
  /** May never change once set (an update that changes it fails). */
  immutable?: boolean;
  constraints?: HeatConstraint[];
  /** map: each key's schema; list: `{"*": schema of every element}`. */
  schema?: Record<string, HeatPropertySchema>;
  /** Hidden properties (deprecated out of sight) are accepted but never shown. */
  supportStatus?: HeatSupportStatus;
}

export interface HeatAttributeSchema {
  description: string;
  type?: HeatSchemaType;
}

/** The Heat side of a resource type. */
export interface HeatTypeDetails {
  properties: Record<string, HeatPropertySchema>;
  /** Attributes as Heat lists them (the `show` attribute every type has is added by the API). */
  attributes: Record<string, HeatAttributeSchema>;
  supportStatus: HeatSupportStatus;
  /** The type's description as `with_description` shows it. */
  description: string;
  /**
   * The gantry attribute `get_resource` (Ref) returns: "id" (the physical id) unless the type says otherwise
   * (OS::Heat::RandomString: its value). When that attribute is empty, Heat returns the resource's name.
   */
  referenceAttribute?: string;
  /**
   * The name Heat's generated templates give the resource (its plugin class: "NoneResource"); default: the last
   * part of the type's name.
   */
  templateName?: string;
  /**
   * The attributes Heat keeps as the resource's data (`resource_data`: abandon returns them, adopt gives them back
   * to the type's import).
   */
  resourceData?: string[];
}

/** A support status with no history. */
export function supportedSince(version: string): HeatSupportStatus {
  return { status: "SUPPORTED", message: null, version, previous_status: null };
}
