// A unified diff of two texts as `diff -u` prints it (what `terraform fmt
// -diff` shows): `--- old/PATH`, `+++ new/PATH`, then hunks of three lines
// of context, a count of 1 left out of the hunk header.

import { structuredPatch } from "diff";

/** A hunk's side: `start` alone for one line; an empty side starts at the line before it, as diff writes it. */
function range(start: number, count: number): string {
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}

export function unifiedDiff(path: string, before: string, after: string): string {
  const patch = structuredPatch(`old/${path}`, `new/${path}`, before, after, "", "", { context: 3 });
  let out = `--- old/${path}\n+++ new/${path}\n`;
  for (const h of patch.hunks) {
    out += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n`;
    for (const l of h.lines) out += `${l}\n`;
  }
  return out;
}
