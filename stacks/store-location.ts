// Where the Heat API server's store is: the `--store` flag, else GANTRY_STORE, else ./gantry-stacks.sqlite.
// `gantry serve` and `gantry token create` both ask this one function, so a token made by one is known to the other.
// A postgres:// (postgresql://) URL names a PostgreSQL database, shared by every replica given the same URL.

import { resolve } from "node:path";

export const DEFAULT_STORE_FILE = "gantry-stacks.sqlite";

/** The store (a SQLite file, absolute, or ":memory:"; or a PostgreSQL URL) from the flag, environment or default. */
export function storeLocation(flag: string | undefined, env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  const given = flag || env.GANTRY_STORE || DEFAULT_STORE_FILE;
  if (isPostgresLocation(given)) return given;
  return given === ":memory:" ? given : resolve(cwd, given);
}

/** True for a PostgreSQL URL (postgres:// or postgresql://). */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The location as shown to users: a URL's password replaced by ***. */
export function shownLocation(location: string): string {
  return location.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, "$1***@");
}
