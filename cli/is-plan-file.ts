// Whether a command-line argument names a saved plan (a file) rather than a
// configuration directory.

import { existsSync, statSync } from "node:fs";

export function isPlanFile(arg: string): boolean {
  return existsSync(arg) && statSync(arg).isFile();
}
