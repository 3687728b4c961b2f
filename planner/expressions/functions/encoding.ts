// Encoding functions (Terraform's docs: "Encoding Functions").

import { createRequire } from "node:module";
import { constants, crc32, deflateRawSync } from "node:zlib";
import type { Value } from "../../../contract/values.js";
import { asString, compareStrings, isMap } from "./argument-conversion.js";
import { ctyJson } from "./cty-json.js";
import { FunctionError, type FunctionTable } from "./definition.js";

/** yaml, loaded when `yamlencode` or `yamldecode` first runs rather than at every start. */
const requireHere = createRequire(import.meta.url);
const yaml = (): typeof import("yaml") => requireHere("yaml");

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 with padding, strictly (Go's StdEncoding); undefined when it is not. */
function strictBase64(s: string): Buffer | undefined {
  if (s.length % 4 !== 0 || !BASE64.test(s)) return undefined;
  return Buffer.from(s, "base64");
}

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** RFC 4180 records, as Go's encoding/csv reads them (a bare quote inside an unquoted field is an error). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        const startLine = line;
        i++;
        for (;;) {
          if (i >= n)
            throw new FunctionError(`CSV parse error on line ${startLine}: extraneous or missing " in quoted-field`);
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (text[i] === "\n") line++;
          field += text[i++];
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r")
          throw new FunctionError(`CSV parse error on line ${line}: extraneous or missing " in quoted-field`);
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\n" && !(text[i] === "\r" && text[i + 1] === "\n")) {
          if (text[i] === '"') throw new FunctionError(`CSV parse error on line ${line}: bare " in non-quoted-field`);
          field += text[i++];
        }
      }
      row.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      break;
    }
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
  }
  return rows;
}

/**
 * Gzip framed as Go's compress/gzip writes it for Terraform (no name or time, OS byte 255, a sync flush and then an
 * empty final stored block), so short inputs give Terraform's bytes exactly.
 */
function goGzip(data: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const body = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([header, body, Buffer.from([1, 0, 0, 0xff, 0xff]), trailer]);
}

/** Keys sorted deeply, as Terraform's objects and maps always are. */
function sortKeys(v: Value): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isMap(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort(compareStrings)
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

function yamlEncode(v: Value): string {
  if (typeof v === "string" && v.includes("\n")) {
    // A multi-line string alone: a literal block, indented as Terraform's encoder writes it.
    const keep = v.endsWith("\n");
    const lines = (keep ? v.slice(0, -1) : v).split("\n");
    return `|${keep ? "" : "-"}\n${lines.map((l) => (l ? `  ${l}` : "")).join("\n")}\n`;
  }
  const { Document, visit } = yaml();
  const doc = new Document(sortKeys(v));
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string") node.type = node.value.includes("\n") ? "BLOCK_LITERAL" : "QUOTE_DOUBLE";
    },
  });
  const out = doc.toString({ indentSeq: false, lineWidth: 0 });
  // A plain scalar document ends with an explicit document end marker in Terraform's encoder.
  return v === null || typeof v === "number" || typeof v === "boolean" ? `${out}...\n` : out;
}

function yamlDecode(text: string): Value {
  // YAML 1.1's scalars (yes/no/on/off are booleans) as Terraform's decoder reads them; timestamps stay strings.
  const docs = yaml().parseAllDocuments(text, {
    version: "1.1",
    merge: true,
    uniqueKeys: false,
    customTags: (tags) => tags.filter((t) => typeof t === "string" || t.tag !== "tag:yaml.org,2002:timestamp"),
  });
  if (!Array.isArray(docs)) return null;
  if (docs.length === 0) return null;
  if (docs.length > 1) throw new FunctionError("unexpected extra content after value", 0);
  const doc = docs[0];
  if (doc.errors.length)
    throw new FunctionError(`on line ${doc.errors[0].linePos?.[0].line ?? "?"}: ${doc.errors[0].message}`, 0);
  return (doc.toJS({ maxAliasCount: -1 }) ?? null) as Value;
}

/** Text encodings by their IANA names and aliases: what Node can encode and decode. */
function textEncoding(name: string): "utf8" | "utf16le" | "utf16be" | "latin1" | "ascii" | undefined {
  const n = name.toLowerCase().replace(/_/g, "-");
  if (n === "utf-8" || n === "utf8") return "utf8";
  if (n === "utf-16le") return "utf16le";
  if (n === "utf-16be" || n === "utf-16") return "utf16be";
  if (["iso-8859-1", "latin1", "l1", "iso-ir-100", "cp819", "ibm819", "csisolatin1", "iso8859-1"].includes(n))
    return "latin1";
  if (["us-ascii", "ascii", "ansi-x3.4-1968", "iso646-us", "us", "csascii"].includes(n)) return "ascii";
  return undefined;
}

function encodeText(s: string, enc: NonNullable<ReturnType<typeof textEncoding>>, name: string): Buffer {
  if (enc === "latin1" || enc === "ascii") {
    const limit = enc === "latin1" ? 0xff : 0x7f;
    for (const c of s)
      if (c.codePointAt(0)! > limit)
        throw new FunctionError(`the given string contains characters that cannot be represented in ${name}`, 0);
    return Buffer.from(s, "latin1");
  }
  if (enc === "utf16be") return Buffer.from(s, "utf16le").swap16();
  return Buffer.from(s, enc);
}

export const ENCODING_FUNCTIONS: FunctionTable = {
  base64encode: { params: ["str"], impl: ([s]) => Buffer.from(asString(s, 0), "utf8").toString("base64") },
  base64decode: {
    params: ["str"],
    impl: ([s]) => {
      const text = asString(s, 0);
      const bytes = strictBase64(text);
      if (!bytes) throw new FunctionError(`failed to decode base64 data ${JSON.stringify(text)}`);
      const out = decodeUtf8(bytes);
      if (out === undefined) throw new FunctionError("the result of decoding the provided string is not valid UTF-8");
      return out;
    },
  },
  base64gzip: {
    params: ["str"],
    impl: ([s]) => goGzip(Buffer.from(asString(s, 0), "utf8")).toString("base64"),
  },
  textencodebase64: {
    params: ["string", "encoding"],
    impl: ([s, e]) => {
      const name = asString(e, 1);
      const enc = textEncoding(name);
      if (!enc)
        throw new FunctionError(
          `${JSON.stringify(name)} is not a supported IANA encoding name or alias in this Terraform version`,
          1,
        );
      return encodeText(asString(s, 0), enc, name).toString("base64");
    },
  },
  textdecodebase64: {
    params: ["source", "encoding"],
    impl: ([s, e]) => {
      const name = asString(e, 1);
      const enc = textEncoding(name);
      if (!enc)
        throw new FunctionError(
          `${JSON.stringify(name)} is not a supported IANA encoding name or alias in this Terraform version`,
          1,
        );
      const text = asString(s, 0);
      const bad = [...text].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
      if (bad >= 0) throw new FunctionError(`the given value has an invalid base64 symbol at offset ${bad}`, 0);
      const bytes = Buffer.from(text, "base64");
      if (enc === "utf8") {
        const out = decodeUtf8(bytes);
        if (out === undefined)
          throw new FunctionError(`the given string contains symbols that are not defined for ${name}`, 0);
        return out;
      }
      if (enc === "utf16be") return Buffer.from(bytes).swap16().toString("utf16le");
      return bytes.toString(enc);
    },
  },
  urlencode: { params: ["str"], impl: ([s]) => queryEscape(asString(s, 0)) },
  jsonencode: {
    params: ["val"],
    allowNull: true,
    impl: ([v]) => ctyJson(v),
  },
  jsondecode: {
    params: ["str"],
    impl: ([s]) => {
      const text = asString(s, 0);
      try {
        return JSON.parse(text) as Value;
      } catch (e) {
        const first = text.trimStart()[0];
        if (first !== undefined && !/[[{"\-0-9tfn]/.test(first))
          throw new FunctionError(`a JSON document cannot begin with the character ${JSON.stringify(first)}`, 0);
        throw new FunctionError((e as Error).message, 0);
      }
    },
  },
  csvdecode: {
    params: ["str"],
    impl: ([s]) => {
      const rows = parseCsv(asString(s, 0));
      if (rows.length === 0) throw new FunctionError("missing header line");
      const [header, ...data] = rows;
      const seen = new Set<string>();
      for (const h of header) {
        if (seen.has(h)) throw new FunctionError(`duplicate column name ${JSON.stringify(h)}`);
        seen.add(h);
      }
      return data.map((row, i) => {
        if (row.length !== header.length)
          throw new FunctionError(`CSV parse error on line ${i + 2}: wrong number of fields`);
        return Object.fromEntries(header.map((h, j) => [h, row[j]]));
      });
    },
  },
  yamlencode: {
    params: ["value"],
    allowNull: true,
    impl: ([v]) => yamlEncode(v),
  },
  yamldecode: {
    params: ["src"],
    impl: ([s]) => yamlDecode(asString(s, 0)),
  },
};
