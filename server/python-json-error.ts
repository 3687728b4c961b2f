// Where and why a JSON text does not parse, in the words of Python's json
// module (3.11, as Heat 19 reads request bodies with it): "Expecting value:
// line 1 column 15 (char 14)". Facts from Python's json/decoder.py and its C
// scanner: the first error met scanning left to right, its position counted
// in characters (code points), the line and column from the newlines before
// it. Python reads what JavaScript does not (NaN, Infinity, -Infinity): such a
// text gives no error here.

type Fail = { message: string; at: number };

class PythonJsonScan {
  private readonly s: string[];
  constructor(text: string) {
    this.s = Array.from(text);
  }

  /** The first error, or undefined when Python parses the whole text. */
  error(): Fail | undefined {
    try {
      const end = this.value(this.ws(0));
      const rest = this.ws(end);
      if (rest !== this.s.length) return { message: "Extra data", at: rest };
      return undefined;
    } catch (e) {
      if (e instanceof ScanError) return e.fail;
      throw e;
    }
  }

  line(at: number): string {
    const before = this.s.slice(0, at);
    const lineno = before.filter((c) => c === "\n").length + 1;
    const colno = at - before.lastIndexOf("\n");
    return `line ${lineno} column ${colno} (char ${at})`;
  }

  private ws(i: number): number {
    while (i < this.s.length && " \t\n\r".includes(this.s[i]!)) i++;
    return i;
  }

  private fail(message: string, at: number): never {
    throw new ScanError({ message, at });
  }

  private word(i: number, w: string): boolean {
    return this.s.slice(i, i + w.length).join("") === w;
  }

  /** Scans a value at `i` (no whitespace before it); returns the index after it. */
  private value(i: number): number {
    const c = this.s[i];
    if (c === '"') return this.string(i + 1);
    if (c === "{") return this.object(i + 1);
    if (c === "[") return this.array(i + 1);
    for (const w of ["null", "true", "false", "NaN", "Infinity", "-Infinity"]) if (this.word(i, w)) return i + w.length;
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(this.s.slice(i, i + 400).join(""));
    if (m && m[0].length > 0) return i + Array.from(m[0]).length;
    return this.fail("Expecting value", i);
  }

  private string(end: number): number {
    const begin = end - 1;
    let i = end;
    for (;;) {
      if (i >= this.s.length) return this.fail("Unterminated string starting at", begin);
      const c = this.s[i]!;
      if (c === '"') return i + 1;
      if (c !== "\\") {
        if (c.codePointAt(0)! <= 0x1f) return this.fail("Invalid control character at", i);
        i++;
        continue;
      }
      i++;
      if (i >= this.s.length) return this.fail("Unterminated string starting at", begin);
      const e = this.s[i]!;
      if (e !== "u") {
        if (!'"\\/bfnrt'.includes(e)) return this.fail("Invalid \\escape", i - 1);
        i++;
        continue;
      }
      i++;
      if (i + 4 >= this.s.length || !/^[0-9a-fA-F]{4}$/.test(this.s.slice(i, i + 4).join(""))) {
        return this.fail("Invalid \\uXXXX escape", i - 1);
      }
      i += 4;
    }
  }

  private object(i: number): number {
    i = this.ws(i);
    if (this.s[i] === "}") return i + 1;
    for (;;) {
      if (this.s[i] !== '"') return this.fail("Expecting property name enclosed in double quotes", i);
      i = this.ws(this.string(i + 1));
      if (this.s[i] !== ":") return this.fail("Expecting ':' delimiter", i);
      i = this.ws(this.value(this.ws(i + 1)));
      if (this.s[i] === "}") return i + 1;
      if (this.s[i] !== ",") return this.fail("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }

  private array(i: number): number {
    i = this.ws(i);
    if (this.s[i] === "]") return i + 1;
    for (;;) {
      i = this.ws(this.value(i));
      if (this.s[i] === "]") return i + 1;
      if (this.s[i] !== ",") return this.fail("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }
}

class ScanError extends Error {
  constructor(readonly fail: Fail) {
    super(fail.message);
  }
}

/** Python's json error for `text` ("Expecting value: line 1 column 15 (char 14)"), or undefined when it parses. */
export function pythonJsonError(text: string): string | undefined {
  const scan = new PythonJsonScan(text);
  const fail = scan.error();
  return fail && `${fail.message}: ${scan.line(fail.at)}`;
}
