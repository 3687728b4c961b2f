// Rendering of file templates: text with ${name} placeholders filled from a
// map of variables. "$${" writes a literal "${". Values that are not strings
// are written as JSON (numbers and bools as plain text).

import { containsUnknown, UNKNOWN, type Value } from "../../contract/values.js";

const PLACEHOLDER = /\$\$\{|\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}/g;

/** The rendered text, or UNKNOWN when a used variable is not known yet. Throws on an undefined variable. */
export function renderTemplate(
  text: string,
  vars: Record<string, Value>,
  templateName: string,
): string | typeof UNKNOWN {
  let unknown = false;
  const out = text.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return "${"; // "$${" escape
    if (!Object.hasOwn(vars, name)) {
      throw new Error(`template ${templateName}: variable "${name}" is not set in vars`);
    }
    const v = vars[name]!;
    if (containsUnknown(v)) {
      unknown = true;
      return whole;
    }
    if (v === null) return "";
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return JSON.stringify(v);
  });
  return unknown ? UNKNOWN : out;
}
