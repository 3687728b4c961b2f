// The conf-dir convention shared by Mesosphere's Marathon and Chronos packages
// (bin/marathon-framework, chronos-pkg bin/chronos-framework): each regular file
// <dir>/<name> becomes --<name> <contents>; a file named ?<name> becomes --<name>
// with no value; a flag given on the command line suppresses its file.

import { flagValueText, sortedEntries, type FlagValue } from "./config-text.js";
import type { ServiceFile } from "./generated-service.js";

export interface ConfDirSpec {
  /** "marathon" | "chronos" (for messages). */
  service: string;
  dir: string;
  accepted: readonly string[];
  /** Flags that are switches (a `?name` file); true → ?name, false → ?<negation(name)>. */
  negation: (name: string) => string | undefined;
  /** Names accepted upstream that must not be configured (print-and-exit flags). */
  refused?: readonly string[];
}

/** Throw on the first override name the service does not accept (naming flag and service). */
export function checkConfOverrides(spec: ConfDirSpec, overrides: Record<string, FlagValue>): void {
  for (const [name, value] of sortedEntries(overrides)) {
    if (!spec.accepted.includes(name))
      throw new Error(`${spec.service}: unknown flag "${name}" (not in the ${spec.service} flag list)`);
    if (spec.refused?.includes(name))
      throw new Error(`${spec.service}: flag "${name}" only prints and exits; it cannot be configured`);
    if (value === false && spec.negation(name) === undefined)
      throw new Error(`${spec.service}: flag "${name}" has no disabling form; leave it out instead of false`);
    if (typeof value !== "boolean") flagValueText(spec.service, name, value);
  }
}

/** One file per flag, sorted by path. */
export function confDirFiles(spec: ConfDirSpec, flags: Record<string, FlagValue>): ServiceFile[] {
  const files: ServiceFile[] = [];
  for (const [name, value] of sortedEntries(flags)) {
    if (value === true) files.push({ path: `${spec.dir}/?${name}`, content: "", mode: "0644" });
    else if (value === false) {
      const neg = spec.negation(name);
      if (neg === undefined || !spec.accepted.includes(neg))
        throw new Error(`${spec.service}: flag "${name}" has no disabling form`);
      files.push({ path: `${spec.dir}/?${neg}`, content: "", mode: "0644" });
    } else
      files.push({
        path: `${spec.dir}/${name}`,
        content: `${flagValueText(spec.service, name, value)}\n`,
        mode: "0644",
      });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The flag name a conf-dir file stands for (drops the `?`). */
export function confFileFlag(dir: string, path: string): string | undefined {
  if (!path.startsWith(`${dir}/`)) return undefined;
  const name = path.slice(dir.length + 1);
  return name.startsWith("?") ? name.slice(1) : name;
}
