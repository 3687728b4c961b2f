// A state file read as serializeState lays it out: the head object's lines, `"resources": [`, one resource per
// line, `]`, `}`. Each resource's line is parsed on its own, from a small buffer read piece by piece, rather than the
// whole file decoded into one string and parsed at once: for 100,000 instances (23 MB) that whole string and the
// bytes it was decoded from were two large blocks of fresh memory, and the parse half as fast again.
//
// The result is what JSON.parse of the whole text gives. A file laid out otherwise (another tool's, edited by
// hand, not JSON at all) gives undefined: the caller parses the whole text, and reports its errors.

import { closeSync, openSync, readSync } from "node:fs";

/** Bytes read at a time; a line longer than this grows the buffer. */
const PIECE = 1 << 16;
const NEWLINE = 10;
const RESOURCES_LINE = ' "resources": [';

/** The file's JSON when it is laid out as serializeState writes it; undefined otherwise. */
export function parseStateFileLines(path: string): Record<string, unknown> | undefined {
  const fd = openSync(path, "r");
  try {
    return parseLines(fd);
  } finally {
    closeSync(fd);
  }
}

function parseLines(fd: number): Record<string, unknown> | undefined {
  const reader = new LineLayout();
  let buf = Buffer.allocUnsafe(PIECE);
  let filled = 0;
  let position = 0;
  for (;;) {
    if (filled === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const got = readSync(fd, buf, filled, buf.length - filled, position);
    if (got === 0) return filled === 0 ? reader.end() : undefined; // the file ends with a newline
    position += got;
    filled += got;
    // lines end at a newline byte, which is never part of a longer UTF-8 sequence: decoded up to it, the text is the
    // same as the whole file's
    const end = buf.lastIndexOf(NEWLINE, filled - 1) + 1;
    if (end === 0) continue;
    if (!reader.add(buf.toString("utf8", 0, end))) return undefined;
    buf.copy(buf, 0, end, filled);
    filled -= end;
  }
}

/** Takes the file's text in pieces of whole lines, parsing each resource's line as it comes. */
class LineLayout {
  private stage: "head" | "resources" | "close" | "done" = "head";
  private readonly head: string[] = [];
  private readonly resources: unknown[] = [];
  /** The last resource's line ended without a comma: the next line must close the list. */
  private last = false;

  /** False when the layout is not serializeState's (or a line is not JSON). */
  add(text: string): boolean {
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf("\n", start);
      if (!this.line(text, start, nl)) return false;
      start = nl + 1;
    }
    return true;
  }

  private line(text: string, start: number, end: number): boolean {
    switch (this.stage) {
      case "head": {
        const line = text.slice(start, end);
        if (line === RESOURCES_LINE) this.stage = "resources";
        else this.head.push(line);
        return true;
      }
      case "resources": {
        if (end - start === 2 && text.charCodeAt(start) === 32 && text.charCodeAt(start + 1) === 93) {
          this.stage = "close"; // " ]"
          return this.last;
        }
        if (this.last) return false;
        const comma = text.charCodeAt(end - 1) === 44;
        this.last = !comma;
        try {
          this.resources.push(JSON.parse(text.slice(start, comma ? end - 1 : end)));
        } catch {
          return false;
        }
        return true;
      }
      case "close":
        this.stage = "done";
        return end - start === 1 && text.charCodeAt(start) === 125; // "}"
      case "done":
        return false;
    }
  }

  /** The whole file's JSON, once every line has come. */
  end(): Record<string, unknown> | undefined {
    if (this.stage !== "done") return undefined;
    // the head's members end with a comma before "resources"; closed instead, they are the rest of the object
    const last = this.head.length - 1;
    if (last < 0 || !this.head[last].endsWith(",")) return undefined;
    this.head[last] = this.head[last].slice(0, -1);
    let head: unknown;
    try {
      head = JSON.parse(`${this.head.join("\n")}\n}`);
    } catch {
      return undefined;
    }
    // `{` alone closes as `{}`, but `{,` before "resources" is not JSON
    if (!head || typeof head !== "object" || Array.isArray(head) || Object.keys(head).length === 0) return undefined;
    (head as Record<string, unknown>).resources = this.resources;
    return head as Record<string, unknown>;
  }
}
