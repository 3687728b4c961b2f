// The types Pulumi.yaml may declare for project config, and the check of a value against one, as Pulumi's
// workspace.ValidateConfigValue does it: "integer" takes whole numbers and strings that parse as integers, "boolean"
// takes true/false and the strings "true"/"false", "array" checks every item against `items`.

export interface ProjectConfigItems {
  type: string;
  items?: ProjectConfigItems;
}

export function validateConfigValue(type: string, items: ProjectConfigItems | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      if (typeof value === "number") return Number.isInteger(value);
      return typeof value === "string" && /^[+-]?\d+$/.test(value) && Number.isSafeInteger(Number(value));
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    default:
      if (!Array.isArray(value) || !items) return false;
      return value.every((x) => validateConfigValue(items.type, items.items, x));
  }
}

/** "array<array<string>>" for nested arrays, else the type name (Pulumi's InferFullTypeName). */
export function typeNameOf(type: string, items: ProjectConfigItems | undefined): string {
  return items ? `array<${typeNameOf(items.type, items.items)}>` : type;
}
