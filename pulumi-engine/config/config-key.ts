// Pulumi configuration keys (sdk/go/common/resource/config/key.go): `<namespace>:<name>`, or the old form
// `<namespace>:config:<name>`; neither part may contain a colon. In Pulumi.yaml a key without a namespace belongs to
// the project.

export interface ConfigKey {
  namespace: string;
  name: string;
}

/** Pulumi's words for a key that is not `<namespace>:<name>`. */
export function badConfigKeyMessage(text: string): string {
  return (
    `could not parse ${text} as a configuration key ` +
    "(configuration keys should be of the form `<namespace>:<name>`)"
  );
}

/** Parse a namespaced key as Pulumi's config.ParseKey does; throws Error with Pulumi's words. */
export function parseConfigKey(text: string): ConfigKey {
  const parts = text.split(":");
  if (parts.length === 2) return { namespace: parts[0], name: parts[1] };
  if (parts.length === 3 && parts[1] === "config" && parts[0] !== "" && parts[2] !== "")
    return { namespace: parts[0], name: parts[2] };
  throw new Error(badConfigKeyMessage(text));
}

/** A key as Pulumi.yaml writes it: namespaced, or the project's when it has no colon. */
export function parseProjectConfigKey(projectName: string, text: string): ConfigKey {
  return text.includes(":") ? parseConfigKey(text) : { namespace: projectName, name: text };
}

/** True when a Pulumi.yaml config key belongs to the project (no namespace, or the project's). */
export function isProjectNamespaced(projectName: string, text: string): boolean {
  return !text.includes(":") || text.startsWith(`${projectName}:`);
}

/** `namespace:name`. */
export function formatConfigKey(key: ConfigKey): string {
  return `${key.namespace}:${key.name}`;
}
