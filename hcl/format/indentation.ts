// Indentation: two spaces a level, a level being a line that opens more
// brackets than it closes. A line that closes them goes back by the levels
// the lines that opened them added, so unbalanced lines (`[[` then `]` and
// `]]`) do not push the rest too far left or right. Blank lines get no
// spaces; a heredoc's body lines are text, never indented.

import type { FormatLine } from "./format-lines.js";
import { bracketChange } from "./token.js";

export function indentLines(lines: FormatLine[]): void {
  const levels: number[] = []; // per open level: how many brackets the line that opened it opened
  for (const line of lines) {
    const first = line.lead[0];
    if (!first) continue;
    if (first.type === "newline") {
      first.spacesBefore = 0;
      continue;
    }
    let net = 0;
    for (const t of line.lead) {
      net += bracketChange(t);
      if (t.type === "oheredoc") break;
    }
    for (const t of line.assign ?? []) net += bracketChange(t);
    if (net > 0) {
      first.spacesBefore = 2 * levels.length;
      levels.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && levels.length) {
      const top = levels[levels.length - 1];
      if (closed >= top) {
        closed -= top;
        levels.pop();
      } else {
        levels[levels.length - 1] = top - closed;
        closed = 0;
      }
    }
    first.spacesBefore = 2 * levels.length;
  }
}
