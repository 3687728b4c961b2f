#!/usr/bin/env node
// Prints every tracked *.ts / *.mjs line longer than 120 characters as
// "file:line: N characters" and exits 1 if there is any, 0 otherwise.
// Biome formats to 120 columns but leaves long strings, comments and regexes
// as they are; this catches those. Golden test inputs and outputs are exempt.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 120;
const EXCLUDED = ["test/golden/expected/", "test/golden/cases/"];

const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
const files = execFileSync("git", ["ls-files", "-z", "--", "*.ts", "*.mjs"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((f) => f && !EXCLUDED.some((dir) => f.startsWith(dir)));

let found = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(`${root}/${file}`, "utf8");
  } catch {
    continue; // tracked but deleted in the work tree
  }
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    // characters (code points), not UTF-16 units or bytes: "→" and "—" count as one
    const n = [...lines[i]].length;
    if (n > MAX) {
      console.log(`${file}:${i + 1}: ${n} characters`);
      found++;
    }
  }
}
if (found) console.error(`${found} line(s) over ${MAX} characters`);
process.exit(found ? 1 : 0);
