// The formatter works line by line, each line in up to three cells, as
// hclwrite's formatter does: `lead` (everything up to the others), `assign`
// (from an attribute's `=` to the end of its value, when the value ends on
// that line) and `comment` (a `#`/`//` comment ending a line that has
// something else). Consecutive lines align their assign cells, and their
// comment cells.

import { bracketChange, endsLine, type Token } from "./token.js";

export interface FormatLine {
  lead: Token[];
  assign?: Token[];
  comment?: Token[];
}

export function formatLines(tokens: readonly Token[]): FormatLine[] {
  const lines: FormatLine[] = [];
  let start = 0;
  tokens.forEach((t, i) => {
    if (!endsLine(t)) return;
    lines.push({ lead: tokens.slice(start, i + 1) });
    start = i + 1;
  });
  if (start < tokens.length) lines.push({ lead: tokens.slice(start) });
  for (const line of lines) {
    const last = line.lead[line.lead.length - 1];
    if (line.lead.length > 1 && last.type === "comment") {
      line.comment = [last];
      line.lead = line.lead.slice(0, -1);
    }
    const eq = line.lead.findIndex((t, i) => i > 0 && t.type === "equal");
    if (eq > 0 && line.lead.slice(eq).reduce((n, t) => n + bracketChange(t), 0) === 0) {
      line.assign = line.lead.slice(eq);
      line.lead = line.lead.slice(0, eq);
    }
  }
  return lines;
}

/** The width of tokens as written: their spaces, and the characters (grapheme clusters) of their text. */
export function columns(tokens: readonly Token[] | undefined): number {
  let n = 0;
  // made only for text beyond ASCII: making one loads ICU's break rules (about 15 ms), which every start would pay
  let graphemes: Intl.Segmenter | undefined;
  for (const t of tokens ?? []) {
    n += t.spacesBefore;
    // ASCII text: one column a character, without segmenting
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range of ASCII
    if (/^[\x00-\x7f]*$/.test(t.text)) n += t.text.length;
    else {
      graphemes ??= new Intl.Segmenter("en", { granularity: "grapheme" });
      n += [...graphemes.segment(t.text)].length;
    }
  }
  return n;
}
