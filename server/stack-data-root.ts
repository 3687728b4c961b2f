// Where the server's stacks keep their working data (a directory per stack,
// kept by the stack service): beside the store file, in .gantry/stacks; for
// an in-memory store, a fresh temporary directory.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export function stackDataRoot(storeLocation: string): string {
  if (storeLocation === ":memory:") return mkdtempSync(join(tmpdir(), "gantry-stacks-"));
  return join(dirname(storeLocation), ".gantry", "stacks");
}
