// Terraform's regular expressions are Go's RE2 syntax; this compiles one into a JavaScript RegExp (named groups
// `(?P<name>...)`, leading flag groups such as `(?i)`, `\A`/`\z`, POSIX classes `[[:alpha:]]`) and expands Go's
// replacement templates (`$1`, `${1}`, `$name`, `${name}`, `$$`).

import { FunctionError } from "./definition.js";

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

export interface GoRegExp {
  re: RegExp;
  /** Names of the capture groups in order; "" for an unnamed one. */
  groups: string[];
}

export function compileGoRegExp(pattern: string, argIndex: number, global = false): GoRegExp {
  let src = pattern;
  let flags = global ? "g" : "";
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes("U")) throw new FunctionError("error parsing pattern: the U flag is not supported", argIndex);
    flags += lead[1];
    src = src.slice(lead[0].length);
  }
  src = src
    .replace(/\(\?P</g, "(?<")
    .replace(/\\A/g, "^")
    .replace(/\\z/g, "$")
    .replace(/\\([pP])([A-Z])/g, "\\$1{$2}")
    .replace(/\\([pP])\{([A-Za-z_]{3,})\}/g, "\\$1{Script=$2}")
    .replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => {
      if (!(name in POSIX)) return m;
      return neg ? `^${POSIX[name]}` : POSIX[name];
    });
  const groups: string[] = [];
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "[") {
      for (i++; i < src.length && src[i] !== "]"; i++) if (src[i] === "\\") i++;
    } else if (src[i] === "(") {
      const named = /^\(\?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(src.slice(i));
      if (named) groups.push(named[1]);
      else if (src[i + 1] !== "?") groups.push("");
    }
  }
  let re: RegExp;
  try {
    re = new RegExp(src, `${flags}u`);
  } catch {
    try {
      re = new RegExp(src, flags);
    } catch (e) {
      throw new FunctionError(`error parsing pattern: ${(e as Error).message}`, argIndex);
    }
  }
  return { re, groups };
}

/** Go's regexp.Expand of a replacement template for one match. */
export function expandGoTemplate(template: string, match: RegExpExecArray | string[], names: string[]): string {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== "$" || i === template.length - 1) {
      out += c;
      continue;
    }
    if (template[i + 1] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string | undefined;
    let end = i;
    if (template[i + 1] === "{") {
      const close = template.indexOf("}", i + 2);
      const inner = close < 0 ? "" : template.slice(i + 2, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        end = close;
      }
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (m) {
        name = m[0];
        end = i + m[0].length;
      }
    }
    if (name === undefined) {
      out += c;
      continue;
    }
    if (/^\d+$/.test(name)) out += match[Number(name)] ?? "";
    else {
      const idx = names.indexOf(name);
      out += idx >= 0 ? (match[idx + 1] ?? "") : "";
    }
    i = end;
  }
  return out;
}
