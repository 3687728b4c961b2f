// Numeric functions (Terraform's docs: "Numeric Functions").

import { asInteger, asNumber, asString } from "./argument-conversion.js";
import { FunctionError, type FunctionTable } from "./definition.js";

const one = (f: (n: number) => number): FunctionTable[string] => ({
  params: ["num"],
  impl: ([n]) => f(asNumber(n, 0)),
});

function extreme(pick: (a: number, b: number) => number): FunctionTable[string] {
  return {
    params: [],
    variadic: "numbers",
    impl: (args) => {
      if (args.length === 0) throw new FunctionError("must pass at least one number");
      return args.map((a, i) => asNumber(a, i)).reduce((a, b) => pick(a, b));
    },
  };
}

/** Digit value of a character in Go's big.Int.SetString for the given base. */
function digitValue(c: string, base: number): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return base <= 36 ? code - 65 + 10 : code - 65 + 36;
  return 99;
}

export const NUMERIC_FUNCTIONS: FunctionTable = {
  abs: one(Math.abs),
  ceil: one(Math.ceil),
  floor: one(Math.floor),
  signum: one((n) => (n > 0 ? 1 : n < 0 ? -1 : 0)),
  log: {
    params: ["num", "base"],
    impl: ([n, b]) => Math.log(asNumber(n, 0)) / Math.log(asNumber(b, 1)),
  },
  pow: {
    params: ["num", "power"],
    impl: ([n, p]) => asNumber(n, 0) ** asNumber(p, 1),
  },
  max: extreme(Math.max),
  min: extreme(Math.min),
  parseint: {
    params: ["number", "base"],
    impl: ([s, b]) => {
      const text = asString(s, 0);
      const base = asInteger(b, 1);
      if (base < 2 || base > 62) throw new FunctionError("base must be a whole number between 2 and 62 inclusive", 1);
      const sign = text.startsWith("-") ? -1n : 1n;
      const digits = text.replace(/^[-+]/, "");
      if (digits === "" || [...digits].some((c) => digitValue(c, base) >= base))
        throw new FunctionError(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`, 0);
      let n = 0n;
      for (const c of digits) n = n * BigInt(base) + BigInt(digitValue(c, base));
      return Number(sign * n);
    },
  },
};
