// Host-bound types: how a resource reaches its host. The `host` property
// resource's attributes (`host: ${host.web}`); these helpers turn it into a
// HostSpec / driver and a host key.

import { containsUnknown, isUnknown, type Attrs, type Value } from "../../contract/values.js";
import type { AttributeSchema, OperationContext, ResourceType } from "../../contract/resource-type.js";
import type { HostDriver, HostSpec } from "../../contract/host-driver.js";
import { optionsWithSshAttributes } from "./host-ssh-attributes.js";

/** The schema entry every host-bound type uses for `host`. */
export const hostAttribute: AttributeSchema = {
  kind: "object",
  description: "The host to act on: a host resource's attributes, e.g. ${gantry_host.web}.",
  required: true,
  forceNew: true,
};

/** Turns a `host` attribute value into a HostSpec; throws a clear error when it is not one. */
export function hostSpecOf(v: Value | undefined): HostSpec {
  if (v === undefined || v === null || typeof v !== "object" || Array.isArray(v) || isUnknown(v)) {
    throw new Error(`attribute "host" must be a host resource's attributes, e.g. \${gantry_host.web}`);
  }
  const o = v as { [k: string]: Value };
  const field = (k: string): string => {
    const x = o[k];
    if (typeof x !== "string" || x === "") {
      throw new Error(
        `attribute "host" has no ${k} (${isUnknown(x) ? "not known yet" : "missing"}); pass a host resource, e.g. ` +
          `\${gantry_host.web}`,
      );
    }
    return x;
  };
  return {
    name: field("name"),
    driver: field("driver"),
    address: field("address"),
    root: field("root"),
    options: optionsWithSshAttributes(o),
  };
}

/** The driver for the host an instance acts on, from the operation's engine. */
export function hostDriverOf(ctx: OperationContext, attrs: Attrs): HostDriver {
  return ctx.hosts.connect(hostSpecOf(attrs.host));
}

/** The host name for per-host concurrency limits, when known. */
export function hostKeyOf(attrs: Attrs): string | undefined {
  const h = attrs.host;
  if (h === null || typeof h !== "object" || Array.isArray(h) || isUnknown(h)) return undefined;
  const name = (h as { [k: string]: Value }).name;
  return typeof name === "string" && !containsUnknown(name) ? name : undefined;
}

/**
 * Do two host-bound objects name the same thing: the same host root (or, without one, address and name) and the same
 * value of each of `keys` (a file's path, a process's name)?
 */
export function sameHostObject(a: Attrs, b: Attrs, keys: string[]): boolean {
  const place = (attrs: Attrs): string | undefined => {
    const h = attrs.host;
    if (h === null || typeof h !== "object" || Array.isArray(h) || containsUnknown(h)) return undefined;
    const o = h as { [k: string]: Value };
    return JSON.stringify([o.driver, o.root ?? null, o.root ? null : (o.address ?? null), o.root ? null : o.name]);
  };
  const pa = place(a);
  if (pa === undefined || pa !== place(b)) return false;
  return keys.every((k) => typeof a[k] === "string" && a[k] === b[k]);
}

/** Problems with a configured `host` value at validation time (unknown values pass). */
export function validateHostValue(v: Value | undefined): { attribute: string; message: string }[] {
  if (v === undefined || v === null || isUnknown(v)) return [];
  if (typeof v !== "object" || Array.isArray(v)) {
    return [{ attribute: "host", message: "must be a host resource's attributes, e.g. ${gantry_host.web}" }];
  }
  const o = v as { [k: string]: Value };
  const missing = ["name", "driver"].filter((k) => o[k] === undefined || o[k] === null);
  return missing.length > 0
    ? [
        {
          attribute: "host",
          message: `is not a host (no ${missing.join(", ")}); pass a host resource, e.g. \${gantry_host.web}`,
        },
      ]
    : [];
}

/** What a host-bound type defines itself: everything but its `host` attribute, host key and host spec. */
export type HostBoundDefinition = Omit<ResourceType, "hostKey" | "hostSpec">;

/**
 * A type that acts on one host (file, command, service, package, HAProxy
 * configuration): `host` first in its schema, the host value checked before
 * the type's own checks, the host key the apply walk limits per host by, and the host refresh probes first.
 */
export function hostBound(t: HostBoundDefinition): ResourceType {
  const own = t.validate;
  return {
    ...t,
    schema: { host: hostAttribute, ...t.schema },
    hostKey: hostKeyOf,
    hostSpec: (attrs) => {
      try {
        return hostSpecOf(attrs.host);
      } catch {
        return undefined;
      }
    },
    validate: (config, info) => [...validateHostValue(config.host), ...(own ? own(config, info) : [])],
  };
}
