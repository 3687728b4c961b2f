// A second Ctrl-C: keep what is recorded, leave the state unlocked, quit.

import type { ImmediateStop } from "../engine/immediate-stop.js";

export function stopAtOnce(now: ImmediateStop): never {
  try {
    now.now();
  } catch (e) {
    process.stderr.write(`Error: the state could not be saved: ${(e as Error).message}\n`);
  }
  process.exit(130);
}
