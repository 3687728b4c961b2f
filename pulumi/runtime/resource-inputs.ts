// A resource's Pulumi inputs as gantry's configured attributes: renamed
// (property-names.ts), each converted to its schema's kind as the planner
// converts configuration, and checked as the planner checks it (required
// attributes, computed ones not set, nested schemas, the type's own
// validation). Problems come back as Pulumi's check failures, named in
// Pulumi's names.

import type { ResourceType } from "../../contract/resource-type.js";
import type { Attrs, Value } from "../../contract/values.js";
import { isConfigurable } from "../../planner/instances.js";
import { convertToType } from "../../planner/type-conversion.js";
import type { OperationSession } from "./operation-session.js";
import { pulumiName, toGantryAttrs } from "./property-names.js";
import { fromPulumi } from "./pulumi-values.js";
import { ownProperties } from "./resource-meta.js";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** The configured attributes of a Pulumi property bag (inputs), with what is wrong with them. */
export function configuredAttributes(
  session: OperationSession,
  props: Record<string, unknown>,
): { attrs: Attrs; failures: CheckFailure[] } {
  const type = session.type;
  const failures: CheckFailure[] = [];
  const { attrs: named, unknown } = toGantryAttrs(
    type.schema,
    fromPulumi(ownProperties(props)) as Record<string, Value>,
  );
  for (const k of unknown) {
    failures.push({
      property: k,
      reason: `unknown property "${k}" of ${type.name} (known: ${known(type).join(", ")})`,
    });
  }
  const attrs: Attrs = {};
  for (const [name, v] of Object.entries(named)) {
    const s = type.schema[name];
    if (!isConfigurable(s)) {
      failures.push({ property: pulumiName(name), reason: `"${pulumiName(name)}" is set by gantry; it cannot be set` });
      continue;
    }
    const c = convertToType(v, s.kind);
    if (!c.ok) failures.push({ property: pulumiName(name), reason: c.message });
    else attrs[name] = c.value;
  }
  return { attrs, failures };
}

/** Problems with configured attributes: required ones missing, nested schemas, the type's own checks. */
export function checkAttributes(session: OperationSession, attrs: Attrs): CheckFailure[] {
  const type = session.type;
  const failures: CheckFailure[] = [];
  for (const [name, s] of Object.entries(type.schema)) {
    const v = attrs[name];
    if (s.required && (v === undefined || v === null)) {
      failures.push({ property: pulumiName(name), reason: `"${pulumiName(name)}" is required` });
      continue;
    }
    if (v === undefined) continue;
    for (const problem of session.engine.attributeChecker().problems(s, v)) {
      failures.push({ property: pulumiName(name), reason: problem });
    }
  }
  for (const p of type.validate?.(attrs, session.info) ?? []) {
    failures.push({ property: p.attribute ? pulumiName(p.attribute) : "", reason: p.message });
  }
  return failures.map((f) => ({ property: f.property, reason: session.redaction.redact(f.reason) }));
}

function known(type: ResourceType): string[] {
  return Object.entries(type.schema)
    .filter(([, s]) => isConfigurable(s))
    .map(([k]) => pulumiName(k));
}

/** The attributes recorded in a resource's outputs, every one (computed ones too), in gantry's names. */
export function recordedAttributes(type: ResourceType, outs: Record<string, unknown>): Attrs {
  return toGantryAttrs(type.schema, fromPulumi(ownProperties(outs)) as Record<string, Value>).attrs;
}
