// One provider operation on one resource: a fresh Engine (its resource types
// and host drivers; nothing is kept between operations, so the provider holds
// no handles), the type, who the instance is, and what the type logs, kept
// with secrets hidden and told only when the operation fails.

import { type HostLimitation, limitationSentence } from "../../contract/host-limitation.js";
import type { InstanceInfo, OperationContext, ResourceType } from "../../contract/resource-type.js";
import type { Attrs, Value } from "../../contract/values.js";
import { Engine } from "../../engine/engine.js";
import { instanceInfo, operationContext } from "../../planner/operation-context.js";
import { gantryName } from "./property-names.js";
import { fromPulumi, secretKeysOf } from "./pulumi-values.js";
import { ownProperties, readMeta, type ResourceMeta } from "./resource-meta.js";
import { SecretRedaction } from "./secret-redaction.js";

/** Lines of a type's log an error carries. */
const LOG_TAIL = 20;

export class OperationSession {
  readonly engine = new Engine();
  readonly type: ResourceType;
  readonly meta: ResourceMeta;
  readonly info: InstanceInfo;
  readonly redaction: SecretRedaction;
  private readonly lines: string[] = [];
  private readonly warnings: string[] = [];
  private readonly limitations: HostLimitation[] = [];

  /** `bags`: the property bags of the operation (inputs, prior outputs); the first with a meta names the instance. */
  constructor(typeName: string, bags: Record<string, unknown>[]) {
    const type = this.engine.types.get(typeName);
    if (!type) throw new Error(`gantry/pulumi: no resource type "${typeName}" in this version of gantry`);
    this.type = type;
    this.meta = readMeta(bags.find((b) => b.__gantry !== undefined) ?? bags[0] ?? {});
    this.info = instanceInfo(
      { address: `${typeName}.${instanceName(this.meta.name)}`, name: instanceName(this.meta.name) },
      this.meta.dataDir,
      this.meta.configDir,
    );
    const secretValues: Value[] = [];
    for (const bag of bags) {
      const own = ownProperties(bag);
      for (const key of new Set([...this.meta.secrets, ...secretKeysOf(own)])) {
        if (key in own && gantryName(type.schema, key) !== undefined) secretValues.push(fromPulumi(own[key]));
      }
    }
    this.redaction = new SecretRedaction(secretValues);
  }

  get address(): string {
    return this.info.address;
  }

  /** The context a type's create, read, update and delete are handed. */
  context(signal = new AbortController().signal): OperationContext {
    return operationContext(
      this.info,
      signal,
      (address, message) => this.log(`${address}: ${message}`),
      { warnings: this.warnings, limitations: this.limitations },
      this.engine.hosts,
    );
  }

  log(line: string): void {
    this.lines.push(this.redaction.redact(line));
    if (this.lines.length > LOG_TAIL) this.lines.shift();
  }

  /** Runs an operation; its error comes back with secrets hidden and the log's last lines. */
  async run<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw this.failure(what, e);
    }
  }

  /** An error to hand Pulumi: the message with secrets hidden, and what the type logged and warned. */
  failure(what: string, e: unknown): Error & { id?: string; properties?: Record<string, unknown> } {
    const message = e instanceof Error ? e.message : String(e);
    const more = [
      ...this.warnings.map((w) => `warning: ${w}`),
      ...this.limitations.map((l) => `warning: ${limitationSentence(l)}`),
      ...this.lines,
    ];
    const text = `${what} ${this.address}: ${message}${more.length ? `\n${more.join("\n")}` : ""}`;
    const err = new Error(this.redaction.redact(text));
    err.name = "GantryError";
    return err;
  }
}

/** A Pulumi name as a gantry instance name (letters, digits, "_" and "-"; a letter or "_" first). */
export function instanceName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(clean) ? clean : `_${clean}`;
}

/** The attribute bag a type works on: a resource's prior outputs, with its id as the Pulumi id says. */
export function withId(type: ResourceType, attrs: Attrs, id: string | undefined): Attrs {
  return type.schema.id && id ? { ...attrs, id } : attrs;
}
