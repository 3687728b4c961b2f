// The parameter and result types of built-in functions, as Terraform's function signatures declare them
// (`terraform metadata functions -json`): what lets a call whose arguments are unknown, but of a known type, be
// checked before apply (`upper(var.list)` is an error even while the list is unknown), and gives an unknown result
// its type. A function not listed here, or a parameter or result left as `any`, is checked only once its values
// are known (as for Terraform's dynamically-typed parameters).

import type { ValueType } from "../../../contract/value-type.js";

export interface FunctionSignature {
  /** The positional parameters' types. */
  params: ValueType[];
  /** The type of each further argument of a variadic function. */
  variadic?: ValueType;
  /** The result's type. */
  returns: ValueType;
}

const S: ValueType = { k: "string" };
const N: ValueType = { k: "number" };
const B: ValueType = { k: "bool" };
const A: ValueType = { k: "any" };
const list = (elem: ValueType): ValueType => ({ k: "list", elem });

const fn = (params: ValueType[], returns: ValueType, variadic?: ValueType): FunctionSignature => ({
  params,
  returns,
  variadic,
});

const stringToString = fn([S], S);

export const FUNCTION_SIGNATURES: Readonly<Record<string, FunctionSignature>> = {
  // numeric
  abs: fn([N], N),
  ceil: fn([N], N),
  floor: fn([N], N),
  log: fn([N, N], N),
  max: fn([], N, N),
  min: fn([], N, N),
  pow: fn([N, N], N),
  signum: fn([N], N),
  // string
  chomp: stringToString,
  endswith: fn([S, S], B),
  format: fn([S], S, A),
  formatlist: fn([S], list(S), A),
  indent: fn([N, S], S),
  join: fn([S], S, list(S)),
  lower: stringToString,
  replace: fn([S, S, S], S),
  split: fn([S, S], list(S)),
  startswith: fn([S, S], B),
  strcontains: fn([S, S], B),
  strrev: stringToString,
  substr: fn([S, N, N], S),
  title: stringToString,
  trim: fn([S, S], S),
  trimprefix: fn([S, S], S),
  trimspace: stringToString,
  trimsuffix: fn([S, S], S),
  upper: stringToString,
  // collection
  alltrue: fn([list(B)], B),
  anytrue: fn([list(B)], B),
  compact: fn([list(S)], list(S)),
  contains: fn([A, A], B),
  length: fn([A], N),
  range: fn([], list(N), N),
  sort: fn([list(S)], list(S)),
  sum: fn([A], N),
  // encoding
  base64decode: stringToString,
  base64encode: stringToString,
  base64gzip: stringToString,
  jsonencode: fn([A], S),
  textdecodebase64: fn([S, S], S),
  textencodebase64: fn([S, S], S),
  urlencode: stringToString,
  yamlencode: fn([A], S),
  // filesystem
  abspath: stringToString,
  basename: stringToString,
  dirname: stringToString,
  file: stringToString,
  filebase64: stringToString,
  fileexists: fn([S], B),
  pathexpand: stringToString,
  // date and time
  formatdate: fn([S, S], S),
  timeadd: fn([S, S], S),
  timecmp: fn([S, S], N),
  // hash and crypto
  base64sha256: stringToString,
  base64sha512: stringToString,
  md5: stringToString,
  sha1: stringToString,
  sha256: stringToString,
  sha512: stringToString,
  filemd5: stringToString,
  filesha1: stringToString,
  filesha256: stringToString,
  filesha512: stringToString,
  filebase64sha256: stringToString,
  filebase64sha512: stringToString,
  // ip network
  cidrhost: fn([S, N], S),
  cidrnetmask: stringToString,
  cidrsubnet: fn([S, N, N], S),
  cidrsubnets: fn([S], list(S), N),
  // type conversion
  tobool: fn([A], B),
  tonumber: fn([A], N),
  tostring: fn([A], S),
};
