// Alignment: consecutive lines with an assign cell put their `=` in one
// column (one space after the longest lead), and consecutive lines ending
// in a comment put it in one column (one space after the longest rest). A
// blank line, or a line without such a cell, ends the run.

import { columns, type FormatLine } from "./format-lines.js";

function alignRuns(
  lines: FormatLine[],
  cell: (l: FormatLine) => FormatLine["assign"],
  width: (l: FormatLine) => number,
): void {
  let run: FormatLine[] = [];
  const close = () => {
    const widest = Math.max(...run.map(width));
    for (const l of run) cell(l)![0].spacesBefore = widest - width(l) + 1;
    run = [];
  };
  for (const l of lines) {
    if (cell(l)) run.push(l);
    else if (run.length) close();
  }
  if (run.length) close();
}

export function alignCells(lines: FormatLine[]): void {
  alignRuns(
    lines,
    (l) => l.assign,
    (l) => columns(l.lead),
  );
  alignRuns(
    lines,
    (l) => l.comment,
    (l) => columns(l.lead) + columns(l.assign),
  );
}
