// Pulumi's property values as they travel over gRPC (google.protobuf.Struct turned into plain JSON): the unknown
// sentinel string, and objects tagged with the signature key for secrets, resource references, assets and archives.
// gantry keeps values in this form in its state and reads them here.

export type WireValue = null | string | number | boolean | WireValue[] | { [key: string]: WireValue };
export type WireObject = { [key: string]: WireValue };

/** The string that stands for a value not known yet (a preview's outputs). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key whose value says what kind of special object a value is. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIGNATURE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const ASSET_SIGNATURE = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIGNATURE = "0def7320c3a5731c473e5ecbe6d01bc7";

function signatureOf(v: WireValue): string | undefined {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  const s = v[SIGNATURE_KEY];
  return typeof s === "string" ? s : undefined;
}

export function isSecret(v: WireValue): boolean {
  return signatureOf(v) === SECRET_SIGNATURE;
}

export function makeSecret(v: WireValue): WireValue {
  return isSecret(v) ? v : { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: v };
}

/** True when the value or anything inside it is a secret. */
export function containsSecret(v: WireValue): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsSecret);
  return false;
}

export function containsUnknownValue(v: WireValue): boolean {
  if (v === UNKNOWN_VALUE) return true;
  if (Array.isArray(v)) return v.some(containsUnknownValue);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknownValue);
  return false;
}

/** The value with every secret replaced by what it holds (what a provider that does not accept secrets sees). */
export function revealSecrets(v: WireValue): WireValue {
  if (isSecret(v)) return revealSecrets((v as WireObject).value ?? null);
  if (Array.isArray(v)) return v.map(revealSecrets);
  if (v !== null && typeof v === "object") {
    const out: WireObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = revealSecrets(x);
    return out;
  }
  return v;
}

export function revealObject(o: WireObject): WireObject {
  return revealSecrets(o) as WireObject;
}

/**
 * The names of `outputs` to keep secret: those whose input of the same name was secret (as Pulumi's engine does) and
 * those the program listed in `additionalSecretOutputs`.
 */
export function secretOutputs(outputs: WireObject, inputs: WireObject, additional: readonly string[]): WireObject {
  const out: WireObject = {};
  for (const [k, v] of Object.entries(outputs)) {
    const secret = additional.includes(k) || (k in inputs && containsSecret(inputs[k]));
    out[k] = secret && !containsUnknownValue(v) ? makeSecret(revealSecrets(v)) : v;
  }
  return out;
}

/** Another signature than a secret's: a feature gantry does not run yet, named for the error. */
export function unsupportedValueKind(v: WireValue): string | undefined {
  const s = signatureOf(v);
  if (s === ASSET_SIGNATURE) return "assets (pulumi.asset.*Asset)";
  if (s === ARCHIVE_SIGNATURE) return "archives (pulumi.asset.*Archive)";
  if (Array.isArray(v)) {
    for (const x of v) {
      const k = unsupportedValueKind(x);
      if (k) return k;
    }
  } else if (v !== null && typeof v === "object") {
    for (const x of Object.values(v)) {
      const k = unsupportedValueKind(x);
      if (k) return k;
    }
  }
  return undefined;
}

/** A value as `pulumi preview` shows it: strings quoted, secrets as [secret], unknowns as output<string>. */
export function displayValue(v: WireValue | undefined): string {
  if (v === undefined) return "undefined";
  if (v === UNKNOWN_VALUE) return "output<string>";
  if (isSecret(v)) return "[secret]";
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(displayValue).join(", ")}]`;
  const s = signatureOf(v);
  if (s === RESOURCE_REFERENCE_SIGNATURE) return String(v.urn);
  return `{${Object.entries(v)
    .map(([k, x]) => `${k}: ${displayValue(x)}`)
    .join(", ")}}`;
}

/** A stack output's value as `pulumi stack output --json` prints it: secrets as "[secret]" unless shown. */
export function plainOutput(v: WireValue, showSecrets: boolean): WireValue {
  if (isSecret(v)) return showSecrets ? plainOutput((v as WireObject).value ?? null, true) : "[secret]";
  if (Array.isArray(v)) return v.map((x) => plainOutput(x, showSecrets));
  if (v !== null && typeof v === "object") {
    if (signatureOf(v) === RESOURCE_REFERENCE_SIGNATURE) return String(v.urn);
    const out: WireObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = plainOutput(x, showSecrets);
    return out;
  }
  return v;
}

export function wireEqual(a: WireValue | undefined, b: WireValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as WireValue[];
    return a.length === bb.length && a.every((x, i) => wireEqual(x, bb[i]));
  }
  const ao = a as WireObject;
  const bo = b as WireObject;
  const ak = Object.keys(ao);
  return ak.length === Object.keys(bo).length && ak.every((k) => k in bo && wireEqual(ao[k], bo[k]));
}
