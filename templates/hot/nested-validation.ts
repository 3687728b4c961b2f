// What Heat's validation of a nested stack refuses. Heat validates the nested stack of a provider template, of a
// ResourceChain and of a ResourceGroup (the group: only its first member, and nothing when its count is 0) without
// checking property values (stack_resource.py validate_nested_stack: strict_validate False); what still fails is
// what a type's own validate() reads: OS::Heat::RandomString reads `length` (random_string.py validate), and a
// value Python's int() does not take is Heat's "Value 'BAD' is not an integer". Heat's message names the path of
// nested stacks: "ValueError: resources.group<nested_stack>.resources.0<provider.yaml>.resources.random: …".
// Not as Heat: the stack itself (strict) is not checked here; gantry refuses such values when it plans.

import { modelTypeOfHeatType } from "../../contract/heat-type-names.js";
import { isUnknown, type Value } from "../../contract/values.js";

/** Per Heat type, the integer properties its validate() reads. */
const READ_BY_VALIDATE: Record<string, string[]> = {
  "OS::Heat::RandomString": ["length"],
};

/** Python's int() of a string: digits with an optional sign, underscores between digits, spaces around. */
const PYTHON_INT = /^\s*[+-]?\d+(_\d+)*\s*$/;

/** The integer properties a resource of `modelType` reads when Heat validates it; none for most. */
export function propertiesReadByValidate(modelType: string): string[] {
  for (const [heatType, props] of Object.entries(READ_BY_VALIDATE))
    if (modelTypeOfHeatType(heatType) === modelType) return props;
  return [];
}

/** Heat's complaint about `value` as an integer property's value, or undefined when int() takes it. */
export function notAnIntegerText(value: Value): string | undefined {
  if (typeof value !== "string" || isUnknown(value) || PYTHON_INT.test(value)) return undefined;
  return `Value '${value}' is not an integer`;
}

/** Heat's name of a nested stack in validation errors: "resources.NAME<template>" below its parent's. */
export function nestedStackPath(parent: string | undefined, resource: string, template: string): string {
  return `${parent ? `${parent}.` : ""}resources.${resource}<${template}>`;
}
