// A Heat stack's sources as configuration files: the template, its
// environments in order and its `files` map, laid out so that a workspace
// given them in memory (the API server's stacks) or a directory holding them
// (`gantry plan` on a saved stack) loads through the HOT front end.
//
//   stack.hot.yaml            the template (YAML, or JSON, which is YAML)
//   stack.hot-env-000.yaml    the environments, in the order they apply
//   stack.hot-files.json      the `files` map: {name as the template writes it: content}
//   stack.hot-adopt.json      present when the stack adopts existing resources (Heat's adopt_stack_data): their
//                             ids and data by resource name (groups' members under the group's `resources`)
//   stack.hot-validate.json   present when the stack is only validated (Heat's template validate): parameters
//                             need no values (those without one are unknown) and values are not checked

import type { SourceFile } from "../../planner/model.js";

export const HOT_TEMPLATE_FILE = "stack.hot.yaml";
export const HOT_FILES_FILE = "stack.hot-files.json";
export const HOT_VALIDATE_FILE = "stack.hot-validate.json";
export const HOT_ADOPT_FILE = "stack.hot-adopt.json";
const ENVIRONMENT_PREFIX = "stack.hot-env-";

/** The file name of the environment at `index` (names sort in the order environments apply). */
export function hotEnvironmentFile(index: number): string {
  return `${ENVIRONMENT_PREFIX}${String(index).padStart(3, "0")}.yaml`;
}

/** True for a file name of a HOT stack's layout. */
export function isHotFileName(name: string): boolean {
  return (
    name === HOT_TEMPLATE_FILE ||
    name === HOT_FILES_FILE ||
    name === HOT_VALIDATE_FILE ||
    name === HOT_ADOPT_FILE ||
    /^stack\.hot-env-\d{3}\.yaml$/.test(name)
  );
}

export interface HotSources {
  /** The template: its text, or as parsed. */
  template: string | Record<string, unknown>;
  /** Environments in order (later ones win): their text, or as parsed. */
  environments?: (string | Record<string, unknown>)[];
  files?: Record<string, string>;
  /** Parameter values given with the request: they win over every environment (an environment of their own, last). */
  parameters?: Record<string, unknown>;
  /** Only validating (Heat's template validate): parameters need no values, and values are not checked. */
  validateOnly?: boolean;
  /** Adopting (Heat's adopt_stack_data `resources`): the existing resources, by name, taken over instead of made. */
  adopt?: Record<string, unknown>;
}

/** The configuration files of a stack's sources. */
export function hotSourceFiles(src: HotSources): SourceFile[] {
  const text = (t: string | Record<string, unknown>) => (typeof t === "string" ? t : `${JSON.stringify(t, null, 2)}\n`);
  const envs = [...(src.environments ?? [])];
  if (src.parameters && Object.keys(src.parameters).length > 0) envs.push({ parameters: src.parameters });
  return [
    { path: HOT_TEMPLATE_FILE, content: text(src.template) },
    ...envs.map((e, i) => ({ path: hotEnvironmentFile(i), content: text(e) })),
    ...(src.files && Object.keys(src.files).length > 0
      ? [{ path: HOT_FILES_FILE, content: `${JSON.stringify(src.files, null, 2)}\n` }]
      : []),
    ...(src.validateOnly ? [{ path: HOT_VALIDATE_FILE, content: "{}\n" }] : []),
    ...(src.adopt ? [{ path: HOT_ADOPT_FILE, content: `${JSON.stringify(src.adopt, null, 2)}\n` }] : []),
  ];
}
