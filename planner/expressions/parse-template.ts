// Templates: literal text with `${...}` interpolations and `%{if}`/`%{else}`/
// `%{endif}`, `%{for}`/`%{endfor}` directives, `~` strip markers and the
// `$${`/`%%{` escapes, as HCL's template language has them. Used for whole
// template strings (JSON-syntax values, heredoc content) and for quoted
// strings inside expressions (which also have backslash escapes).

import type { Expr } from "./ast.js";
import { ExpressionSyntaxError, Parser, describe } from "./parse.js";

/** A template's pieces before directives are nested. */
type Piece =
  | { t: "lit"; v: string; at: number }
  | { t: "interp"; e: Expr; at: number }
  | { t: "if"; c: Expr; at: number }
  | { t: "for"; keyVar?: string; valVar: string; coll: Expr; at: number }
  | { t: "else" | "endif" | "endfor"; at: number };

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

function isUnicodeSpace(ch: string): boolean {
  return /\s/.test(ch);
}
function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && isUnicodeSpace(s[i])) i++;
  return i ? s.slice(i) : s;
}
function trimEnd(s: string): string {
  let i = s.length;
  while (i > 0 && isUnicodeSpace(s[i - 1])) i--;
  return i < s.length ? s.slice(0, i) : s;
}

/** Strip markers in bare and heredoc templates act on the one line of literal next to them (HCL: a token a line). */
function trimFirstLine(s: string): string {
  const nl = s.indexOf("\n");
  return nl < 0 ? trimStart(s) : trimStart(s.slice(0, nl + 1)) + s.slice(nl + 1);
}
function trimLastLine(s: string): string {
  const nl = s.length >= 2 ? s.lastIndexOf("\n", s.length - 2) : -1;
  return nl < 0 ? trimEnd(s) : s.slice(0, nl + 1) + trimEnd(s.slice(nl + 1));
}

/** A heredoc's content: from its start to `limit` (the closing marker's line); `flush` for `<<-`. */
export interface HeredocBody {
  limit: number;
  flush: boolean;
}

/**
 * Scan a template from `start`: to the end of `src`, (`quoted`) to the closing `"` of a quoted string, or to the
 * end of a heredoc's body. `bound` holds the names bound by enclosing `for`s. Returns the template expression (a
 * lone interpolation is its expression) and the offset after the template.
 */
export function scanTemplate(
  src: string,
  start: number,
  quoted: boolean,
  bound: string[],
  heredoc?: HeredocBody,
): { expr: Expr; end: number } {
  const limit = heredoc ? heredoc.limit : src.length;
  if (heredoc) {
    // no fast path
  } else if (quoted) {
    PLAIN_QUOTED.lastIndex = start;
    if (PLAIN_QUOTED.test(src))
      return { expr: { k: "lit", v: src.slice(start, PLAIN_QUOTED.lastIndex - 1) }, end: PLAIN_QUOTED.lastIndex };
  } else if (start === 0 && !src.includes("%{") && !src.includes("~"))
    return { expr: interpolationsOnly(src, bound), end: src.length };
  const pieces: Piece[] = [];
  const depth = bound.length;
  const forNames: number[] = []; // names each open %{for} bound
  let i = start;
  let lit = "";
  let litAt = start;
  let run = start; // start of the literal run not yet copied into `lit`
  let hasLit = false; // literal source seen since the last interpolation or directive
  let ltrimNext = false;
  let end = -1;

  /** Ends the literal before an interpolation or directive at `at`; `rtrim`: that sequence opens with `~`. */
  const flushLiteral = (at: number, rtrim: boolean) => {
    lit += src.slice(run, at);
    if (hasLit || lit) {
      let v = ltrimNext ? (quoted ? trimStart(lit) : trimFirstLine(lit)) : lit;
      if (rtrim) v = quoted ? trimEnd(v) : trimLastLine(v);
      pieces.push({ t: "lit", v, at: litAt });
    }
    ltrimNext = false;
    lit = "";
    hasLit = false;
  };
  /** Reads the `}` or `~}` closing a sequence opened at `open`. */
  const close = (p: Parser, open: number, what: string) => {
    const t = p.next();
    if (t.t === "op" && (t.v === "}" || t.v === "~}")) {
      ltrimNext = t.v === "~}";
      return;
    }
    if (t.t === "eof" || (quoted && t.t === "str"))
      throw new ExpressionSyntaxError(`unclosed template ${what}: no closing brace`, src, open);
    throw new ExpressionSyntaxError(
      `extra characters after template ${what}: expected "}" but found ${describe(t)}` +
        (what === "interpolation" ? ' (to write a literal "${", escape it as "$${")' : ""),
      src,
      t.at,
    );
  };

  try {
    while (i < limit) {
      const c = src.charCodeAt(i);
      if (quoted && c === 34 /* " */) {
        end = i + 1;
        break;
      }
      if (quoted && c === 92 /* \ */) {
        lit += src.slice(run, i);
        const n = src[i + 1];
        if (n === "u" || n === "U") {
          const len = n === "u" ? 4 : 8;
          const hex = src.slice(i + 2, i + 2 + len);
          if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len)
            throw new ExpressionSyntaxError(`invalid escape \\${n}: needs ${len} hexadecimal digits`, src, i);
          lit += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + len;
        } else {
          if (n === undefined || !(n in ESCAPES))
            throw new ExpressionSyntaxError(`invalid escape \\${n ?? ""}`, src, i);
          lit += ESCAPES[n];
          i += 2;
        }
        run = i;
        hasLit = true;
        continue;
      }
      if ((c === 36 /* $ */ || c === 37) /* % */ && src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === 123) {
        // "$${" and "%%{": a literal "${" or "%{"
        lit += `${src.slice(run, i + 1)}{`;
        i += 3;
        run = i;
        hasLit = true;
        continue;
      }
      if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === 123 /* { */) {
        const open = i;
        let p0 = i + 2;
        const rtrim = src.charCodeAt(p0) === 126; /* ~ */
        if (rtrim) p0++;
        flushLiteral(open, rtrim);
        const p = new Parser(src, p0, bound);
        if (c === 36) {
          const e = p.parseExpr();
          close(p, open, "interpolation");
          pieces.push({ t: "interp", e, at: open });
        } else directive(p, open);
        i = p.pos;
        run = i;
        litAt = i;
        continue;
      }
      if (!hasLit) {
        hasLit = true;
        litAt = i;
      }
      i++;
    }
    if (quoted && end < 0) throw new ExpressionSyntaxError("unterminated string", src, start - 1);
    if (!quoted) end = limit;
    flushLiteral(quoted ? end - 1 : end, false);
  } finally {
    bound.length = depth;
  }
  if (heredoc?.flush) flushIndentation(pieces);
  return { expr: nest(pieces, src), end };

  function directive(p: Parser, open: number): void {
    const kw = p.next();
    if (kw.t !== "id")
      throw new ExpressionSyntaxError(
        'invalid template directive: a keyword ("if", "for", "else", "endif", "endfor") is expected after "%{"',
        src,
        kw.at,
      );
    switch (kw.v) {
      case "if": {
        const cond = p.parseExpr();
        close(p, open, "if directive");
        pieces.push({ t: "if", c: cond, at: open });
        return;
      }
      case "for": {
        const first = p.expectIdentifier("invalid 'for' directive: a variable name is expected after 'for'");
        let keyVar: string | undefined;
        let valVar = first;
        if (p.isOp(",")) {
          p.next();
          keyVar = first;
          valVar = p.expectIdentifier("invalid 'for' directive: a value variable name is expected after the comma");
        }
        const inKw = p.next();
        if (inKw.t !== "id" || inKw.v !== "in")
          throw new ExpressionSyntaxError(
            `invalid 'for' directive: 'in' is expected after the names, found ${describe(inKw)}`,
            src,
            inKw.at,
          );
        const coll = p.parseExpr();
        close(p, open, "for directive");
        pieces.push(
          keyVar === undefined ? { t: "for", valVar, coll, at: open } : { t: "for", keyVar, valVar, coll, at: open },
        );
        if (keyVar !== undefined) bound.push(keyVar);
        bound.push(valVar);
        forNames.push(keyVar === undefined ? 1 : 2);
        return;
      }
      case "else":
      case "endif":
      case "endfor":
        close(p, open, `${kw.v} directive`);
        pieces.push({ t: kw.v, at: open });
        if (kw.v === "endfor" && forNames.length) bound.length -= forNames.pop()!;
        return;
      default:
        throw new ExpressionSyntaxError(
          `invalid template control keyword "${kw.v}" (the keywords are if, else, endif, for, endfor)`,
          src,
          kw.at,
        );
    }
  }
}

/** A quoted string with no escapes, interpolations or directives, up to its closing quote (sticky). */
const PLAIN_QUOTED = /[^"\\$%]*"/y;

/** The common template: text and `${...}` interpolations, no directives and no strip markers. */
function interpolationsOnly(src: string, bound: string[]): Expr {
  const parts: (string | Expr)[] = [];
  let lit = "";
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf("${", i);
    if (open < 0) {
      lit += src.slice(i);
      break;
    }
    if (open > i && src.charCodeAt(open - 1) === 36 /* "$": "$${" is a literal "${" */) {
      lit += `${src.slice(i, open - 1)}\${`;
      i = open + 2;
      continue;
    }
    lit += src.slice(i, open);
    const p = new Parser(src, open + 2, bound);
    const e = p.parseExpr();
    const t = p.next();
    if (t.t !== "op" || t.v !== "}")
      throw t.t === "eof"
        ? new ExpressionSyntaxError("unclosed template interpolation: no closing brace", src, open)
        : new ExpressionSyntaxError(
            `extra characters after template interpolation: expected "}" but found ${describe(t)} ` +
              '(to write a literal "${", escape it as "$${")',
            src,
            t.at,
          );
    if (lit) parts.push(lit);
    lit = "";
    parts.push(e);
    i = p.pos;
  }
  if (lit) parts.push(lit);
  if (parts.length === 1 && typeof parts[0] !== "string") return parts[0];
  return template(parts);
}

/**
 * `<<-`: the fewest leading spaces of any line that starts with literal text (a line starting with an
 * interpolation or directive counts as none; blank lines do not count) are removed from every such line, as HCL
 * does it, after strip markers.
 */
function flushIndentation(pieces: Piece[]): void {
  let min = Infinity;
  let newline = true;
  const lines: { piece: Extract<Piece, { t: "lit" }>; segs: string[]; starts: number[] }[] = [];
  for (const p of pieces) {
    if (p.t !== "lit") {
      if (newline) min = 0;
      newline = false;
      continue;
    }
    const segs = p.v.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const starts: number[] = [];
    segs.forEach((seg, i) => {
      if (newline) {
        const rest = trimStart(seg);
        if (!(rest === "" && seg.endsWith("\n"))) {
          min = Math.min(min, [...seg.slice(0, seg.length - rest.length)].length);
          starts.push(i);
        }
      }
      newline = seg.endsWith("\n");
    });
    if (segs.length === 0 && newline) min = 0; // an emptied literal at a line's start
    lines.push({ piece: p, segs, starts });
  }
  if (min === 0 || min === Infinity) return;
  for (const { piece, segs, starts } of lines) {
    for (const i of starts) segs[i] = [...segs[i]].slice(min).join("");
    piece.v = segs.join("");
  }
}

/** Nests the directives' pieces into expressions. */
function nest(pieces: Piece[], src: string): Expr {
  let pos = 0;
  const sequence = (): (string | Expr)[] => {
    const parts: (string | Expr)[] = [];
    while (pos < pieces.length) {
      const p = pieces[pos];
      if (p.t === "lit") parts.push(p.v);
      else if (p.t === "interp") parts.push(p.e);
      else if (p.t === "if") {
        pos++;
        const t = sequence();
        let f: (string | Expr)[] = [];
        if (pieces[pos]?.t === "else") {
          pos++;
          f = sequence();
        }
        expectEnd("endif", p.at, "if");
        parts.push({ k: "cond", c: p.c, t: template(t), f: template(f) });
        continue;
      } else if (p.t === "for") {
        pos++;
        const body = sequence();
        expectEnd("endfor", p.at, "for");
        const e = { k: "for" as const, valVar: p.valVar, coll: p.coll, val: template(body) };
        parts.push({ k: "tjoin", e: p.keyVar === undefined ? e : { ...e, keyVar: p.keyVar } });
        continue;
      } else return parts; // else, endif, endfor: the caller's
      pos++;
    }
    return parts;
  };
  const expectEnd = (want: "endif" | "endfor", openAt: number, what: string) => {
    const p = pieces[pos];
    if (!p)
      throw new ExpressionSyntaxError(
        `unexpected end of template: the ${what} directive is missing its ${want} directive`,
        src,
        openAt,
      );
    if (p.t !== want)
      throw new ExpressionSyntaxError(
        `unexpected ${p.t} directive: expecting ${want} for the ${what} directive at offset ${openAt}`,
        src,
        p.at,
      );
    pos++;
  };

  const parts = sequence();
  if (pos < pieces.length) {
    const p = pieces[pos];
    throw new ExpressionSyntaxError(
      `unexpected ${p.t} directive: the control directives within this template are unbalanced`,
      src,
      p.at,
    );
  }
  if (pieces.length === 1 && pieces[0].t === "interp") return pieces[0].e;
  if (pieces.length === 0) return { k: "lit", v: "" };
  return template(parts);
}

/** A template of parts: a string literal when every part is text. */
function template(parts: (string | Expr)[]): Expr {
  const merged: (string | Expr)[] = [];
  for (const p of parts) {
    const last = merged.length - 1;
    if (typeof p === "string" && last >= 0 && typeof merged[last] === "string") merged[last] += p;
    else merged.push(p);
  }
  if (merged.length === 0) return { k: "lit", v: "" };
  if (merged.length === 1 && typeof merged[0] === "string") return { k: "lit", v: merged[0] };
  return { k: "tmpl", parts: merged };
}
