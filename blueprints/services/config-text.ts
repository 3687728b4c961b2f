// How values are written into generated configuration files: single lines,
// shell-quoted where a shell reads them, flag values checked, entries in a
// fixed order (the same input always gives the same text).

/** Override values as a node group's `configuration.<service>` gives them. */
export type FlagValue = string | number | boolean;

/** A `key=value` properties/shell line value check: one line, no NUL. */
export function singleLine(what: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error(`${what}: value must be a single line (got ${JSON.stringify(value)})`);
  return value;
}

/** Quote for a POSIX shell (as in /etc/default files, which bash sources). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Sorted copy of an object's entries (deterministic output). */
export function sortedEntries<T>(o: Record<string, T>): [string, T][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A flag's value as the text of its file or variable. */
export function flagValueText(service: string, name: string, v: FlagValue): string {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`${service}: flag "${name}" must be a finite number (got ${v})`);
    return String(v);
  }
  if (typeof v !== "string")
    throw new Error(`${service}: flag "${name}" must be a string, number or boolean (got ${JSON.stringify(v)})`);
  return singleLine(`${service}: flag "${name}"`, v);
}
