// Where the server's stacks keep their working data (a directory per stack,
// kept by the stack service): beside the store file, in .gantry/stacks; for
// an in-memory store, a fresh temporary directory; for a PostgreSQL store
// (shared by replicas, each with its own disk), .gantry/stacks in the
// server's working directory. Always absolute: host roots and service commands are resolved against it from
// other working directories.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { isPostgresLocation } from "../stacks/store-location.js";

export function stackDataRoot(storeLocation: string, cwd = process.cwd()): string {
  if (storeLocation === ":memory:") return mkdtempSync(join(tmpdir(), "gantry-stacks-"));
  if (isPostgresLocation(storeLocation)) return join(cwd, ".gantry", "stacks");
  return join(resolve(cwd, dirname(storeLocation)), ".gantry", "stacks");
}
