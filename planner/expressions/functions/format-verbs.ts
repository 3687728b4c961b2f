// The `format` verbs (printf-like, as Terraform's format and formatlist read them): %v %#v %t %b %d %o %x %X
// %e %E %f %g %G %s %q %%, with flags (- + # 0 space), width, precision and explicit argument indexes (%[2]s).

import type { Value } from "../../../contract/values.js";
import { asBool, asNumber, asString, graphemes, numberText } from "./argument-conversion.js";
import { ctyJson } from "./cty-json.js";
import { FunctionError } from "./definition.js";

interface Verb {
  raw: string;
  offset: number;
  flags: string;
  width: number;
  prec: number;
  argNum: number;
  mode: string;
}

/** Formats `spec` with `args` (all known). */
export function formatString(spec: string, args: Value[]): string {
  let out = "";
  let next = 1;
  let highest = 0;
  let i = 0;
  while (i < spec.length) {
    const c = spec[i];
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    if (spec[i + 1] === "%") {
      out += "%";
      i += 2;
      continue;
    }
    const start = i;
    i++;
    let flags = "";
    while (i < spec.length && "-+# 0".includes(spec[i])) flags += spec[i++];
    let argNum = next;
    const readIndex = () => {
      const m = /^\[(\d+)\]/.exec(spec.slice(i));
      if (m) {
        argNum = Number(m[1]);
        i += m[0].length;
      }
    };
    readIndex();
    let width = -1;
    const w = /^\d+/.exec(spec.slice(i));
    if (w) {
      width = Number(w[0]);
      i += w[0].length;
    }
    let prec = -1;
    if (spec[i] === ".") {
      i++;
      const p = /^\d*/.exec(spec.slice(i))![0];
      prec = p === "" ? 0 : Number(p);
      i += p.length;
    }
    readIndex();
    if (i >= spec.length) throw new FunctionError(`invalid format string starting at offset ${start}`);
    const mode = String.fromCodePoint(spec.codePointAt(i)!);
    i += mode.length;
    const verb: Verb = { raw: spec.slice(start, i), offset: start, flags, width, prec, argNum, mode };
    if (!/^[a-zA-Z]$/.test(mode))
      throw new FunctionError(`unrecognized format character ${JSON.stringify(mode)} at offset ${i - mode.length}`);
    out += formatVerb(verb, args);
    highest = Math.max(highest, argNum);
    next = argNum + 1;
  }
  if (args.length > highest) {
    if (highest === 0) throw new FunctionError("too many arguments; no verbs in format string", 1);
    throw new FunctionError(`too many arguments; only ${highest} used by format string`, highest + 1);
  }
  return out;
}

function unsupported(v: Verb, why: string): FunctionError {
  return new FunctionError(`unsupported value for ${JSON.stringify(v.raw)} at ${v.offset}: ${why}`);
}

function formatVerb(v: Verb, args: Value[]): string {
  if (v.argNum - 1 >= args.length)
    throw new FunctionError(
      `not enough arguments for ${JSON.stringify(v.raw)} at ${v.offset}: ` +
        `need index ${v.argNum} but have ${args.length} total`,
    );
  const arg = args[v.argNum - 1];
  if (v.mode !== "v" && arg === null) throw unsupported(v, "null value cannot be formatted");
  const convert = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof FunctionError) {
        const have =
          arg === null ? "null" : Array.isArray(arg) ? "tuple" : typeof arg === "object" ? "object" : typeof arg;
        throw unsupported(v, `${e.message}, but have ${have === "boolean" ? "bool" : have}`);
      }
      throw e;
    }
  };
  switch (v.mode) {
    case "v":
      if (!v.flags.includes("#") && typeof arg === "string") return pad(v, arg);
      if (!v.flags.includes("#") && typeof arg === "number") return pad(v, goG(arg, -1, false));
      return pad(v, ctyJson(arg));
    case "t":
      return pad(v, String(convert(() => asBool(arg))));
    case "b":
    case "d":
    case "o":
    case "x":
    case "X": {
      const n = convert(() => asNumber(arg));
      if (!Number.isInteger(n)) throw unsupported(v, "an integer is required");
      return formatInteger(v, n);
    }
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      return formatFloat(
        v,
        convert(() => asNumber(arg)),
      );
    case "s":
    case "q": {
      let s = convert(() => asString(arg));
      if (v.prec >= 0) s = graphemes(s).slice(0, v.prec).join("");
      return pad(v, v.mode === "q" ? ctyJson(s) : s);
    }
  }
  throw new FunctionError(
    `unsupported format verb ${JSON.stringify(v.mode)} in ${JSON.stringify(v.raw)} at offset ${v.offset}`,
  );
}

/** Pads to the verb's width, counting characters as Terraform does (grapheme clusters). */
function pad(v: Verb, s: string, zeroAfter = -1): string {
  const len = graphemes(s).length;
  if (v.width < 0 || len >= v.width) return s;
  const fill = v.width - len;
  if (v.flags.includes("-")) return s + " ".repeat(fill);
  if (zeroAfter >= 0 && v.flags.includes("0")) return s.slice(0, zeroAfter) + "0".repeat(fill) + s.slice(zeroAfter);
  return " ".repeat(fill) + s;
}

function signOf(v: Verb, negative: boolean): string {
  return negative ? "-" : v.flags.includes("+") ? "+" : v.flags.includes(" ") ? " " : "";
}

function formatInteger(v: Verb, n: number): string {
  const big = BigInt(n);
  const abs = big < 0n ? -big : big;
  const radix = { b: 2, d: 10, o: 8, x: 16, X: 16 }[v.mode as "b"]!;
  let digits = abs.toString(radix);
  if (v.mode === "X") digits = digits.toUpperCase();
  if (v.prec >= 0) digits = digits.padStart(v.prec, "0");
  let prefix = "";
  if (v.flags.includes("#")) prefix = { b: "0b", o: "0", x: "0x", X: "0X", d: "" }[v.mode as "b"]!;
  const head = signOf(v, big < 0n) + prefix;
  return pad(v, head + digits, v.prec >= 0 ? -1 : head.length);
}

/** Go's exponent form: at least two exponent digits. */
function goExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** Go's %g (and big.Float's Text('g')): shortest digits when prec < 0. */
function goG(n: number, prec: number, sharp: boolean): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "+Inf" : "-Inf";
  if (n === 0) return "0";
  const p = prec === 0 ? 1 : prec;
  const [rawMantissa, e] = (p < 0 ? n.toExponential() : n.toExponential(p - 1)).split("e");
  const mantissa = sharp ? rawMantissa : rawMantissa.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  const digitsCount = mantissa.replace(/[-.]/g, "").length;
  const x = Number(e);
  let eprec = p < 0 ? 6 : p;
  if (p >= 0 && eprec > digitsCount && digitsCount >= x + 1) eprec = digitsCount;
  if (x < -4 || x >= eprec) return goExponent(`${mantissa}e${x < 0 ? "-" : "+"}${Math.abs(x)}`);
  return numberText(Number(`${mantissa}e${x}`));
}

/** A finite double as an exact fraction num / den. */
function exactFraction(x: number): { num: bigint; den: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const e = (exponent === 0 ? 1 : exponent) - 1075;
  return e >= 0 ? { num: mantissa << BigInt(e), den: 1n } : { num: mantissa, den: 1n << BigInt(-e) };
}

/** round(num / den), halves to even, as Go rounds decimal conversions. */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = (num % den) * 2n;
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** Go's %.<prec>f of a non-negative finite number: exact decimal value, rounded half to even. */
function goFixed(x: number, prec: number): string {
  const { num, den } = exactFraction(x);
  const digits = roundHalfEven(num * 10n ** BigInt(prec), den)
    .toString()
    .padStart(prec + 1, "0");
  return prec ? `${digits.slice(0, -prec)}.${digits.slice(-prec)}` : digits;
}

/** Go's %.<prec>e of a non-negative finite number. */
function goExponential(x: number, prec: number): string {
  if (x === 0) return `${prec ? `0.${"0".repeat(prec)}` : "0"}e+00`;
  const { num, den } = exactFraction(x);
  let exp = Math.floor(Math.log10(x));
  const scaled = (e: number) => {
    const shift = prec - e;
    return shift >= 0
      ? roundHalfEven(num * 10n ** BigInt(shift), den)
      : roundHalfEven(num, den * 10n ** BigInt(-shift));
  };
  let q = scaled(exp);
  if (q.toString().length > prec + 1) q = scaled(++exp);
  else if (q.toString().length < prec + 1) q = scaled(--exp);
  const d = q.toString();
  const mantissa = prec ? `${d[0]}.${d.slice(1)}` : d;
  return goExponent(`${mantissa}e${exp < 0 ? "-" : "+"}${Math.abs(exp)}`);
}

function formatFloat(v: Verb, n: number): string {
  const negative = n < 0 || Object.is(n, -0);
  const abs = Math.abs(n);
  let body: string;
  if (!Number.isFinite(abs)) body = Number.isNaN(abs) ? "NaN" : "Inf";
  else if (v.mode === "f" || v.mode === "F") {
    body = goFixed(abs, v.prec < 0 ? 6 : v.prec);
  } else if (v.mode === "e" || v.mode === "E") {
    body = goExponential(abs, v.prec < 0 ? 6 : v.prec);
  } else body = goG(abs, v.prec, v.flags.includes("#"));
  if (v.mode === "E" || v.mode === "G") body = body.toUpperCase();
  const head = signOf(v, negative && !Number.isNaN(n));
  return pad(v, head + body, head.length);
}
