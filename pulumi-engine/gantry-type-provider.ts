// gantry's own resource types as Pulumi custom resources: a type token of the `gantry` package
// ("gantry:index:File") names the gantry type (gantry_file); inputs and outputs are the type's attributes with
// camelCase names (templatePath ↔ template_path). Planned through the type's schema (defaults, forceNew replaces,
// planChange) and applied through its create/update/delete on the engine's host drivers.

import { limitationSentence } from "../contract/host-limitation.js";
import type { OperationContext, ResourceType } from "../contract/resource-type.js";
import { deepEqual, isUnknown, UNKNOWN, type Attrs, type Value } from "../contract/values.js";
import type { Engine } from "../engine/engine.js";
import type { CustomResourceProvider } from "./resource-provider.js";
import { UNKNOWN_VALUE, type WireObject, type WireValue } from "./wire-values.js";
import { urnName } from "./urn.js";

/** The gantry type a `gantry:` token names ("gantry:index:MarathonApp" → "gantry_marathon_app"). */
export function gantryTypeOfToken(token: string): string | undefined {
  const m = /^gantry:[^:]*:([A-Za-z0-9_]+)$/.exec(token);
  if (!m) return undefined;
  const name = m[1];
  if (/^(gantry|null)_/.test(name)) return name;
  return `gantry_${name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()}`;
}

const snake = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function toAttrs(o: WireObject): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(o)) out[snake(k)] = fromWire(v);
  return out;
}

function fromWire(v: WireValue): Value {
  if (v === UNKNOWN_VALUE) return UNKNOWN;
  if (Array.isArray(v)) return v.map(fromWire);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromWire(x)]));
  return v;
}

function toWire(v: Value): WireValue {
  if (isUnknown(v)) return UNKNOWN_VALUE;
  if (Array.isArray(v)) return v.map(toWire);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]));
  return v;
}

function toOutputs(a: Attrs): WireObject {
  const out: WireObject = {};
  // a resource's id is its own field, never an output
  for (const [k, v] of Object.entries(a)) if (v !== undefined && k !== "id") out[camel(k)] = toWire(v);
  return out;
}

export class GantryTypeProvider implements CustomResourceProvider {
  constructor(
    private readonly engine: Engine,
    private readonly type: ResourceType,
    private readonly dirs: { dataDir: string; configDir: string },
    private readonly log: (urn: string, message: string) => void,
  ) {}

  private info(urn: string) {
    return { address: urn, name: urnName(urn).replace(/[^A-Za-z0-9_-]/g, "_"), ...this.dirs };
  }

  private ctx(urn: string): OperationContext {
    return {
      ...this.info(urn),
      signal: new AbortController().signal,
      hosts: this.engine.hosts,
      log: (m) => this.log(urn, m),
      warn: (m) => this.log(urn, `warning: ${m}`),
      limited: (l) => this.log(urn, `warning: ${limitationSentence(l)}`),
    };
  }

  /** Configuration with the schema's defaults, computed attributes taken from prior or unknown (the planner's rule). */
  private plan(urn: string, prior: Attrs | null, news: WireObject): Attrs {
    const config = toAttrs(news);
    for (const [k, s] of Object.entries(this.type.schema)) {
      if (config[k] === undefined && s.default !== undefined) config[k] = s.default;
      if (s.computed && config[k] === undefined) config[k] = prior ? (prior[k] ?? null) : UNKNOWN;
      if (config[k] === undefined) config[k] = null;
    }
    return this.type.planChange ? this.type.planChange(prior, config, this.info(urn)).planned : config;
  }

  async check(urn: string, _olds: WireObject | undefined, news: WireObject) {
    const failures: { property: string; reason: string }[] = [];
    const config = toAttrs(news);
    for (const k of Object.keys(config))
      if (!(k in this.type.schema))
        failures.push({ property: camel(k), reason: `${this.type.name} has no attribute "${camel(k)}"` });
    for (const [k, s] of Object.entries(this.type.schema))
      if (s.required && (config[k] === undefined || config[k] === null))
        failures.push({ property: camel(k), reason: `missing required property "${camel(k)}"` });
    if (!failures.length && this.type.validate)
      for (const e of this.type.validate(this.plan(urn, null, news), this.info(urn)))
        failures.push({ property: camel(e.attribute), reason: e.message });
    return { inputs: news, failures };
  }

  async diff(urn: string, _id: string, oldOutputs: WireObject, news: WireObject) {
    const prior: Attrs = { ...toAttrs(oldOutputs), id: _id };
    const planned = this.plan(urn, prior, news);
    const changed = Object.keys(planned).filter((k) => !isUnknown(planned[k]) && !deepEqual(planned[k], prior[k]));
    const replaces = changed.filter((k) => this.type.schema[k]?.forceNew).map(camel);
    return {
      changes: changed.length > 0 || Object.values(planned).some(isUnknown),
      replaces,
      deleteBeforeReplace: false,
    };
  }

  async create(urn: string, news: WireObject) {
    const attrs = await this.type.create(this.ctx(urn), this.plan(urn, null, news));
    const id = typeof attrs.id === "string" && attrs.id ? attrs.id : urnName(urn);
    return { id, outputs: toOutputs(attrs) };
  }

  /** The outputs a preview shows before creating: the plan, unknowns where the type computes them. */
  planned(urn: string, prior: WireObject | undefined, news: WireObject): WireObject {
    return toOutputs(this.plan(urn, prior ? toAttrs(prior) : null, news));
  }

  async update(urn: string, id: string, oldOutputs: WireObject, news: WireObject) {
    const prior: Attrs = { ...toAttrs(oldOutputs), id };
    return toOutputs(await this.type.update(this.ctx(urn), prior, this.plan(urn, prior, news)));
  }

  async read(urn: string, id: string, outputs: WireObject) {
    const found = await this.type.read(this.ctx(urn), { ...toAttrs(outputs), id });
    return found ? toOutputs(found) : undefined;
  }

  async delete(urn: string, id: string, outputs: WireObject) {
    await this.type.delete(this.ctx(urn), { ...toAttrs(outputs), id });
  }
}
