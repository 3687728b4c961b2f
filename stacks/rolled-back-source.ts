// What Heat keeps of a stack whose create was rolled back: an empty template of
// the same format version (`{"heat_template_version": "2016-10-14"}`), no
// environment, no files, no parameters (Heat 19, recorded 3 December 2026:
// `GET …/template`, `…/environment`, `…/files` and the stack's parameters, only
// the pseudo parameters left; its description "No description").

import type { StackSource } from "./stack-records.js";

const VERSION_KEYS = ["heat_template_version", "HeatTemplateFormatVersion", "AWSTemplateFormatVersion"];

export function rolledBackCreateSource(source: StackSource): StackSource {
  const template: Record<string, unknown> = {};
  for (const k of VERSION_KEYS) if (Object.hasOwn(source.template, k)) template[k] = source.template[k];
  return { template, environments: [], files: {}, parameters: {} };
}
