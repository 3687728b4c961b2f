// Where Heat says an error is. Heat validates the functions in a resource's
// definition and in an output's value with their place, and its message
// names it: "outputs.o.value.Fn::Join: The template version is invalid: …",
// a list item as "value[0]". gantry's diagnostics carry that place as their
// origin (the function's key in the template); this gives Heat's text.

import type { Diagnostic } from "../../contract/diagnostics.js";
import { fieldPath } from "../fragment.js";
import { HOT_TEMPLATE_FILE } from "./hot-sources.js";
import { functionKind, HOT_TEMPLATE_VERSIONS } from "./template-versions.js";

/** Sections whose functions Heat validates with their place. */
const LOCATED_SECTIONS = new Set(["resources", "outputs"]);

function isFunctionName(name: string | number | undefined): boolean {
  return typeof name === "string" && HOT_TEMPLATE_VERSIONS.some((v) => functionKind(v, name) !== undefined);
}

/**
 * The diagnostic's message as Heat words it: an error at a function in a resource or an output of the stack's
 * template prefixed with its place, as Heat's validation does; any other as it is.
 */
export function heatLocatedMessage(d: Diagnostic): string {
  const text = d.detail ? `${d.summary}: ${d.detail}` : d.summary;
  const path = d.origin?.path ?? [];
  if (d.origin?.file !== HOT_TEMPLATE_FILE || !LOCATED_SECTIONS.has(String(path[0]))) return text;
  if (!isFunctionName(path[path.length - 1])) return text;
  const place = fieldPath(path);
  return text.startsWith(`${place}: `) ? text : `${place}: ${text}`;
}
