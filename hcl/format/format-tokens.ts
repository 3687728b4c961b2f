// Canonical whitespace for a token sequence, changing nothing but the
// spaces before tokens: indentation, the spaces between the tokens of each
// cell of a line, then the alignment of assign and comment cells.

import { alignCells } from "./alignment.js";
import { formatLines } from "./format-lines.js";
import { indentLines } from "./indentation.js";
import { spaceAfter } from "./spacing.js";
import type { Token } from "./token.js";

function spaceCell(cell: Token[] | undefined, isAssign: boolean): void {
  if (!cell) return;
  if (isAssign) cell[0].spacesBefore = 1;
  for (let i = 0; i + 1 < cell.length; i++)
    cell[i + 1].spacesBefore = spaceAfter(cell[i], cell[i - 1], cell[i + 1]) ? 1 : 0;
}

export function formatTokens(tokens: Token[]): void {
  const lines = formatLines(tokens);
  indentLines(lines);
  for (const l of lines) {
    spaceCell(l.lead, false);
    spaceCell(l.assign, true);
  }
  alignCells(lines);
}
