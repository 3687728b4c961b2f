// YAML as Heat reads it: PyYAML's safe loader (YAML 1.1), with timestamps
// kept as strings (Heat's loader does so, so that `2021-04-16` stays the
// text written). PyYAML's implicit types differ from the `yaml` package's
// YAML 1.1 schema in details that change values: `y`/`n` are strings, and a
// float needs a dot (`1e5` is a string, `1.0e+5` a number).

import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type ScalarTag,
  type Tags,
} from "yaml";
import type { Origin } from "../../contract/diagnostics.js";
import { yamlNodePathOffset } from "../yaml-positions.js";

const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PY_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const PY_FLOAT_EXP = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+|\.[0-9][0-9_]*[eE][-+][0-9]+)$/;
const PY_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/;

function pyYamlTags(tags: Tags): Tags {
  const out: Tags = [];
  for (const t of tags) {
    if (typeof t === "string") {
      out.push(t);
      continue;
    }
    const tag = t as ScalarTag;
    if (tag.tag === "tag:yaml.org,2002:timestamp") continue;
    if (tag.tag === "tag:yaml.org,2002:bool" && tag.test) {
      out.push({ ...tag, test: tag.test.test("yes") ? PY_TRUE : PY_FALSE });
    } else if (tag.tag === "tag:yaml.org,2002:float" && tag.test && tag.format === "EXP") {
      out.push({ ...tag, test: PY_FLOAT_EXP });
    } else if (tag.tag === "tag:yaml.org,2002:float" && tag.test && !tag.test.test(".inf")) {
      out.push({ ...tag, test: PY_FLOAT });
    } else out.push(t);
  }
  return out;
}

/** A parsed YAML text with what is needed to point into it. */
export interface HeatYaml {
  /** The document's value (undefined when the text has syntax errors). */
  value: unknown;
  /** Syntax errors, with their positions. */
  errors: { message: string; line: number; column: number }[];
  /** The origin (file, path, line, column) of the value or map key at `path`. */
  originAt(path: (string | number)[]): Origin;
}

/** Parse `text` (YAML or JSON) the way Heat's template and environment loader does. */
export function parseHeatYaml(file: string, text: string): HeatYaml {
  const lc = new LineCounter();
  const doc: Document = parseDocument(text, {
    lineCounter: lc,
    version: "1.1",
    customTags: pyYamlTags,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const originAt = (path: (string | number)[]): Origin => {
    const offset = yamlNodePathOffset({ isMap, isPair, isScalar, isSeq }, doc.contents, path);
    if (offset === undefined) return { file, path };
    const p = lc.linePos(offset);
    return { file, path, line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return {
      value: undefined,
      errors: doc.errors.map((e) => {
        const p = lc.linePos(e.pos[0]);
        return {
          message: e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
          line: p.line,
          column: p.col,
        };
      }),
      originAt,
    };
  }
  return { value: doc.toJS({ maxAliasCount: 1000 }) ?? null, errors: [], originAt };
}
