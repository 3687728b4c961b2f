// Terraform's JSON configuration syntax, `*.tf.json` (what CDKTF synthesizes).
//
//   { "resource": { "gantry_noop": { "a": { ... } } }, "variable": {...},
//     "locals": {...}, "output": {...}, "terraform": ..., "provider": ..., "//": ... }
//
// Any block level may also be an array of objects (Terraform's JSON syntax);
// "//" keys (CDKTF metadata) are skipped at every level, including inside
// property values. "gantry_" is stripped from resource type names and from
// depends_on / replace_triggered_by addresses; references inside expressions
// stay as written (the planner canonicalizes them).
//
// Loading uses JSON.parse and records only document paths in origins (no
// line/column): templates/locate.ts resolves them when a diagnostic is shown.
// Origins: a resource is at ["resource", "<type as written>", "<name>"]
// (array forms add numeric indices where the arrays are), its properties and
// meta-arguments one level deeper; variables at ["variable", name], outputs at
// ["output", name], locals at ["locals", name].

import type { DiagnosticBag, Origin } from "../contract/diagnostics.js";
import { defaultLifecycle, type OutputConfig, type PropertyConfig, type RefConfig, type ResourceConfig, type VariableConfig } from "../planner/model.js";
import {
  compileAt,
  emptyFragment,
  normalizeAddress,
  normalizeAttributeName,
  normalizeTrigger,
  normalizeVariableType,
  rawTypeName,
  shortTypeName,
  unwrapInterpolation,
  VARIABLE_TYPE_EXPECTED,
  type ConfigFragment,
} from "./fragment.js";
import { JsonScanError, lineColumn, scanJson } from "./json-positions.js";

type Path = (string | number)[];

const IGNORED_TOP = new Set(["//", "terraform", "provider"]);
const UNSUPPORTED_TOP = new Set(["data", "module", "moved", "import", "check", "removed"]);
const TYPE_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Remove "//" keys at any depth; returns the same value when there are none. */
export function stripComments(v: unknown): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const s = stripComments(v[i]);
      if (s !== v[i]) {
        out ??= v.slice();
        out[i] = s;
      }
    }
    return out ?? v;
  }
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k in o) {
      if (k === "//") {
        out ??= { ...o };
        delete out["//"];
        continue;
      }
      const s = stripComments(o[k]);
      if (s !== o[k]) {
        out ??= { ...o };
        out[k] = s;
      }
    }
    return out ?? v;
  }
  return v;
}

/** Parse one `*.tf.json` file. `file` is the path relative to the configuration directory. */
export function parseTerraformJson(file: string, content: string, bag: DiagnosticBag): ConfigFragment {
  const frag = emptyFragment();
  let root: unknown;
  try {
    root = JSON.parse(content);
  } catch (e) {
    reportMalformed(file, content, (e as Error).message, bag);
    return frag;
  }
  const at = (path: Path): Origin => ({ file, path });
  if (!isPlainMap(root)) {
    bag.error(`${file} must contain a JSON object with resource, variable, locals and output blocks, got ${rawTypeName(root)}`, at([]));
    return frag;
  }
  const p = new TfParser(file, bag, frag);
  for (const key of Object.keys(root)) {
    const v = root[key];
    if (IGNORED_TOP.has(key)) continue;
    switch (key) {
      case "resource":
        p.blocks(v, ["resource"], 2, [], (labels, body, path) => p.resource(labels[0], labels[1], body, path));
        break;
      case "variable":
        p.blocks(v, ["variable"], 1, [], (labels, body, path) => p.variable(labels[0], body, path));
        break;
      case "output":
        p.blocks(v, ["output"], 1, [], (labels, body, path) => p.output(labels[0], body, path));
        break;
      case "locals":
        p.blocks(v, ["locals"], 0, [], (_labels, body, path) => p.locals(body, path));
        break;
      default:
        if (UNSUPPORTED_TOP.has(key)) bag.error(`"${key}" blocks are not supported yet`, at([key]));
        else bag.error(`unknown top-level block "${key}"; expected one of resource, variable, locals, output (terraform, provider and "//" are ignored)`, at([key]));
    }
  }
  return frag;
}

function reportMalformed(file: string, content: string, message: string, bag: DiagnosticBag): void {
  let offset: number | undefined;
  let msg = message.replace(/ in JSON at position \d+.*$/, "").replace(/^Unexpected token '(.)', ".*" is not valid JSON$/s, "unexpected token '$1'");
  try {
    scanJson(content);
  } catch (e) {
    if (e instanceof JsonScanError) {
      offset = e.offset;
      msg = e.message;
    }
  }
  if (offset === undefined) {
    const m = /at position (\d+)/.exec(message);
    if (m) offset = Number(m[1]);
    else if (/end of JSON input/.test(message)) offset = content.length;
  }
  if (offset === undefined) {
    bag.error(`invalid JSON in ${file}: ${msg}`, { file, path: [] });
    return;
  }
  const { line, column } = lineColumn(content, offset);
  bag.error(`invalid JSON in ${file} at line ${line}, column ${column}: ${msg}`, { file, path: [], line, column });
}

class TfParser {
  constructor(
    readonly file: string,
    readonly bag: DiagnosticBag,
    readonly frag: ConfigFragment,
  ) {}

  at(path: Path): Origin {
    return { file: this.file, path };
  }

  /** Expand Terraform JSON's block forms: `labels` levels of object keys, arrays allowed at every level. */
  blocks(node: unknown, path: Path, remaining: number, labels: string[], cb: (labels: string[], body: Record<string, unknown>, path: Path) => void): void {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) this.blocks(node[i], [...path, i], remaining, labels, cb);
      return;
    }
    if (!isPlainMap(node)) {
      const what = remaining === 0 ? "a JSON object (block body)" : "a JSON object keyed by block label";
      this.bag.error(`"${path.filter((s) => typeof s === "string").join(".")}" must be ${what}, got ${rawTypeName(node)}`, this.at(path));
      return;
    }
    if (remaining === 0) {
      cb(labels, node, path);
      return;
    }
    for (const k of Object.keys(node)) {
      if (k === "//") continue;
      this.blocks(node[k], [...path, k], remaining - 1, [...labels, k], cb);
    }
  }

  private refs(raw: unknown, path: Path, field: string, owner: string, normalize = normalizeAddress): RefConfig[] {
    if (!Array.isArray(raw)) {
      this.bag.error(`"${field}" of ${owner} must be a list of resource addresses such as ["gantry_noop.a"], got ${rawTypeName(raw)}`, this.at(path));
      return [];
    }
    const out: RefConfig[] = [];
    for (let i = 0; i < raw.length; i++) {
      const s = raw[i];
      const ref = typeof s === "string" ? normalize(s) : undefined;
      if (ref === undefined) {
        this.bag.error(
          `"${field}[${i}]" of ${owner} must be a resource address such as "gantry_noop.a", got ${typeof s === "string" ? JSON.stringify(s) : rawTypeName(s)}`,
          this.at([...path, i]),
        );
        continue;
      }
      out.push({ ref, origin: this.at([...path, i]) });
    }
    return out;
  }

  resource(typeAsWritten: string, name: string, body: Record<string, unknown>, path: Path): void {
    const display = `${typeAsWritten}.${name}`;
    if (!TYPE_RE.test(typeAsWritten) || !NAME_RE.test(name)) {
      this.bag.error(`invalid resource address "${display}"; expected a type such as "gantry_noop" and a name of letters, digits, "_" and "-"`, this.at(path));
      return;
    }
    const type = shortTypeName(typeAsWritten);
    const origin = this.at(path);
    const properties: Record<string, PropertyConfig> = {};
    const lifecycle = defaultLifecycle();
    const res: ResourceConfig = { type, name, key: `${type}.${name}`, properties, dependsOn: [], lifecycle, origin };
    for (const field of Object.keys(body)) {
      const v = body[field];
      const fp = [...path, field];
      const fo = this.at(fp);
      const what = `"${field}" of resource ${display}`;
      switch (field) {
        case "//":
        case "provider": // the only provider is gantry's
          break;
        case "count":
          if ((typeof v === "number" && Number.isInteger(v) && v >= 0) || typeof v === "string") res.count = { value: compileAt(v, fo, what, this.bag), origin: fo };
          else this.bag.error(`${what} must be a number or an expression string, got ${typeof v === "number" ? v : rawTypeName(v)}`, fo);
          break;
        case "for_each":
          if (v !== null && (typeof v === "object" || typeof v === "string")) res.forEach = { value: compileAt(stripComments(v), fo, what, this.bag), origin: fo };
          else this.bag.error(`${what} must be a map, a list or an expression string, got ${rawTypeName(v)}`, fo);
          break;
        case "depends_on":
          res.dependsOn = this.refs(v, fp, field, `resource ${display}`);
          break;
        case "lifecycle":
          this.lifecycle(res, v, fp, display);
          break;
        case "provisioner":
        case "connection":
          this.bag.error(`${what} is not supported yet`, fo, "Gantry resource types do their own configuration of hosts; provisioners and connections are not implemented.");
          break;
        case "__proto__":
          this.bag.error(`invalid property name ${what}`, fo);
          break;
        default:
          properties[field] = { value: compileAt(stripComments(v), fo, what, this.bag), origin: fo };
      }
    }
    this.frag.resources.push(res);
  }

  private lifecycle(res: ResourceConfig, raw: unknown, path: Path, display: string): void {
    // A nested block: an object, or (JSON block syntax) an array of objects.
    const bodies: [Record<string, unknown>, Path][] = [];
    if (Array.isArray(raw)) raw.forEach((b, i) => (isPlainMap(b) ? bodies.push([b, [...path, i]]) : this.bag.error(`"lifecycle" of resource ${display} must be an object, got ${rawTypeName(b)}`, this.at([...path, i]))));
    else if (isPlainMap(raw)) bodies.push([raw, path]);
    else {
      this.bag.error(`"lifecycle" of resource ${display} must be an object, got ${rawTypeName(raw)}`, this.at(path));
      return;
    }
    const lc = res.lifecycle;
    for (const [body, bp] of bodies) {
      for (const k of Object.keys(body)) {
        const v = body[k];
        const fp = [...bp, k];
        const what = `"lifecycle.${k}" of resource ${display}`;
        switch (k) {
          case "//":
            break;
          case "create_before_destroy":
          case "prevent_destroy":
            if (typeof v !== "boolean") this.bag.error(`${what} must be true or false, got ${rawTypeName(v)}`, this.at(fp));
            else if (k === "create_before_destroy") lc.createBeforeDestroy = v;
            else lc.preventDestroy = v;
            break;
          case "ignore_changes":
            if (typeof v === "string" && unwrapInterpolation(v) === "all") lc.ignoreChanges = "all";
            else if (Array.isArray(v) && v.every((s) => typeof s === "string")) lc.ignoreChanges = v.map((s: string) => normalizeAttributeName(s));
            else this.bag.error(`${what} must be a list of attribute names or "all", got ${typeof v === "string" ? JSON.stringify(v) : rawTypeName(v)}`, this.at(fp));
            break;
          case "replace_triggered_by":
            lc.replaceTriggeredBy = this.refs(v, fp, `lifecycle.${k}`, `resource ${display}`, normalizeTrigger);
            break;
          case "precondition":
          case "postcondition":
            this.bag.error(`${what} is not supported yet`, this.at(fp));
            break;
          default:
            this.bag.error(`unknown field "${k}" in "lifecycle" of resource ${display}; expected one of create_before_destroy, prevent_destroy, ignore_changes, replace_triggered_by`, this.at(fp));
        }
      }
    }
  }

  variable(name: string, body: Record<string, unknown>, path: Path): void {
    const origin = this.at(path);
    const variable: VariableConfig = { name, type: "any", hasDefault: false, validations: [], origin };
    for (const k of Object.keys(body)) {
      const v = body[k];
      const fp = [...path, k];
      const what = `"${k}" of variable "${name}"`;
      switch (k) {
        case "//":
        case "nullable":
          break;
        case "type": {
          const t = typeof v === "string" ? normalizeVariableType(v) : undefined;
          if (t === undefined) this.bag.error(`${what} must be ${VARIABLE_TYPE_EXPECTED}, got ${typeof v === "string" ? JSON.stringify(v) : rawTypeName(v)}`, this.at(fp));
          else variable.type = t;
          break;
        }
        case "default":
          variable.default = stripComments(v);
          variable.hasDefault = true;
          break;
        case "description":
          if (typeof v === "string") variable.description = v;
          else this.bag.error(`${what} must be a string, got ${rawTypeName(v)}`, this.at(fp));
          break;
        case "sensitive":
          if (typeof v === "boolean") variable.sensitive = v;
          else this.bag.error(`${what} must be true or false, got ${rawTypeName(v)}`, this.at(fp));
          break;
        case "validation": {
          const rules: [unknown, Path][] = Array.isArray(v) ? v.map((r, i) => [r, [...fp, i]]) : [[v, fp]];
          for (const [rule, rp] of rules) this.validation(name, rule, rp, variable);
          break;
        }
        default:
          this.bag.error(`unknown field "${k}" in variable "${name}"; expected one of type, default, description, sensitive, nullable, validation`, this.at(fp));
      }
    }
    this.frag.variables.push(variable);
  }

  private validation(name: string, rule: unknown, path: Path, variable: VariableConfig): void {
    const ro = this.at(path);
    if (!isPlainMap(rule)) {
      this.bag.error(`"validation" of variable "${name}" must be an object with condition and error_message, got ${rawTypeName(rule)}`, ro);
      return;
    }
    let ok = true;
    for (const k of Object.keys(rule)) {
      if (k !== "condition" && k !== "error_message" && k !== "//") {
        this.bag.error(`unknown field "${k}" in validation of variable "${name}"; expected condition, error_message`, this.at([...path, k]));
        ok = false;
      }
    }
    for (const [k, types] of [
      ["condition", ["string", "boolean"]],
      ["error_message", ["string"]],
    ] as const) {
      if (!(k in rule)) {
        this.bag.error(`missing required field "${k}" in validation of variable "${name}"`, ro);
        ok = false;
      } else if (!(types as readonly string[]).includes(typeof rule[k])) {
        this.bag.error(`"${k}" in validation of variable "${name}" must be ${k === "condition" ? 'an expression string such as "${var.x > 0}"' : "a string"}, got ${rawTypeName(rule[k])}`, this.at([...path, k]));
        ok = false;
      }
    }
    if (!ok) return;
    const co = this.at([...path, "condition"]);
    variable.validations.push({
      condition: compileAt(rule.condition, co, `the validation condition of variable "${name}"`, this.bag),
      errorMessage: rule.error_message as string,
      origin: ro,
    });
  }

  output(name: string, body: Record<string, unknown>, path: Path): void {
    const origin = this.at(path);
    if (!("value" in body)) {
      this.bag.error(`missing required field "value" in output "${name}"`, origin);
      return;
    }
    const out: OutputConfig = { name, value: { k: "lit", v: null }, dependsOn: [], origin };
    for (const k of Object.keys(body)) {
      const v = body[k];
      const fp = [...path, k];
      const what = `"${k}" of output "${name}"`;
      switch (k) {
        case "//":
          break;
        case "value":
          out.value = compileAt(stripComments(v), this.at(fp), `the value of output "${name}"`, this.bag);
          break;
        case "description":
          if (typeof v === "string") out.description = v;
          else this.bag.error(`${what} must be a string, got ${rawTypeName(v)}`, this.at(fp));
          break;
        case "sensitive":
          if (typeof v === "boolean") out.sensitive = v;
          else this.bag.error(`${what} must be true or false, got ${rawTypeName(v)}`, this.at(fp));
          break;
        case "depends_on":
          out.dependsOn = this.refs(v, fp, k, `output "${name}"`);
          break;
        case "precondition":
          this.bag.error(`${what} is not supported yet`, this.at(fp));
          break;
        default:
          this.bag.error(`unknown field "${k}" in output "${name}"; expected one of value, description, sensitive, depends_on`, this.at(fp));
      }
    }
    this.frag.outputs.push(out);
  }

  locals(body: Record<string, unknown>, path: Path): void {
    for (const k of Object.keys(body)) {
      if (k === "//") continue;
      const origin = this.at([...path, k]);
      this.frag.locals.push({ name: k, value: compileAt(stripComments(body[k]), origin, `local "${k}"`, this.bag), origin });
    }
  }
}
