// HOT's intrinsic functions: a template value (maps like {get_attr: [...]}
// anywhere inside) compiled into the planner's expressions. Which functions
// exist, and how each behaves, depends on the template's version, as in Heat
// (templates/hot/template-versions.ts). What a reference to a resource or
// parameter becomes is the template compiler's business (IntrinsicContext);
// this file knows the functions.
//
// A function whose arguments are known when loading (literals, parameters,
// files) is computed at once; one that depends on resources becomes a call
// of its implementation in the planner's function registry ("hot:...",
// planner/expressions/functions/heat-intrinsics.ts), evaluated when the
// planner evaluates the expression. Conditions (`if`, and the `conditions`
// section's functions) depend on parameters only and are decided here.
// Errors are Heat's messages, located at the function's key.

import type { DiagnosticBag, Origin } from "../../contract/diagnostics.js";
import { containsUnknown, isUnknown, setMember, UNKNOWN, type Value } from "../../contract/values.js";
import { collectRefs, type Expr } from "../../planner/expressions/ast.js";
import { EvalError, type EvalScope, evaluate } from "../../planner/expressions/evaluate.js";
import { isHeatFunctionError } from "../../planner/expressions/functions/heat-intrinsics.js";
import { pyRepr, pyStr, pyTypeName } from "../../planner/expressions/functions/python-rendering.js";
import type { RawNode } from "../raw-config.js";
import {
  conditionFunctionKind,
  type FunctionKind,
  functionKind,
  type HotTemplateVersion,
  templateVersionOfDate,
} from "./template-versions.js";

/** `resource_facade`'s attributes (Fn::ResourceFacade's Metadata, DeletionPolicy, UpdatePolicy). */
export type FacadeAttribute = "metadata" | "deletion_policy" | "update_policy";

/** What the template compiler gives the functions. */
export interface IntrinsicContext {
  /** The template's `heat_template_version`, as a date ("2021-04-16"; names like "wallaby" already resolved). */
  version: string;
  bag: DiagnosticBag;
  /**
   * `get_param: name` or `[name, path...]`: the parameter's value (resolved from environments), path applied as
   * Heat applies it (`heatPath("get_param", value, path)`).
   */
  getParam(name: string, path: Expr[], origin: Origin): Expr;
  /** `get_resource: name`: the resource's reference (its physical id unless its type names another attribute). */
  getResource(name: string, origin: Origin): Expr;
  /**
   * `get_attr: [name, attribute, path...]` (no attribute: every attribute, as a map), path applied as Heat applies
   * it (`heatPath("get_attr", value, path)`).
   */
  getAttr(name: string, attribute: Expr | undefined, path: Expr[], origin: Origin): Expr;
  /**
   * A condition's value by name (conditions are static in HOT: parameters only; HotConditions decides them);
   * undefined when the template has no condition of that name (the functions then report Heat's
   * `Invalid condition "name"`), or after an error it reported.
   */
  condition(name: string, origin: Origin): boolean | undefined;
  /**
   * A value that cannot be computed: in an output, null and the output's error (Heat's output_error); elsewhere null
   * (`report`: reported as an error instead).
   */
  outputError?(text: string, origin: Origin, report?: boolean): Expr;
  /** `get_file: name`: the content from the `files` map. */
  file(name: string): string | undefined;
  /** Whether the template has a resource of that name (2013-05-23's `Ref`: a resource, else a parameter). */
  hasResource?(name: string): boolean;
  /**
   * `resource_facade`: the parent resource's metadata, deletion policy or update policy, in a template used as a
   * resource type (a provider template); undefined (or absent) when the stack has no parent resource.
   */
  resourceFacade?(attribute: FacadeAttribute, origin: Origin): Expr | undefined;
  /** `Fn::GetAZs` (2013-05-23): the availability zones (Heat without a stack: ["nova"]). */
  availabilityZones?(): string[];
  /** `Fn::FindInMap` (CloudFormation-compatible templates): the template's mapping of that name, or undefined. */
  mapping?(name: string): Value | undefined;
}

const lit = (v: Value): Expr => ({ k: "lit", v });

/**
 * What an `if` without a false value (2021-04-16) gives when its condition is false: the enclosing item (list item,
 * map member, property) is left out as if it were not written. Lists and maps drop it; at the top the caller does.
 */
export const OMITTED: Expr = Object.freeze({ k: "lit", v: null }) as Expr;

export function isOmitted(e: Expr): boolean {
  return e === OMITTED;
}

/**
 * `value` followed along `path` as Heat follows get_param's and get_attr's paths: map keys, list indices (written
 * as strings too, for get_param), a string's characters; where the path leads nowhere, "" (get_param) or null
 * (get_attr). Computed at once when everything is known, else left to the planner.
 */
export function heatPath(fn: "get_param" | "get_attr", value: Expr, path: Expr[]): Expr {
  if (path.length === 0) return value;
  const e: Expr = { k: "call", fn: "hot:path", args: [lit(fn), value, { k: "list", items: path }] };
  if (collectRefs(e).length > 0) return e;
  try {
    const v = evaluate(e, STATIC_SCOPE);
    return containsUnknown(v) ? e : lit(v);
  } catch (err) {
    if (err instanceof EvalError) return e;
    throw err;
  }
}

/** Heat's message for a function the version names only to reject. */
export function removedFunctionMessage(fn: string): string {
  return `The template version is invalid: The function ${fn} is not supported in this version of HOT.`;
}

/** The value of `node` with every intrinsic function in it compiled (OMITTED: see there). */
export function compileIntrinsics(node: RawNode, ctx: IntrinsicContext): Expr {
  return new HotFunctionCompiler(ctx).compile(node, "functions");
}

/**
 * The value of a `conditions` section entry, as Heat decides it: a boolean or a condition function (equals, not,
 * and, or, get_param; contains and yaql from 2017-09-01); undefined after an error (reported in the bag).
 */
export function conditionDefinitionValue(name: string, node: RawNode, ctx: IntrinsicContext): boolean | undefined {
  const c = new HotFunctionCompiler(ctx);
  const invalid = (definition: Value) => {
    ctx.bag.error(
      `Condition validation error: The definition of condition "${name}" is invalid: ${pyStr(definition)}`,
      node.origin,
    );
    return undefined;
  };
  const v = node.value;
  if (typeof v === "boolean") return v;
  const isCall =
    v !== null &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    c.conditionKind(Object.keys(v)[0]) !== undefined;
  if (!isCall) return invalid(v as Value);
  const errors = ctx.bag.items.length;
  const value = c.staticValue(c.compile(node, "conditions"), node.origin, "a condition");
  if (ctx.bag.items.length > errors || value === undefined) return undefined;
  if (typeof value !== "boolean") return invalid(value);
  return value;
}

/**
 * A template's `conditions` section, decided as Heat decides it: each condition once, on demand (a condition's
 * definition may name others inside not/and/or), a cycle reported. `value` is what IntrinsicContext.condition
 * gives; `all` decides every one (Heat validates them all, used or not).
 */
export class HotConditions {
  private readonly decided = new Map<string, boolean | undefined>();
  private readonly deciding = new Set<string>();
  private notAMap = false;

  /** `section`: the `conditions` section (absent: no conditions). */
  constructor(private readonly section: RawNode) {}

  private definitions(ctx: IntrinsicContext): Record<string, unknown> {
    const v = this.section.value;
    if (v === undefined || v === null) return {};
    if (isPlainMap(v)) return v;
    if (this.notAMap) return {};
    this.notAMap = true;
    ctx.bag.error(
      `Conditions validation error: Condition definitions must be a map. Found a ${pyTypeName(v as Value)} instead`,
      this.section.origin,
    );
    return {};
  }

  /** The condition's value; undefined when there is no such condition, or after an error (reported). */
  value(name: string, ctx: IntrinsicContext): boolean | undefined {
    if (this.decided.has(name)) return this.decided.get(name);
    const defs = this.definitions(ctx);
    if (!Object.hasOwn(defs, name)) return undefined;
    const node = this.section.child(name);
    if (this.deciding.has(name)) {
      ctx.bag.error(`Condition validation error: Circular definition for condition "${name}"`, node.origin);
      this.decided.set(name, undefined);
      return undefined;
    }
    this.deciding.add(name);
    const v = conditionDefinitionValue(name, node, ctx);
    this.deciding.delete(name);
    if (!this.decided.has(name)) this.decided.set(name, v);
    return this.decided.get(name);
  }

  /** Every condition's value by name (undefined after an error). */
  all(ctx: IntrinsicContext): Map<string, boolean | undefined> {
    const out = new Map<string, boolean | undefined>();
    for (const name of Object.keys(this.definitions(ctx))) out.set(name, this.value(name, ctx));
    return out;
  }
}

type Mode = "functions" | "conditions";

/** A function's key and argument, with where to report. */
interface Call {
  fn: string;
  arg: RawNode;
  origin: Origin;
  mode: Mode;
}

const NOT_A_FUNCTION = Symbol("not a function");

/** Scope for values known when loading: they refer to nothing. */
const STATIC_SCOPE: EvalScope = {
  variable: () => {
    throw new EvalError("not known when loading");
  },
  local: () => {
    throw new EvalError("not known when loading");
  },
  resource: () => {
    throw new EvalError("not known when loading");
  },
  pathModule: "",
  cwd: "",
};

const isPlainMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);

class HotFunctionCompiler {
  readonly version: HotTemplateVersion;

  constructor(readonly ctx: IntrinsicContext) {
    const version = templateVersionOfDate(ctx.version);
    if (!version) throw new Error(`unknown heat_template_version ${ctx.version}`);
    this.version = version;
  }

  compile(node: RawNode, mode: Mode): Expr {
    const v = node.value;
    if (Array.isArray(v)) {
      const items: Expr[] = [];
      v.forEach((_, i) => {
        const e = this.compile(node.child(i), mode);
        if (!isOmitted(e)) items.push(e);
      });
      return { k: "list", items };
    }
    if (isPlainMap(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1) {
        const e = this.compileFunction(keys[0], node.child(keys[0]), mode);
        if (e !== NOT_A_FUNCTION) return e;
      }
      const entries: Record<string, Expr> = {};
      for (const k of keys) {
        const e = this.compile(node.child(k), mode);
        if (!isOmitted(e)) setMember(entries, k, e);
      }
      return { k: "map", entries };
    }
    if (v instanceof Date) return lit(v.toISOString().slice(0, 10));
    return lit((v ?? null) as Value);
  }

  /** The implementation `fn` has where it is written: Heat's condition table is every function made Invalid. */
  conditionKind(fn: string): FunctionKind | "Invalid" | undefined {
    const k = conditionFunctionKind(this.version, fn);
    if (k) return k;
    const f = functionKind(this.version, fn);
    if (f === undefined) return undefined;
    return f === "Removed" && this.version.date >= "2016-10-14" ? "Removed" : "Invalid";
  }

  private compileFunction(fn: string, arg: RawNode, mode: Mode): Expr | typeof NOT_A_FUNCTION {
    const kind = mode === "conditions" ? this.conditionKind(fn) : functionKind(this.version, fn);
    const call: Call = { fn, arg, origin: arg.origin, mode };
    // a key naming a function this version lacks (str_split before 2015-10-15) is data, as Heat 19 reads it; only
    // the functions a version drops (Fn::Split, Fn::Select … in HOT) are refused, as Removed
    if (kind === undefined) return NOT_A_FUNCTION;
    if (kind === "Invalid") return this.error(`The function "${fn}" is invalid in this context`, call);
    if (kind === "Removed") return this.error(removedFunctionMessage(fn), call);
    return this.compileKind(kind, call);
  }

  private compileKind(kind: FunctionKind, c: Call): Expr {
    const raw = c.arg.value;
    const arg = () => this.compile(c.arg, c.mode);
    switch (kind) {
      case "GetParam":
        return this.getParam(c);
      case "CfnRef":
        return this.ref(c);
      case "CfnParamRef": {
        const name = this.staticValue(arg(), c.origin, "the name given to Ref");
        if (name === undefined) return lit(null);
        if (typeof name !== "string")
          return this.error(`The specified reference "${pyStr(name)}" (in unknown) is incorrect.`, c);
        return this.ctx.getParam(name, [], c.origin);
      }
      case "CfnFindInMap":
        return this.findInMap(c);
      case "CfnGetAtt":
        if (!Array.isArray(raw) || raw.length !== 2)
          return this.error(`Arguments to "${c.fn}" must be of the form [resource_name, attribute]`, c);
        return this.getAttr("GetAttThenSelect", c);
      case "GetResource": {
        const name = this.staticValue(arg(), c.origin, "the resource name of get_resource");
        if (name === undefined) return lit(null);
        if (typeof name !== "string")
          return this.error(`The specified reference "${pyStr(name)}" (in unknown) is incorrect.`, c);
        return this.ctx.getResource(name, c.origin);
      }
      case "GetAttThenSelect":
      case "GetAtt":
      case "GetAttAllAttributes":
        return this.getAttr(kind, c);
      case "GetFile": {
        const name = this.staticValue(arg(), c.origin, "the file name of get_file");
        if (name === undefined) return lit(null);
        if (typeof name !== "string") return this.error(`Argument to "${c.fn}" must be a string`, c);
        const content = this.ctx.file(name);
        if (content === undefined)
          return this.error(`No content found in the "files" section for ${c.fn} path: ${name}`, c);
        return lit(content);
      }
      case "ResourceFacade":
      case "CfnResourceFacade":
        return this.resourceFacade(kind, c);
      case "CfnGetAZs":
        return lit(this.ctx.availabilityZones?.() ?? ["nova"]);
      case "If":
      case "IfNullable":
        return this.if(kind, c);
      case "Equals":
        if (!Array.isArray(raw) || raw.length !== 2)
          return this.error(`Arguments to "${c.fn}" must be of the form: [value_1, value_2]`, c);
        return this.fold({ k: "call", fn: "hot:equals", args: [lit(c.fn), arg()] }, c);
      case "Not":
      case "And":
      case "Or":
        return this.booleanCondition(kind, c);
      case "CfnNot": {
        if (!Array.isArray(raw) || raw.length !== 1)
          return this.error(`Arguments to "${c.fn}" must be of the form: [condition]`, c);
        const b = this.conditionOf(c.arg.child(0), c);
        return b === undefined ? lit(null) : lit(!b);
      }
      case "Yaql":
        return this.yaql(c);
      case "Repeat":
      case "RepeatWithMap":
      case "RepeatWithNestedLoop":
        if (isPlainMap(raw) && Object.hasOwn(raw, "permutations") && kind === "RepeatWithNestedLoop") {
          if (typeof raw.permutations !== "boolean")
            return this.error(`"permutations" should be boolean type for ${c.fn} function.`, c);
        }
        if (!isPlainMap(raw) || this.isCall(raw)) return this.error(`Arguments to "${c.fn}" must be a map`, c);
        return this.fold({ k: "call", fn: "hot:repeat", args: [lit(c.fn), arg(), lit(kind)] }, c);
      default:
        return this.generic(kind, c, arg);
    }
  }

  /** Functions computed by their implementation alone, after Heat's checks of the argument's written shape. */
  private generic(kind: FunctionKind, c: Call, arg: () => Expr): Expr {
    const raw = c.arg.value;
    const call = (fn: string, ...extra: Value[]): Expr =>
      this.fold({ k: "call", fn, args: [lit(c.fn), arg(), ...extra.map(lit)] }, c);
    const literalList = Array.isArray(raw) && !this.isCall(raw);
    const literalMap = isPlainMap(raw) && !this.isCall(raw);
    switch (kind) {
      case "Join":
      case "CfnJoin":
      case "JoinMultiple": {
        if (!literalList) {
          const example = kind === "JoinMultiple" ? `[ " ", [ "str1", "str2"] ...]` : `[ " ", [ "str1", "str2"]]`;
          return this.error(`Incorrect arguments to "${c.fn}" should be: "${c.fn}" : ${example}`, c);
        }
        return call("hot:list_join", kind === "JoinMultiple");
      }
      case "Replace":
      case "ReplaceJson":
      case "ReplaceJsonStrict":
      case "ReplaceJsonVeryStrict": {
        if (!literalMap) return this.error(`Arguments to "${c.fn}" must be a map`, c);
        const params = (raw as Record<string, unknown>).params;
        if (Object.hasOwn(raw as object, "template") && Object.hasOwn(raw as object, "params") && !isPlainMap(params))
          return this.error(`"${c.fn}" parameters must be a mapping`, c);
        const mode = { Replace: "plain", ReplaceJson: "json", ReplaceJsonStrict: "strict" }[kind as string];
        return call("hot:str_replace", mode ?? "vstrict");
      }
      case "CfnReplace":
        return call("hot:cfn_replace");
      case "Digest":
        return call("hot:digest");
      case "StrSplit":
        return call("hot:str_split");
      case "MapMerge":
        return call("hot:map_merge");
      case "MapReplace":
        return call("hot:map_replace");
      case "ListConcat":
      case "ListConcatUnique":
        return call("hot:list_concat", kind === "ListConcatUnique");
      case "Contains":
        if (!literalList || (raw as unknown[]).length === 0)
          return this.error(
            `Incorrect arguments to "${c.fn}" should be: "${c.fn}" : [ "value1", [ "value1", "value2"]]`,
            c,
          );
        return call("hot:contains");
      case "Filter":
        if (!literalList) return this.error(`Argument to "${c.fn}" must be a list`, c);
        return call("hot:filter");
      case "MakeURL":
        if (!literalMap) return this.error(`The arguments to "${c.fn}" must be a map`, c);
        return call("hot:make_url");
      case "CfnSelect":
        if (!literalList) return this.error(`Arguments to "${c.fn}" must be of the form [index, collection]`, c);
        return call("hot:cfn_select");
      case "CfnSplit":
        return call("hot:cfn_split");
      case "CfnBase64":
        return call("hot:cfn_base64");
      case "CfnMemberListToMap":
        return call("hot:cfn_member_list_to_map");
      default:
        return this.error(`the function "${c.fn}" (${kind}) is not implemented`, c);
    }
  }

  // ------------------------------------------------------------ references

  private getParam(c: Call): Expr {
    const raw = c.arg.value;
    let nameExpr: Expr;
    let path: Expr[] = [];
    if (Array.isArray(raw)) {
      if (raw.length === 0) return this.error(`Function "${c.fn}" must have arguments`, c);
      nameExpr = this.compile(c.arg.child(0), c.mode);
      path = raw.slice(1).map((_, i) => this.compile(c.arg.child(i + 1), c.mode));
    } else nameExpr = this.compile(c.arg, c.mode);
    const name = this.staticValue(nameExpr, c.origin, "the parameter name of get_param");
    if (name === undefined) return lit(null);
    if (name === null || name === "" || (Array.isArray(name) && name.length === 0))
      return this.error(`Function "${c.fn}" must have arguments`, c);
    if (Array.isArray(raw) || typeof name === "string") {
      if (typeof name !== "string") return this.error(`Parameter name in "${c.fn}" must be string`, c);
      return this.ctx.getParam(name, path, c.origin);
    }
    if (Array.isArray(name)) {
      const [first, ...rest] = name;
      if (typeof first !== "string") return this.error(`Parameter name in "${c.fn}" must be string`, c);
      return this.ctx.getParam(first, rest.map(lit), c.origin);
    }
    return this.error(`Argument to "${c.fn}" must be string or list`, c);
  }

  /** 2013-05-23's Ref: a resource's id when the name is a resource's, else the parameter's value. */
  private ref(c: Call): Expr {
    const name = this.staticValue(this.compile(c.arg, c.mode), c.origin, "the name given to Ref");
    if (name === undefined) return lit(null);
    if (typeof name !== "string")
      return this.error(`The specified reference "${pyStr(name)}" (in unknown) is incorrect.`, c);
    if (this.ctx.hasResource?.(name)) return this.ctx.getResource(name, c.origin);
    return this.ctx.getParam(name, [], c.origin);
  }

  private getAttr(kind: "GetAttThenSelect" | "GetAtt" | "GetAttAllAttributes", c: Call): Expr {
    const raw = c.arg.value;
    const all = kind === "GetAttAllAttributes";
    if (all && (raw === null || raw === undefined || raw === "" || (Array.isArray(raw) && raw.length === 0)))
      return this.error(
        `Arguments to "${c.fn}" can be of the next forms: [resource_name] or [resource_name, attribute, (path), ...]`,
        c,
      );
    if (!Array.isArray(raw)) return this.error(`Argument to "${c.fn}" must be a list`, c);
    if (raw.length < (all ? 1 : 2))
      return this.error(`Arguments to "${c.fn}" must be of the form [resource_name, attribute, (path), ...]`, c);
    const name = this.staticValue(this.compile(c.arg.child(0), c.mode), c.origin, "the resource name of get_attr");
    if (name === undefined) return lit(null);
    if (typeof name !== "string")
      return this.error(`The specified reference "${pyStr(name)}" (in unknown) is incorrect.`, c);
    const attribute = raw.length > 1 ? this.compile(c.arg.child(1), c.mode) : undefined;
    const path = raw.slice(2).map((_, i) => this.compile(c.arg.child(i + 2), c.mode));
    return this.ctx.getAttr(name, attribute, path, c.origin);
  }

  /** Fn::FindInMap: [mapping, key, value] looked up in the template's Mappings, all known when loading. */
  private findInMap(c: Call): Expr {
    const raw = c.arg.value;
    if (!Array.isArray(raw) || raw.length !== 3) {
      const n = Array.isArray(raw) ? raw.length : 1;
      return this.error(
        n > 3 ? "too many values to unpack (expected 3)" : `not enough values to unpack (expected 3, got ${n})`,
        c,
      );
    }
    const parts: Value[] = [];
    for (let i = 0; i < 3; i++) {
      const v = this.staticValue(this.compile(c.arg.child(i), c.mode), c.origin, `argument ${i + 1} of ${c.fn}`);
      if (v === undefined) return lit(null);
      parts.push(v);
    }
    const [name, key, value] = parts;
    // Heat's KeyError for what is not there: its text is the missing key's repr
    let found: Value | undefined = typeof name === "string" ? this.ctx.mapping?.(name) : undefined;
    if (found === undefined) return this.error(pyRepr(name), c);
    for (const k of [key, value]) {
      if (!isPlainMap(found) || typeof k !== "string" || !Object.hasOwn(found, k)) return this.error(pyRepr(k), c);
      found = (found as Record<string, Value>)[k];
    }
    return lit(found ?? null);
  }

  private resourceFacade(kind: "ResourceFacade" | "CfnResourceFacade", c: Call): Expr {
    const allowed =
      kind === "ResourceFacade"
        ? ["metadata", "deletion_policy", "update_policy"]
        : ["Metadata", "DeletionPolicy", "UpdatePolicy"];
    const raw = c.arg.value;
    const at = typeof raw === "string" ? allowed.indexOf(raw) : -1;
    if (at < 0) return this.error(`Incorrect arguments to "${c.fn}" should be one of: ${allowed.join(", ")}`, c);
    const attribute = (["metadata", "deletion_policy", "update_policy"] as const)[at];
    const value = this.ctx.resourceFacade?.(attribute, c.origin);
    if (value === undefined)
      return this.error(
        `"${c.fn}" is only available in a template used as a resource type (a provider template): ` +
          "this stack has no parent resource",
        c,
      );
    return value;
  }

  // ------------------------------------------------------------ conditions

  /** A condition as `if`, `not`, `and` and `or` take it: a boolean, a condition's name or a condition function. */
  private conditionOf(node: RawNode, c: Call): boolean | undefined {
    const errors = this.ctx.bag.items.length;
    const v = this.staticValue(this.compile(node, "conditions"), c.origin, "a condition");
    if (v === undefined || this.ctx.bag.items.length > errors) return undefined;
    if (typeof v === "boolean") return v;
    if (typeof v === "string") {
      const before = this.ctx.bag.items.length;
      const b = this.ctx.condition(v, node.origin);
      // undefined with nothing reported: there is no such condition
      if (b === undefined && this.ctx.bag.items.length === before) this.error(`Invalid condition "${v}"`, c);
      return b;
    }
    this.error(`Invalid condition "${pyStr(v)}"`, c);
    return undefined;
  }

  private if(kind: "If" | "IfNullable", c: Call): Expr {
    const raw = c.arg.value;
    const n = Array.isArray(raw) ? raw.length : 0;
    if (!Array.isArray(raw) || !(n === 3 || (kind === "IfNullable" && n === 2)))
      return this.error(
        `Arguments to "${c.fn}" must be of the form: [condition_name, value_if_true, value_if_false]`,
        c,
      );
    const cond = this.conditionOf(c.arg.child(0), c);
    if (cond === undefined) return lit(null);
    if (!cond && n === 2) return OMITTED;
    return this.compile(c.arg.child(cond ? 1 : 2), "functions");
  }

  private booleanCondition(kind: "Not" | "And" | "Or", c: Call): Expr {
    const raw = c.arg.value;
    if (kind === "Not") {
      if (raw === null || raw === undefined) return this.error(`Argument to "${c.fn}" must be a condition`, c);
      const b = this.conditionOf(c.arg, c);
      return b === undefined ? lit(null) : lit(!b);
    }
    if (!Array.isArray(raw) || this.isCall(raw))
      return this.error(`Arguments to "${c.fn}" must be a list of conditions`, c);
    if (raw.length < 2) return this.error(`The minimum number of condition arguments to "${c.fn}" is 2.`, c);
    const decisive = kind === "Or";
    for (let i = 0; i < raw.length; i++) {
      const b = this.conditionOf(c.arg.child(i), c);
      if (b === undefined) return lit(null);
      if (b === decisive) return lit(decisive);
    }
    return lit(!decisive);
  }

  private yaql(c: Call): Expr {
    const raw = c.arg.value;
    if (!isPlainMap(raw) || this.isCall(raw)) return this.error(`Arguments to "${c.fn}" must be a map.`, c);
    const keys = Object.keys(raw);
    if (!keys.includes("expression") || keys.some((k) => k !== "expression" && k !== "data"))
      return this.error(
        pyRepr(
          `"${c.fn}" syntax should be ${c.fn}:\n              expression: $.data.var1.sum()\n` +
            "              data:\n                var1: [3, 2, 1]",
        ),
        c,
      );
    return this.error(
      `The "${c.fn}" function is not supported: there is no maintained JavaScript implementation of YAQL, ` +
        "so gantry cannot evaluate its expression",
      c,
    );
  }

  // ------------------------------------------------------------ helpers

  /** Whether a written value is itself a function call (`{get_param: x}`), not a literal list or map. */
  private isCall(raw: unknown): boolean {
    if (!isPlainMap(raw)) return false;
    const keys = Object.keys(raw);
    if (keys.length !== 1) return false;
    return (
      functionKind(this.version, keys[0]) !== undefined || conditionFunctionKind(this.version, keys[0]) !== undefined
    );
  }

  private error(message: string, c: { origin: Origin }): Expr {
    this.ctx.bag.error(message, c.origin);
    return lit(null);
  }

  /**
   * A call computed at once when nothing in it refers to resources; otherwise checked as far as it can be with
   * every reference unknown (Heat's errors then come now), and left to the planner.
   */
  private fold(e: Expr, c: Call): Expr {
    const refs = collectRefs(e).length > 0;
    try {
      const v = evaluate(e, refs ? PROBE_SCOPE : STATIC_SCOPE);
      if (!refs && !containsUnknown(v)) return lit(v);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      if (!refs || isHeatFunctionError(err)) return this.error(err.message, c);
    }
    return e;
  }

  /** The value of an expression that must be known when loading; undefined (after an error) when it is not. */
  staticValue(e: Expr, origin: Origin, what: string): Value | undefined {
    if (collectRefs(e).length > 0) {
      this.ctx.bag.error(`${what} must be known when the template is loaded: it cannot depend on a resource`, origin);
      return undefined;
    }
    try {
      const v = evaluate(e, STATIC_SCOPE);
      if (isUnknown(v) || containsUnknown(v)) {
        this.ctx.bag.error(`${what} must be known when the template is loaded`, origin);
        return undefined;
      }
      return v;
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      this.ctx.bag.error(err.message, origin);
      return undefined;
    }
  }
}

/** A scope in which every reference is unknown: to check a call's arguments before the resources exist. */
const PROBE_SCOPE: EvalScope = {
  variable: () => UNKNOWN,
  local: () => UNKNOWN,
  resource: () => UNKNOWN,
  resourceInstance: () => UNKNOWN,
  dataResource: () => UNKNOWN,
  module: () => UNKNOWN,
  self: () => UNKNOWN,
  pathModule: "",
  cwd: "",
};
