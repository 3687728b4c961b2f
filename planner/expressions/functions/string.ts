// String functions (Terraform's docs: "String Functions").

import { containsUnknown, isUnknown, UNKNOWN, type Value, withCollectionKind } from "../../../contract/values.js";
import { asInteger, asList, asString, graphemes, isMap } from "./argument-conversion.js";
import { FunctionError, type FunctionTable } from "./definition.js";
import { formatString } from "./format-verbs.js";
import { compileGoRegExp, expandGoTemplate, type GoRegExp } from "./go-regexp.js";
import { renderTemplate } from "./template-rendering.js";

const str1 = (f: (s: string) => Value): FunctionTable[string] => ({
  params: ["str"],
  impl: ([s]) => f(asString(s, 0)),
});
const str2 = (second: string, f: (s: string, t: string) => Value): FunctionTable[string] => ({
  params: ["str", second],
  impl: ([s, t]) => f(asString(s, 0), asString(t, 1)),
});

/** Go's strings.Title: a letter after a separator (space, punctuation) becomes upper case. */
function goTitle(s: string): string {
  let prev = " ";
  let out = "";
  for (const c of s) {
    out += isTitleSeparator(prev) ? simpleCase(c, "upper") : c;
    prev = c;
  }
  return out;
}
function isTitleSeparator(c: string): boolean {
  const code = c.codePointAt(0)!;
  if (code <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
  if (/\p{L}|\p{Nd}/u.test(c)) return false;
  return /\s/u.test(c);
}

/**
 * Go's strings.ToUpper/ToLower: each character mapped on its own (simple case mapping), so "ß" stays "ß" and a
 * final "Σ" becomes "σ", where JavaScript's full mapping would give "SS" and "ς".
 */
function simpleCase(s: string, to: "upper" | "lower"): string {
  let out = "";
  for (const c of s) {
    const mapped = [...(to === "upper" ? c.toUpperCase() : c.toLowerCase())];
    out += mapped.length === 1 ? mapped[0] : to === "lower" ? mapped[0] : c;
  }
  return out;
}

/** Go's unicode.IsSpace set, for trimspace. */
const GO_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEADING_SPACE = new RegExp(`^[${GO_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${GO_SPACE}]+$`);

function regexResult(m: RegExpExecArray, r: GoRegExp): Value {
  if (r.groups.length === 0) return m[0];
  if (r.groups.every((g) => g === "")) return r.groups.map((_, i) => m[i + 1] ?? null);
  const out: { [k: string]: Value } = {};
  r.groups.forEach((g, i) => {
    out[g] = m[i + 1] ?? null;
  });
  return out;
}

function checkGroups(r: GoRegExp): void {
  if (r.groups.some((g) => g === "") && r.groups.some((g) => g !== ""))
    throw new FunctionError("invalid regexp pattern: cannot mix both named and unnamed capture groups", 0);
}

/** Go's FindAll: successive non-overlapping matches; an empty match right after a previous match is skipped. */
function findAll(r: GoRegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const re = new RegExp(r.re.source, r.re.flags.includes("g") ? r.re.flags : `${r.re.flags}g`);
  let prevEnd = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0] === "") {
      if (m.index !== prevEnd) out.push(m);
      re.lastIndex = m.index + (String.fromCodePoint(s.codePointAt(m.index) ?? 0).length || 1);
      if (m.index >= s.length) break;
    } else {
      out.push(m);
      prevEnd = m.index + m[0].length;
    }
  }
  return out;
}

export const STRING_FUNCTIONS: FunctionTable = {
  chomp: str1((s) => s.replace(/(?:\r\n?|\n)*$/, "")),
  endswith: str2("suffix", (s, t) => s.endsWith(t)),
  startswith: str2("prefix", (s, t) => s.startsWith(t)),
  strcontains: str2("substr", (s, t) => s.includes(t)),
  lower: str1((s) => simpleCase(s, "lower")),
  upper: str1((s) => simpleCase(s, "upper")),
  title: str1(goTitle),
  strrev: str1((s) => graphemes(s).reverse().join("")),
  trimspace: str1((s) => s.replace(LEADING_SPACE, "").replace(TRAILING_SPACE, "")),
  trimprefix: str2("prefix", (s, p) => (p && s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: str2("suffix", (s, p) => (p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s)),
  trim: str2("cutset", (s, cutset) => {
    const cut = new Set(cutset);
    const chars = [...s];
    let a = 0;
    let b = chars.length;
    while (a < b && cut.has(chars[a])) a++;
    while (b > a && cut.has(chars[b - 1])) b--;
    return chars.slice(a, b).join("");
  }),
  indent: {
    params: ["spaces", "str"],
    impl: ([n, s]) => asString(s, 1).replaceAll("\n", `\n${" ".repeat(Math.max(0, asInteger(n, 0)))}`),
  },
  split: {
    params: ["separator", "str"],
    impl: ([sep, s]) => {
      const text = asString(s, 1);
      const separator = asString(sep, 0);
      return withCollectionKind(separator === "" ? [...text] : text.split(separator), "list");
    },
  },
  join: {
    params: ["separator"],
    variadic: "lists",
    unknowns: "deep",
    impl: ([sep, ...lists]) => {
      const separator = asString(sep, 0);
      if (lists.length === 0) throw new FunctionError("at least one list is required");
      const parts: string[] = [];
      lists.forEach((l, li) => {
        asList(l, li + 1, "list of string").forEach((e, ei) => {
          if (e === null)
            throw new FunctionError(
              lists.length > 1
                ? `element ${ei} of list ${li + 1} is null; cannot concatenate null values`
                : `element ${ei} is null; cannot concatenate null values`,
              li + 1,
            );
          if (Array.isArray(e) || isMap(e)) throw new FunctionError("list of string required", li + 1);
          parts.push(asString(e, li + 1));
        });
      });
      return parts.join(separator);
    },
  },
  replace: {
    params: ["str", "substr", "replace"],
    impl: ([s, sub, rep]) => {
      const text = asString(s, 0);
      const search = asString(sub, 1);
      const replacement = asString(rep, 2);
      if (search.length > 1 && search.startsWith("/") && search.endsWith("/")) {
        const r = compileGoRegExp(search.slice(1, -1), 1, true);
        let out = "";
        let last = 0;
        for (const m of findAll(r, text)) {
          out += text.slice(last, m.index) + expandGoTemplate(replacement, m, r.groups);
          last = m.index + m[0].length;
        }
        return out + text.slice(last);
      }
      return text.replaceAll(search, replacement);
    },
  },
  substr: {
    params: ["str", "offset", "length"],
    impl: ([s, o, l]) => {
      const chars = graphemes(asString(s, 0));
      let offset = asInteger(o, 1);
      const length = asInteger(l, 2);
      if (offset < 0) offset = Math.max(0, offset + chars.length);
      else if (length === 0) return "";
      if (offset >= chars.length) return "";
      return chars.slice(offset, length < 0 ? undefined : offset + length).join("");
    },
  },
  regex: {
    params: ["pattern", "string"],
    impl: ([p, s]) => {
      const r = compileGoRegExp(asString(p, 0), 0);
      checkGroups(r);
      const m = r.re.exec(asString(s, 1));
      if (!m) throw new FunctionError("pattern did not match any part of the given string");
      return regexResult(m, r);
    },
  },
  regexall: {
    params: ["pattern", "string"],
    impl: ([p, s]) => {
      const r = compileGoRegExp(asString(p, 0), 0, true);
      checkGroups(r);
      return findAll(r, asString(s, 1)).map((m) => regexResult(m, r));
    },
  },
  format: {
    params: ["format"],
    variadic: "args",
    allowNull: true,
    unknowns: "self",
    impl: ([f, ...args]) => {
      if (f === null) throw new FunctionError("argument must not be null", 0);
      if (isUnknown(f) || containsUnknown(args)) return UNKNOWN;
      return formatString(asString(f, 0), args);
    },
  },
  formatlist: {
    params: ["format"],
    variadic: "args",
    allowNull: true,
    unknowns: "self",
    impl: ([f, ...args]) => {
      if (f === null) throw new FunctionError("argument must not be null", 0);
      if (isUnknown(f) || args.some(isUnknown)) return UNKNOWN;
      const spec = asString(f, 0);
      let length = -1;
      let lengthFrom = 0;
      args.forEach((a, i) => {
        if (!Array.isArray(a)) return;
        if (length >= 0 && a.length !== length)
          throw new FunctionError(
            `argument ${i + 1} has length ${a.length}, which is inconsistent with ` +
              `argument ${lengthFrom + 1} of length ${length}`,
            i + 1,
          );
        length = a.length;
        lengthFrom = i;
      });
      if (length < 0) length = 1;
      return Array.from({ length }, (_, n) => {
        const row = args.map((a) => (Array.isArray(a) ? a[n] : a));
        if (containsUnknown(row)) return UNKNOWN;
        try {
          return formatString(spec, row);
        } catch (e) {
          if (e instanceof FunctionError) throw new FunctionError(`error on format iteration ${n}: ${e.message}`);
          throw e;
        }
      });
    },
  },
  templatestring: {
    params: ["template", "vars"],
    impl: ([t, vars], ctx) => renderTemplate(asString(t, 0), vars, ctx.scope, "templatestring", "templatestring"),
  },
};
