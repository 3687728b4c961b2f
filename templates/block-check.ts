// Checking a declaration's body against its schema (templates/block-schemas.ts),
// with one set of messages for every language. Fields are checked in the
// order they are written, so diagnostics follow the source; each diagnostic
// is located at the offending field (the raw tree knows where it is).
//
// The structure of bodies (required, unknown and unsupported fields, nested
// blocks) is walked here; each field's value is checked by ajv against the
// field's JSON Schema.

import type { Ajv, ErrorObject, KeywordCxt, Options, ValidateFunction } from "ajv";
import type { DiagnosticBag } from "../contract/diagnostics.js";
import {
  ajvPackage,
  type KeywordChecks,
  loadPrecompiledValidators,
  schemaKey,
} from "../contract/precompiled-validators.js";
import type { BlockSchema, FieldRule, FieldSchema } from "./block-schemas.js";
import { fieldPath, normalizeAddress, normalizeTrigger, rawTypeName } from "./fragment.js";
import type { RawDialect, RawNode } from "./raw-config.js";

type Rel = readonly (string | number)[];

/** How messages name the value at a path relative to a body, e.g. `"lifecycle.ignore_changes" of resource noop.a`. */
export interface Subject {
  of(rel: Rel): string;
}

/** Subjects of a declaration's own fields: `"count" of resource noop.a`. */
export function ownerSubject(owner: string): Subject {
  return { of: (rel) => (rel.length === 0 ? owner : `"${rel.length === 1 ? rel[0] : fieldPath(rel)}" of ${owner}`) };
}

function nestedSubject(parent: Subject, name: string, describe: "path" | "block"): Subject {
  if (describe === "path") return { of: (rel) => parent.of([name, ...rel]) };
  const block = `${name} of ${parent.of([])}`;
  return { of: (rel) => (rel.length === 0 ? block : `"${fieldPath(rel)}" in ${block}`) };
}

export interface CheckContext {
  bag: DiagnosticBag;
  dialect: RawDialect;
}

export interface CheckedField {
  name: string;
  node: RawNode;
  /** Undefined for a property of an open block. */
  rule?: FieldRule;
  /** True when the value satisfies its rule (nested blocks: every body does). */
  valid: boolean;
  /** A nested block's bodies that are maps (one, or several in list form). */
  readonly bodies: readonly CheckedBody[];
}

export interface CheckedBody {
  node: RawNode;
  /** For a labeled block (provisioner "local-exec"), its label. */
  label?: string;
  /** True when nothing in the body was reported. */
  valid: boolean;
  /** The fields, unless checkBody was given onField. */
  readonly fields: readonly CheckedField[];
}

const NO_FIELDS: CheckedField[] = [];
const NO_BODIES: CheckedBody[] = [];

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Check a body; `onField` sees each field right after it was checked (so that
 * what the caller reports while building stays in document order). Returns
 * undefined when the body is not a map (reported).
 */
export function checkBody(
  node: RawNode,
  block: BlockSchema,
  subject: Subject,
  ctx: CheckContext,
  onField?: (field: CheckedField) => void,
): CheckedBody | undefined {
  const v = node.value;
  if (v === null && block.nullable) return { node, valid: true, fields: [] };
  if (!isPlainMap(v)) {
    ctx.bag.error(`${subject.of([])} must be ${block.expected}, got ${rawTypeName(v)}`, node.origin);
    return undefined;
  }
  let valid = true;
  for (const name of block.required) {
    if (!Object.hasOwn(v, name)) {
      ctx.bag.error(`missing required field "${name}" in ${subject.of([])}`, node.origin);
      valid = false;
    }
  }
  // Kept for nested blocks; a caller with onField reads the fields as they come.
  const fields: CheckedField[] = onField ? NO_FIELDS : [];
  for (const name of Object.keys(v)) {
    const rule = Object.hasOwn(block.fields, name) ? block.fields[name] : undefined;
    const child = node.child(name);
    let field: CheckedField;
    if (rule === undefined) {
      if (!block.open) {
        ctx.bag.error(
          `unknown field "${name}" in ${subject.of([])}; expected one of ${knownFields(block).join(", ")}`,
          child.origin,
        );
        valid = false;
        continue;
      }
      field = { name, node: child, valid: true, bodies: NO_BODIES };
    } else if (rule.kind === "unsupported") {
      ctx.bag.error(`${subject.of([name])} is not supported yet`, child.origin, rule.detail);
      valid = false;
      continue;
    } else if (rule.kind === "any") field = { name, node: child, rule, valid: true, bodies: NO_BODIES };
    else if (rule.kind === "labeled") field = checkLabeled(rule, name, child, subject, ctx);
    else if (rule.kind === "value")
      field = { name, node: child, rule, valid: checkValue(rule.schema, child, subject, name, ctx), bodies: NO_BODIES };
    else field = checkNested(rule, name, child, subject, ctx);
    if (!field.valid) valid = false;
    if (onField) onField(field);
    else fields.push(field);
  }
  for (const set of block.exactlyOne ?? []) {
    const present = set.filter((name) => Object.hasOwn(v, name));
    if (present.length === 1) continue;
    const names = set.map((n) => `"${n}"`).join(", ");
    ctx.bag.error(
      present.length === 0
        ? `${subject.of([])} must set one of ${names}`
        : `${subject.of([])} may set only one of ${names} (it sets ${present.map((n) => `"${n}"`).join(", ")})`,
      present.length === 0 ? node.origin : node.child(present[1]!).origin,
    );
    valid = false;
  }
  return { node, valid, fields };
}

function knownFields(block: BlockSchema): string[] {
  return Object.keys(block.fields).filter((k) => block.fields[k].kind !== "unsupported");
}

function checkNested(
  rule: Extract<FieldRule, { kind: "block" }>,
  name: string,
  node: RawNode,
  subject: Subject,
  ctx: CheckContext,
): CheckedField {
  const nested = nestedSubject(subject, name, rule.describe);
  const listed = rule.lists === "always" || (rule.lists === "dialect" && ctx.dialect.blockLists);
  const bodies: CheckedBody[] = [];
  const field: CheckedField = { name, node, rule, valid: true, bodies };
  const v = node.value;
  const items: RawNode[] = Array.isArray(v) && listed ? v.map((_, i) => node.child(i)) : isPlainMap(v) ? [node] : [];
  if (items.length === 0 && !(Array.isArray(v) && listed)) {
    ctx.bag.error(`${subject.of([name])} must be ${rule.expected}, got ${rawTypeName(v)}`, node.origin);
    field.valid = false;
  }
  for (const item of items) {
    const body = checkBody(item, rule.block, nested, ctx);
    if (body) bodies.push(body);
    if (!body?.valid) field.valid = false;
  }
  return field;
}

/** The bodies of labeled blocks in the order written (see the "labeled" rule), each checked against its label's. */
function checkLabeled(
  rule: Extract<FieldRule, { kind: "labeled" }>,
  name: string,
  node: RawNode,
  subject: Subject,
  ctx: CheckContext,
): CheckedField {
  const bodies: CheckedBody[] = [];
  const field: CheckedField = { name, node, rule, valid: true, bodies };
  const wrong = (at: RawNode) => {
    ctx.bag.error(`${subject.of([name])} must be ${rule.expected}, got ${rawTypeName(at.value)}`, at.origin);
    field.valid = false;
  };
  const labeled = (label: string, at: RawNode) => {
    const v = at.value;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) labeled(label, at.child(i));
    else if (!Object.hasOwn(rule.labels, label)) {
      const known = Object.keys(rule.labels).join(", ");
      if (Object.hasOwn(rule.unsupportedLabels, label))
        ctx.bag.error(
          `${name} "${label}" of ${subject.of([])} is not supported yet`,
          at.origin,
          rule.unsupportedLabels[label],
        );
      else ctx.bag.error(`unknown ${name} type "${label}" in ${subject.of([])}; expected ${known}`, at.origin);
      field.valid = false;
    } else {
      const body = checkBody(at, rule.labels[label], nestedSubject(subject, `${name} "${label}"`, "block"), ctx);
      if (body) bodies.push({ ...body, label });
      if (!body?.valid) field.valid = false;
    }
  };
  const members = (at: RawNode) => {
    if (!isPlainMap(at.value)) wrong(at);
    else for (const label of Object.keys(at.value)) labeled(label, at.child(label));
  };
  if (Array.isArray(node.value)) for (let i = 0; i < node.value.length; i++) members(node.child(i));
  else members(node);
  return field;
}

// ---- values: ajv ----

/** The checks behind gantry's keywords: `address`, the same rules the builder uses to read the value. */
export const FIELD_KEYWORD_CHECKS: KeywordChecks = {
  address: (kind, data) => (kind === "trigger" ? normalizeTrigger(data) : normalizeAddress(data)) !== undefined,
};

// The build's precompiled validators (contract/precompiled-validators.ts), else ajv, loaded on the first schema
// not among them; both once per process.
let precompiled: Record<string, ValidateFunction> | undefined;
let ajv: Ajv | undefined;
const validators = new WeakMap<FieldSchema, ValidateFunction>();

function validatorFor(schema: FieldSchema): ValidateFunction {
  let v = validators.get(schema);
  if (!v) {
    precompiled ??= loadPrecompiledValidators()?.fields(FIELD_KEYWORD_CHECKS) ?? {};
    v = precompiled[schemaKey(schema)] ?? (ajv ??= createFieldAjv()).compile(schema);
    validators.set(schema, v);
  }
  return v;
}

/**
 * The ajv that compiles field schemas (the build's too, given `code` options to write standalone code). Its
 * `address` keyword calls FIELD_KEYWORD_CHECKS.address; written as code, so that standalone code can call it too
 * (as `checks.address`, the checks the precompiled module is given).
 */
export function createFieldAjv(options: Options = {}): Ajv {
  const { Ajv, _ } = ajvPackage();
  const a = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true, ...options });
  a.addVocabulary(["expected"]);
  a.addKeyword({
    keyword: "address",
    schemaType: "string",
    code(cxt: KeywordCxt) {
      const check = cxt.gen.scopeValue("func", { ref: FIELD_KEYWORD_CHECKS.address, code: _`checks.address` });
      cxt.fail(_`typeof ${cxt.data} == "string" && !${check}(${cxt.schemaCode}, ${cxt.data})`);
    },
  });
  return a;
}

const TYPE_NAMES: Record<string, string> = {
  object: "a map",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "a whole number",
  boolean: "a bool",
  null: "null",
};

function checkValue(schema: FieldSchema, node: RawNode, subject: Subject, name: string, ctx: CheckContext): boolean {
  const validate = validatorFor(schema);
  if (validate(node.value)) return true;
  for (const e of validate.errors ?? []) {
    const rel = errorPath(e, node.value);
    let at = node;
    for (const seg of rel) at = at.child(seg);
    ctx.bag.error(valueMessage(e, subject.of([name, ...rel]), ctx.dialect), at.origin);
  }
  return false;
}

/** The error's instance path, with list indices as numbers. */
function errorPath(e: ErrorObject, root: unknown): (string | number)[] {
  if (!e.instancePath) return [];
  const out: (string | number)[] = [];
  let v = root;
  for (const raw of e.instancePath.slice(1).split("/")) {
    const s = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const seg = Array.isArray(v) ? Number(s) : s;
    out.push(seg);
    v = v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[seg] : undefined;
  }
  return out;
}

function valueMessage(e: ErrorObject, subject: string, dialect: RawDialect): string {
  const ps = e.parentSchema as { expected?: string } | undefined;
  const expected = ps?.expected?.replace(/<addr>/g, JSON.stringify(`${dialect.typePrefix}noop.a`));
  if (e.keyword === "type") {
    const types = String((e.params as { type: string | string[] }).type).split(",");
    const names = expected ?? types.map((t) => TYPE_NAMES[t] ?? t).join(" or ");
    return `${subject} must be ${names}, got ${rawTypeName(e.data)}`;
  }
  const got = typeof e.data === "string" || typeof e.data === "number" ? JSON.stringify(e.data) : rawTypeName(e.data);
  return `${subject} must be ${expected ?? e.message ?? "valid"}, got ${got}`;
}
