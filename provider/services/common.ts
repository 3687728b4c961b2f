// Shared shapes for the service drivers in this folder. A driver is a pure
// generator: it turns a description of one node into the files the upstream
// package reads and the command line that runs the daemon in the foreground.
// A later step turns these into gantry `file` and `service` resources.

/** One file to place on a host: an absolute host path (as on a Debian host). */
export interface ServiceFile {
  path: string;
  content: string;
  /** Octal permission bits, e.g. "0644" (the file resource's default when absent). */
  mode?: string;
}

/** A program and its arguments, executed directly (no shell). */
export interface Exec {
  command: string;
  args: string[];
}

/** How to run one daemon under a supervisor (foreground, never daemonizing). */
export interface DaemonCommand extends Exec {
  /** Process name (the service resource's `name`). */
  name: string;
  /** Extra environment variables. */
  environment?: Record<string, string>;
  /** Every TCP port the daemon listens on, on this host. */
  ports: number[];
  /** User the package runs the daemon as. */
  user?: string;
  /** Health check in the service resource's shape. */
  health_check?: { type: "tcp" | "http"; port: number; path?: string };
  /** How to make the running daemon re-read its configuration, when it can. */
  reload?: string;
}

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

/** A command line for display or for a `command` resource: program and args, shell-quoted. */
export function commandLine(e: Exec): string {
  return [e.command, ...e.args].map(shellQuote).join(" ");
}

export function isPort(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n > 0 && n < 65536;
}

export function checkPort(what: string, n: unknown): number {
  if (!isPort(n)) throw new Error(`${what} must be a TCP port 1..65535 (got ${JSON.stringify(n)})`);
  return n;
}

/** Sorted copy of an object's entries (deterministic output). */
export function sortedEntries<T>(o: Record<string, T>): [string, T][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function flagValueText(service: string, name: string, v: FlagValue): string {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`${service}: flag "${name}" must be a finite number (got ${v})`);
    return String(v);
  }
  if (typeof v !== "string") throw new Error(`${service}: flag "${name}" must be a string, number or boolean (got ${JSON.stringify(v)})`);
  return singleLine(`${service}: flag "${name}"`, v);
}
