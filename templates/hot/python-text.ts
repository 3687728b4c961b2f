// Values written as Heat's messages write them: Heat is Python, and its
// messages put values in with `%s` (Python's str()), or `json.dumps`.
// JavaScript has one number type, so a float with no fraction (1.0) is
// written as an integer (1).

function pyFloat(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Number.POSITIVE_INFINITY) return "inf";
  if (n === Number.NEGATIVE_INFINITY) return "-inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const s = String(n);
  // Python writes exponents with at least two digits ("1e-07", "1e+16").
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** Python's repr() of a JSON-like value. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return pyFloat(v);
  if (typeof v === "string") {
    const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
    let out = "";
    for (const ch of v) {
      if (ch === "\\") out += "\\\\";
      else if (ch === quote) out += `\\${ch}`;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch < " " || ch === "\x7f") out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
      else out += ch;
    }
    return `${quote}${out}${quote}`;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (typeof v === "object") {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
      .join(", ")}}`;
  }
  return String(v);
}

/** Python's str() of a JSON-like value (what `%s` writes). */
export function pyStr(v: unknown): string {
  return typeof v === "string" ? v : pyRepr(v);
}

/** Python's json.dumps() with its default separators and ensure_ascii. */
export function pyJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    return pyFloat(v);
  }
  if (typeof v === "string") {
    return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (Array.isArray(v)) return `[${v.map(pyJsonDumps).join(", ")}]`;
  if (typeof v === "object") {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${pyJsonDumps(k)}: ${pyJsonDumps(x)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(String(v));
}

/** Python's truth value of a JSON-like value. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** Python's `==` between JSON-like values (1 == 1.0 == True). */
export function pyEquals(a: unknown, b: unknown): boolean {
  const num = (x: unknown) => (typeof x === "boolean" ? Number(x) : x);
  const x = num(a);
  const y = num(b);
  if (typeof x === "number" || typeof y === "number") return x === y;
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((e, i) => pyEquals(e, y[i]));
  }
  if (x !== null && y !== null && typeof x === "object" && typeof y === "object") {
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const xk = Object.keys(xo);
    return xk.length === Object.keys(yo).length && xk.every((k) => Object.hasOwn(yo, k) && pyEquals(xo[k], yo[k]));
  }
  return x === y;
}
