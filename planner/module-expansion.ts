// Modules expanded into one flat configuration, before the graph is built: every module instance (a call's
// count/for_each evaluated like a resource's) contributes its resources under their absolute keys
// ('module.a["x"].gantry_file.f'), and its input variables, locals and outputs as locals named by their absolute
// paths ('module.a["x"].var.name', '...local.name', '...output.name'). References are rewritten to those names, so
// the graph, plan, apply and state see ordinary resources and locals, and dependencies cross module boundaries
// through inputs and outputs as in Terraform's graph: a resource in a module that uses var.x depends on what the
// caller's expression for x references. `module.NAME` in the caller is a local holding the instance's outputs (an
// object; a list with count; a map with for_each). depends_on of a module call applies to everything inside.
// A configuration without module calls is returned as it is.

import { DiagnosticBag, GantryError, type Origin } from "../contract/diagnostics.js";
import { containsUnknown, UNKNOWN, type Value } from "../contract/values.js";
import { instanceKeySuffix, moduleConfigPath, parseReference, type InstanceKey } from "./addresses.js";
import type { Expr, Step } from "./expressions/ast.js";
import { evaluate, type EvalScope } from "./expressions/evaluate.js";
import { expandBlock } from "./instances.js";
import type {
  ConditionConfig,
  Config,
  LocalConfig,
  ModuleCallConfig,
  PropertyConfig,
  RefConfig,
  ResourceConfig,
} from "./model.js";
import { type Expansion, ValueScope } from "./scope.js";

type Ref = Extract<Expr, { k: "ref" }>;

/** Where an expression is evaluated: a module instance (prefix "" is the root), and for inputs the call's each. */
interface Context {
  /** Module instance path ('module.a["x"]'), "" at the root. */
  prefix: string;
  config: Config;
  /** Resource types declared in this module: references to them get the prefix. */
  types: Set<string>;
  /** Module path as shown in messages ("module.a" with keys). */
  dir: string;
  /** count.index and each.* of the call (unknown when every call is expanded once). */
  countIndex?: Value;
  each?: { key: Value; value: Value };
}

export interface ModuleExpansionOptions {
  /**
   * Every module call expanded once, as Terraform's validate walk does whatever a call's count or for_each: its
   * count.index and each.* unknown, `module.NAME` of a call with count or for_each unknown, and the module's input
   * variables unknown inside it (the caller's values are only checked against their types). A count or for_each that
   * is known is still checked.
   */
  once?: boolean;
}

export function expandModules(root: Config, variables: Map<string, Value>, opts: ModuleExpansionOptions = {}): Config {
  if (!root.modules?.size) return root;
  const flat: Config = {
    dir: root.dir,
    files: root.files,
    variables: root.variables,
    locals: new Map(),
    resources: new Map(),
    outputs: new Map(),
    modules: new Map(),
    checks: new Map(),
    data: new Map(),
    moved: [],
    imports: [],
  };
  const bag = new DiagnosticBag();
  /** Problems of a module's text are reported once, not once per instance of the module. */
  const reported = new Set<string>();
  const report = (summary: string, origin: Origin, detail?: string) => {
    const key = `${summary}\0${origin.file}\0${JSON.stringify(origin.path)}`;
    if (reported.has(key)) return;
    reported.add(key);
    bag.error(summary, origin, detail);
  };
  const values = new ValueScope(flat, variables, new Map(), () => undefined, false, { validate: opts.once });
  /** Module path -> the resource keys of every instance in it (depends_on = [module.x]). */
  const resourcesIn = new Map<string, string[]>();
  /** Resource keys in the order they were added (a call's instances add theirs one after the other). */
  const resourceOrder: string[] = [];

  const at = (prefix: string, rest: string) => (prefix ? [prefix, rest].join(".") : rest);
  const ctxOf = (prefix: string, config: Config): Context => ({
    prefix,
    config,
    types: new Set([...config.resources.values()].map((r) => r.type)),
    dir: config.dir,
  });

  const rewrite = (e: Expr, ctx: Context, origin: Origin): Expr => mapRefs(e, (ref) => rewriteRef(ref, ctx, origin));

  const rewriteRef = (ref: Ref, ctx: Context, origin: Origin): Expr | undefined => {
    const first = ref.steps[0];
    const name = first?.k === "attr" ? first.name : undefined;
    const rest = ref.steps.slice(1);
    const localRef = (localName: string, steps: Step[]): Expr => ({
      k: "ref",
      root: "local",
      steps: [{ k: "attr", name: localName }, ...steps],
      text: ref.text,
    });
    switch (ref.root) {
      case "var":
        if (!ctx.prefix || name === undefined) return undefined;
        if (!ctx.config.variables.has(name)) {
          report(
            `Reference to undeclared input variable "${name}"`,
            origin,
            `"${ref.text}" names no variable in module ${ctx.prefix}.`,
          );
          return undefined;
        }
        return localRef(at(ctx.prefix, `var.${name}`), rest);
      case "local":
        if (!ctx.prefix || name === undefined) return undefined;
        return localRef(at(ctx.prefix, `local.${name}`), rest);
      case "path":
        return name === "module" && ctx.prefix ? { k: "lit", v: ctx.dir } : undefined;
      case "data": {
        // data.TYPE.NAME in a module is the resource 'module.a.data.TYPE' named NAME
        const second = rest[0];
        if (!ctx.prefix || name === undefined || second?.k !== "attr") return undefined;
        if (!ctx.config.data.has(`data.${name}.${second.name}`)) {
          report(
            `Reference to undeclared resource "data.${name}.${second.name}"`,
            origin,
            `A data resource "${name}" "${second.name}" has not been declared in ${ctx.prefix}.`,
          );
          return undefined;
        }
        return { k: "ref", root: at(ctx.prefix, `data.${name}`), steps: rest, text: ref.text };
      }
      case "count":
        return ctx.countIndex !== undefined && name === "index" ? { k: "lit", v: ctx.countIndex } : undefined;
      case "each":
        if (!ctx.each) return undefined;
        if (name === "key") return withSteps({ k: "lit", v: ctx.each.key }, rest);
        if (name === "value") return withSteps({ k: "lit", v: ctx.each.value }, rest);
        return undefined;
      case "module": {
        if (name === undefined) return undefined;
        const call = ctx.config.modules?.get(name);
        if (!call) {
          report(
            `Reference to undeclared module "${name}"`,
            origin,
            `"${ref.text}" names no module call in ${ctx.prefix || "the root module"}.`,
          );
          return undefined;
        }
        const callPath = at(ctx.prefix, `module.${name}`);
        const single = !call.count && !call.forEach;
        // the output named: module.NAME.OUTPUT, or with count/for_each module.NAME[key].OUTPUT
        const outputStep = single ? rest[0] : rest[0]?.k === "index" ? rest[1] : undefined;
        if (outputStep?.k === "attr" && call.config && !call.config.outputs.has(outputStep.name)) {
          report(
            "Unsupported attribute",
            origin,
            `"${ref.text}": this object does not have an attribute named "${outputStep.name}" (module "${name}" ` +
              `declares no output "${outputStep.name}").`,
          );
          return undefined;
        }
        if (single && outputStep?.k === "attr") return localRef(`${callPath}.output.${outputStep.name}`, rest.slice(1));
        return localRef(callPath, rest);
      }
      default:
        if (!ctx.prefix || !ctx.types.has(ref.root)) return undefined;
        return { k: "ref", root: at(ctx.prefix, ref.root), steps: ref.steps, text: ref.text };
    }
  };

  const rewriteAll = (props: Record<string, PropertyConfig>, ctx: Context): Record<string, PropertyConfig> => {
    const out: Record<string, PropertyConfig> = {};
    for (const [k, p] of Object.entries(props)) out[k] = { value: rewrite(p.value, ctx, p.origin), origin: p.origin };
    return out;
  };

  const addLocal = (l: LocalConfig) => flat.locals.set(l.name, l);

  /** depends_on entries of a module body, as absolute resource keys (a module: everything in it). */
  const dependsOnKeys = (refs: RefConfig[], ctx: Context): RefConfig[] => {
    const out: RefConfig[] = [];
    for (const d of refs) {
      const parsed = parseReference(d.ref);
      if (parsed?.address.wholeModule) {
        const path = at(ctx.prefix, parsed.address.module);
        if (!ctx.config.modules?.has(parsed.address.module.replace(/^module\.|\[.*$/g, "")))
          report(`depends_on names undeclared module "${parsed.address.module}"`, d.origin);
        for (const key of resourcesIn.get(path) ?? []) out.push({ ref: key, origin: d.origin });
      } else out.push({ ref: at(ctx.prefix, d.ref), origin: d.origin });
    }
    return out;
  };

  /** One module instance (or the root): its locals, resources, outputs and the modules it calls. */
  const addInstance = (ctx: Context, inherited: RefConfig[], path: string[]): void => {
    const { config, prefix } = ctx;
    for (const l of config.locals.values())
      addLocal(
        prefix
          ? { name: at(prefix, `local.${l.name}`), value: rewrite(l.value, ctx, l.origin), origin: l.origin }
          : { ...l, value: rewrite(l.value, ctx, l.origin) },
      );

    // the modules this one calls, expanded before its resources (whose depends_on may name them)
    for (const call of config.modules?.values() ?? []) {
      if (!call.config) continue; // not loaded: reported by the loader
      const callPath = at(prefix, `module.${call.name}`);
      const pseudo = {
        key: callPath,
        count: call.count && { value: rewrite(call.count.value, ctx, call.count.origin), origin: call.count.origin },
        forEach: call.forEach && {
          value: rewrite(call.forEach.value, ctx, call.forEach.origin),
          origin: call.forEach.origin,
        },
        forEachMapOrSet: call.forEachMapOrSet,
      } as ResourceConfig;
      let exp: ReturnType<typeof expandBlock>;
      try {
        exp = opts.once ? expandOnce(pseudo, values.scope()) : expandBlock(pseudo, values.scope());
      } catch (e) {
        if (e instanceof GantryError) for (const d of e.diagnostics) bag.add(d);
        else throw e;
        continue;
      }
      const callDeps = [...inherited, ...dependsOnKeys(call.dependsOn, ctx)];
      const instancePaths: [InstanceKey, string][] = [];
      const before = resourceOrder.length;
      for (const key of exp.keys) {
        const ip = `${callPath}${instanceKeySuffix(key)}`;
        instancePaths.push([key, ip]);
        const instanceStart = resourceOrder.length;
        const inputCtx: Context = {
          ...ctx,
          countIndex: exp.mode === "count" ? (opts.once ? UNKNOWN : (key as number)) : undefined,
          each:
            exp.mode !== "for_each"
              ? undefined
              : opts.once
                ? { key: UNKNOWN, value: UNKNOWN }
                : { key: String(key), value: exp.eachValues!.get(String(key))! },
        };
        const child = call.config;
        for (const v of child.variables.values()) {
          const input = call.inputs[v.name];
          addLocal({
            name: `${ip}.var.${v.name}`,
            value: input ? rewrite(input.value, inputCtx, input.origin) : { k: "lit", v: (v.default ?? null) as Value },
            origin: input?.origin ?? v.origin,
            input: v,
            ...(v.sensitive ? { sensitive: true } : {}),
          });
        }
        addInstance(ctxOf(ip, child), callDeps, [...path, ip]);
        // an instance's resources are the ones it added, one after the other
        if (key !== undefined) resourcesIn.set(ip, resourceOrder.slice(instanceStart));
      }
      resourcesIn.set(callPath, resourceOrder.slice(before));
      if (exp.keys.length === 0) checkablesIn(call.config, moduleConfigPath(callPath), flat);
      const unknownInstances = opts.once && exp.mode !== "single";
      addLocal({
        name: callPath,
        value: unknownInstances ? { k: "lit", v: UNKNOWN } : outputsObject(call, exp.mode, instancePaths),
        origin: call.origin,
      });
    }

    if (prefix)
      for (const o of config.outputs.values())
        addLocal({
          name: at(prefix, `output.${o.name}`),
          value: rewrite(o.value, ctx, o.origin),
          origin: o.origin,
          ...(o.sensitive ? { sensitive: true } : {}),
          ...(o.preconditions.length
            ? {
                output: {
                  name: o.name,
                  module: prefix,
                  preconditions: o.preconditions.map((c) => conditionIn(c, ctx)),
                },
              }
            : {}),
        });
    else
      for (const o of config.outputs.values())
        flat.outputs.set(o.name, {
          ...o,
          value: rewrite(o.value, ctx, o.origin),
          dependsOn: dependsOnKeys(o.dependsOn, ctx),
        });

    for (const r of config.resources.values()) {
      const copy = resourceIn(r, ctx, inherited);
      flat.resources.set(copy.key, copy);
      resourceOrder.push(copy.key);
    }
    for (const r of config.data.values()) {
      const copy = resourceIn(r, ctx, inherited);
      flat.data.set(copy.key, copy);
      resourceOrder.push(copy.key);
    }
    for (const c of config.checks.values()) {
      const name = prefix ? at(prefix, `check.${c.name}`) : c.name;
      flat.checks.set(name, { ...c, name, asserts: c.asserts.map((a) => conditionIn(a, ctx)) });
    }
    // a moved block in a module speaks of addresses in that module: each instance of it moves its own objects
    for (const m of config.moved)
      flat.moved.push(prefix ? { ...m, from: at(prefix, m.from), to: at(prefix, m.to) } : m);
    if (!prefix) for (const i of config.imports) flat.imports.push({ ...i, id: rewrite(i.id, ctx, i.origin) });
    else if (config.imports.length)
      report(
        "Invalid import configuration",
        config.imports[0].origin,
        `An import block was detected in "${moduleConfigPath(prefix)}". Import blocks are only allowed in the root ` +
          "module.",
      );
  };

  const conditionIn = (c: ConditionConfig, ctx: Context): ConditionConfig => ({
    ...c,
    condition: rewrite(c.condition, ctx, c.origin),
    errorMessage: rewrite(c.errorMessage, ctx, c.origin),
  });

  /**
   * A resource or data block of a module instance (or the root), its references rewritten, under its absolute key.
   * Copied member by member (Object.assign, then assignments), never with spreads (`{ ...r, ...(prefix ? { module }
   * : {}) }`): on V8 those gave most copies a hidden class of its own, so every later read of a resource's members
   * (100,000 of them in a large configuration) went through V8's slowest lookup. Members end in the same order.
   */
  const resourceIn = (r: ResourceConfig, ctx: Context, inherited: RefConfig[]): ResourceConfig => {
    const { prefix } = ctx;
    const copy: ResourceConfig = Object.assign({}, r);
    copy.key = at(prefix, r.key);
    if (prefix) copy.module = prefix;
    // a data source scoped to a check block belongs to that check of the same module instance
    if (r.check !== undefined && prefix) copy.check = at(prefix, `check.${r.check}`);
    copy.properties = rewriteAll(r.properties, ctx);
    copy.count = r.count && { value: rewrite(r.count.value, ctx, r.count.origin), origin: r.count.origin };
    copy.forEach = r.forEach && {
      value: rewrite(r.forEach.value, ctx, r.forEach.origin),
      origin: r.forEach.origin,
    };
    copy.dependsOn = [...dependsOnKeys(r.dependsOn, ctx), ...inherited];
    copy.lifecycle = {
      ...r.lifecycle,
      replaceTriggeredBy: prefix
        ? r.lifecycle.replaceTriggeredBy.map((t) => ({ ...t, ref: at(prefix, t.ref) }))
        : r.lifecycle.replaceTriggeredBy,
      preconditions: r.lifecycle.preconditions.map((c) => conditionIn(c, ctx)),
      postconditions: r.lifecycle.postconditions.map((c) => conditionIn(c, ctx)),
    };
    if (r.provisioners)
      copy.provisioners = r.provisioners.map((p) => {
        const q = { ...p, properties: rewriteAll(p.properties, ctx) };
        if (p.connection) q.connection = rewriteAll(p.connection, ctx);
        return q;
      });
    return copy;
  };

  addInstance(ctxOf("", root), [], []);
  bag.throwIfErrors();
  return flat;
}

/**
 * What has conditions in a module with no instances (and in the modules it calls), under its configuration path
 * (`module.a.module.b`): resources and data sources with preconditions or postconditions, check blocks, outputs
 * with preconditions and variables with validation rules.
 */
function checkablesIn(config: Config, module: string, flat: Config): void {
  flat.checkablesWithoutInstances ??= [];
  const out = flat.checkablesWithoutInstances;
  for (const r of [...config.resources.values(), ...config.data.values()])
    if (r.lifecycle.preconditions.length || r.lifecycle.postconditions.length)
      out.push({ kind: "resource", name: r.name, module, mode: r.mode === "data" ? "data" : "managed", type: r.type });
  for (const c of config.checks.values()) out.push({ kind: "check", name: c.name, module });
  for (const o of config.outputs.values())
    if (o.preconditions.length) out.push({ kind: "output_value", name: o.name, module });
  for (const v of config.variables.values()) if (v.validations.length) out.push({ kind: "var", name: v.name, module });
  for (const call of config.modules?.values() ?? [])
    if (call.config) checkablesIn(call.config, `${module}.module.${call.name}`, flat);
}

/**
 * A module call expanded once (validate): one instance without a key, in the mode its count or for_each gives; a
 * count or for_each whose value is known is checked as a plan would check it.
 */
function expandOnce(call: ResourceConfig, scope: EvalScope): Expansion {
  const arg = call.count ?? call.forEach;
  let known = true;
  try {
    known = !arg || !containsUnknown(evaluate(arg.value, scope));
  } catch {
    // expandBlock reports it, located
  }
  if (arg && known) expandBlock(call, scope);
  return { mode: call.count ? "count" : call.forEach ? "for_each" : "single", keys: [undefined] };
}

/** `module.NAME`: its instance's outputs (an object), or each instance's (a list with count, a map with for_each). */
function outputsObject(call: ModuleCallConfig, mode: string, instances: [InstanceKey, string][]): Expr {
  const one = (ip: string): Expr => {
    const entries: Record<string, Expr> = {};
    for (const o of call.config!.outputs.keys())
      entries[o] = {
        k: "ref",
        root: "local",
        steps: [{ k: "attr", name: `${ip}.output.${o}` }],
        text: `module.${call.name}.${o}`,
      };
    return { k: "map", entries };
  };
  if (mode === "single") return instances.length ? one(instances[0][1]) : { k: "lit", v: null };
  if (mode === "count") return { k: "list", items: instances.map(([, ip]) => one(ip)) };
  const entries: Record<string, Expr> = {};
  for (const [key, ip] of instances) entries[String(key)] = one(ip);
  return { k: "map", entries };
}

function withSteps(e: Expr, steps: Step[]): Expr {
  return steps.length ? { k: "post", e, steps } : e;
}

/**
 * `e` with every reference replaced by what `f` returns for it (undefined: kept, with its index expressions
 * rewritten); unchanged parts are shared. Walks every kind of expression generically, so kinds added later are
 * rewritten too.
 */
function mapRefs(e: Expr, f: (ref: Ref) => Expr | undefined): Expr {
  const walk = (x: unknown): unknown => {
    if (x === null || typeof x !== "object") return x;
    if (Array.isArray(x)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < x.length; i++) {
        const y = walk(x[i]);
        if (y !== x[i]) (out ??= x.slice())[i] = y;
      }
      return out ?? x;
    }
    const o = x as Record<string, unknown>;
    if (o.k === "lit") return o;
    if (o.k === "ref") {
      const ref = o as unknown as Ref;
      const steps = walk(ref.steps) as Step[];
      const r = steps === ref.steps ? ref : { ...ref, steps };
      return f(r) ?? r;
    }
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(o)) {
      const y = walk(o[k]);
      if (y !== o[k]) (out ??= { ...o })[k] = y;
    }
    return out ?? o;
  };
  return walk(e) as Expr;
}
