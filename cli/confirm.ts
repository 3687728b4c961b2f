// Asking the person at the terminal before changing anything.

import { createInterface } from "node:readline";
import { GantryError } from "../contract/diagnostics.js";

/** Prints the question, reads one line; true only for "yes". Closed input is an error. */
export async function confirm(question: string, out: (text: string) => void): Promise<boolean> {
  out(question);
  if (process.stdin.isTTY) process.stdout.write("  Enter a value: ");
  const rl = createInterface({ input: process.stdin });
  const line = await new Promise<string | null>((resolve) => {
    rl.once("line", (l) => resolve(l));
    rl.once("close", () => resolve(null));
  });
  rl.close();
  if (line === null)
    throw new GantryError(
      "No confirmation was given (standard input is closed). Use -auto-approve to apply without asking.",
    );
  return line.trim() === "yes";
}
