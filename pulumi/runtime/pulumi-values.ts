// Values as Pulumi's dynamic-provider host hands them over: a value not known
// yet (a preview) is a fixed sentinel string, and a secret, when one reaches a
// provider at all, an object marked with Pulumi's secret signature. gantry's
// own values have UNKNOWN for the first and the plain value for the second.

import { isUnknown, UNKNOWN, type Value } from "../../contract/values.js";

/** Pulumi's unknown value on the wire (the Node SDK's runtime/rpc unknownValue). */
export const PULUMI_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key and value that mark a secret on the wire (the SDK's specialSigKey and specialSecretSig). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecretWrapper(v: unknown): v is { value: unknown } {
  return v !== null && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Pulumi's value to gantry's: unknowns become UNKNOWN, secrets their plain value, undefined null. */
export function fromPulumi(v: unknown): Value {
  if (v === PULUMI_UNKNOWN) return UNKNOWN;
  if (v === undefined) return null;
  if (isSecretWrapper(v)) return fromPulumi(v.value);
  if (Array.isArray(v)) return v.map(fromPulumi);
  if (v !== null && typeof v === "object") {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromPulumi(x);
    return out;
  }
  return v as Value;
}

/** gantry's value to Pulumi's: UNKNOWN becomes the sentinel. */
export function toPulumi(v: Value): unknown {
  if (isUnknown(v)) return PULUMI_UNKNOWN;
  if (Array.isArray(v)) return v.map(toPulumi);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPulumi(x as Value);
    return out;
  }
  return v;
}

/** The top-level properties of a Pulumi property bag that are secrets (as wrapped on the wire). */
export function secretKeysOf(props: Record<string, unknown>): string[] {
  return Object.entries(props)
    .filter(([, v]) => isSecretWrapper(v))
    .map(([k]) => k);
}
