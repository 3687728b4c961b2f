// JSON text read as Python's json.loads reads it, with its error messages
// ("Expecting value: line 1 column 1 (char 0)"): Heat puts them in its own
// ("Value must be valid JSON: …"). Python also accepts NaN, Infinity and
// -Infinity.

export class PythonJsonError extends Error {}

/** Parse `text` as Python's json.loads; throws PythonJsonError with Python's message. */
export function pythonJsonLoads(text: string): unknown {
  let i = 0;
  const fail = (msg: string, at: number): never => {
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const col = at - (before.lastIndexOf("\n") + 1) + 1;
    throw new PythonJsonError(`${msg}: line ${line} column ${col} (char ${at})`);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    let out = "";
    for (;;) {
      if (i >= text.length) fail("Unterminated string starting at", start);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = text[i + 1];
        if (e === undefined) fail("Unterminated string starting at", start);
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid \\uXXXX escape", i + 1);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else fail("Invalid \\escape", i);
        continue;
      }
      if (c < " ") fail("Invalid control character at", i);
      out += c;
      i++;
    }
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '"') return str();
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("Expecting property name enclosed in double quotes", i);
        const k = str();
        ws();
        if (text[i] !== ":") fail("Expecting ':' delimiter", i);
        i++;
        obj[k] = value();
        ws();
        if (text[i] === "}") {
          i++;
          return obj;
        }
        if (text[i] !== ",") fail("Expecting ',' delimiter", i);
        i++;
        ws();
        if (text[i] === "}") fail("Expecting property name enclosed in double quotes", i);
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === "]") {
          i++;
          return arr;
        }
        if (text[i] !== ",") fail("Expecting ',' delimiter", i);
        i++;
        ws();
        if (text[i] === "]") fail("Expecting value", i);
      }
    }
    for (const [word, v] of [
      ["null", null],
      ["true", true],
      ["false", false],
      ["NaN", Number.NaN],
      ["Infinity", Number.POSITIVE_INFINITY],
      ["-Infinity", Number.NEGATIVE_INFINITY],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail("Expecting value", i);
  };
  const v = value();
  ws();
  if (i < text.length) fail("Extra data", i);
  return v;
}
