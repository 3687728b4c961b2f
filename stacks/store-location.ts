// Where the Heat API server's store is: the `--store` flag, else GANTRY_STORE, else ./gantry-stacks.sqlite.
// `gantry serve` and `gantry token create` both ask this one function, so a token made by one is known to the other.

import { resolve } from "node:path";
import { GantryError } from "../contract/diagnostics.js";

export const DEFAULT_STORE_FILE = "gantry-stacks.sqlite";

/** The store's SQLite file (absolute, or ":memory:"), from the flag, the environment or the default. */
export function storeLocation(flag: string | undefined, env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  const given = flag || env.GANTRY_STORE || DEFAULT_STORE_FILE;
  if (/^postgres(ql)?:\/\//i.test(given))
    throw new GantryError({
      severity: "error",
      summary: "PostgreSQL stores are not yet supported (issue #13)",
      detail: `The store ${redactPassword(given)} is a PostgreSQL URL; use a SQLite file for now (--store FILE).`,
    });
  return given === ":memory:" ? given : resolve(cwd, given);
}

function redactPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, "$1***@");
}
