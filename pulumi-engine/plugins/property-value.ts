// Pulumi's property values as plain JS values with markers, and their wire form.
//
// On the wire (google.protobuf.Struct, seen through Struct#toJavaScript) Pulumi encodes what JSON cannot say with a
// sentinel string for unknowns and objects tagged by a signature key: secrets, assets, archives, resource references
// and output values (sdk/go/common/resource/plugin/rpc.go, sdk/nodejs/runtime/rpc.ts). Here those become instances
// of small classes (Secret, Unknown, Asset, Archive, ResourceReference, OutputValue) inside otherwise plain values,
// so callers never meet a signature. `toWire`/`fromWire` convert between the two forms; the wire form is the same
// JSON shape as pulumi-engine/wire-values.ts's WireValue.

/** A property value: JSON plus the markers below. */
export type PropertyValue =
  | null
  | boolean
  | number
  | string
  | PropertyValue[]
  | PropertyMap
  | Secret
  | Unknown
  | Asset
  | Archive
  | ResourceReference
  | OutputValue;

/** A resource's property bag (inputs, outputs, provider config). */
export interface PropertyMap {
  [key: string]: PropertyValue;
}

/** A value that must not be shown or stored in plain text (`pulumi.secret`, `secure:` config). */
export class Secret {
  constructor(readonly value: PropertyValue) {}
}

/** A value not known yet (a preview's outputs). Use the UNKNOWN instance. */
export class Unknown {
  readonly unknown = true;
}

/** The one unknown value. */
export const UNKNOWN: Unknown = Object.freeze(new Unknown());

/** pulumi.asset.FileAsset (path), StringAsset (text) or RemoteAsset (uri). */
export class Asset {
  constructor(
    readonly source: { path: string } | { text: string } | { uri: string },
    readonly hash?: string,
  ) {}
}

/** pulumi.asset.FileArchive (path), RemoteArchive (uri) or AssetArchive (assets). */
export class Archive {
  constructor(
    readonly source: { path: string } | { uri: string } | { assets: Record<string, Asset | Archive> },
    readonly hash?: string,
  ) {}
}

/** A reference to another resource by URN (and ID for custom resources). */
export class ResourceReference {
  constructor(
    readonly urn: string,
    readonly id?: PropertyValue,
    readonly packageVersion = "",
  ) {}
}

/** An Output as the SDK sends it when the monitor accepts outputs: a value (absent when unknown), secretness, deps. */
export class OutputValue {
  constructor(
    readonly value: PropertyValue | undefined,
    readonly secret = false,
    readonly dependencies: readonly string[] = [],
  ) {}
}

// ---- the wire form ----

/** JSON as Struct#toJavaScript gives it. */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };
export type WireObject = { [key: string]: WireValue };

export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
export const ASSET_SIGNATURE = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIGNATURE = "0def7320c3a5731c473e5ecbe6d01bc7";
export const RESOURCE_REFERENCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIGNATURE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

export interface WireOptions {
  /** Keep secrets as signature objects (default true); false sends what they hold (a provider that does not accept
   * secrets, as Pulumi's engine does when Configure answered acceptSecrets: false). */
  keepSecrets?: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A property value in wire form. `undefined` members of objects are left out. */
export function toWire(v: PropertyValue, opts: WireOptions = {}): WireValue {
  const keepSecrets = opts.keepSecrets ?? true;
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x) => toWire(x, opts));
  if (v instanceof Secret) {
    const inner = toWire(v.value, opts);
    return keepSecrets ? { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: inner } : inner;
  }
  if (v instanceof Unknown) return UNKNOWN_SENTINEL;
  if (v instanceof Asset) {
    const out: WireObject = { [SIGNATURE_KEY]: ASSET_SIGNATURE, ...v.source };
    if (v.hash !== undefined) out.hash = v.hash;
    return out;
  }
  if (v instanceof Archive) {
    const out: WireObject = { [SIGNATURE_KEY]: ARCHIVE_SIGNATURE };
    if ("assets" in v.source) {
      const assets: WireObject = {};
      for (const [k, a] of Object.entries(v.source.assets)) assets[k] = toWire(a, opts);
      out.assets = assets;
    } else Object.assign(out, v.source);
    if (v.hash !== undefined) out.hash = v.hash;
    return out;
  }
  if (v instanceof ResourceReference) {
    const out: WireObject = { [SIGNATURE_KEY]: RESOURCE_REFERENCE_SIGNATURE, urn: v.urn };
    if (v.id !== undefined) out.id = toWire(v.id, opts);
    out.packageVersion = v.packageVersion;
    return out;
  }
  if (v instanceof OutputValue) {
    if (!keepSecrets && v.secret) return v.value === undefined ? UNKNOWN_SENTINEL : toWire(v.value, opts);
    const out: WireObject = { [SIGNATURE_KEY]: OUTPUT_VALUE_SIGNATURE };
    if (v.value !== undefined) out.value = toWire(v.value, opts);
    if (v.secret) out.secret = true;
    if (v.dependencies.length) out.dependencies = [...v.dependencies];
    return out;
  }
  const out: WireObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toWire(x, opts);
  return out;
}

/** A wire value as a property value: signatures and the unknown sentinel become markers. */
export function fromWire(w: WireValue): PropertyValue {
  if (w === UNKNOWN_SENTINEL) return UNKNOWN;
  if (w === null || typeof w !== "object") return w;
  if (Array.isArray(w)) return w.map(fromWire);
  const sig = w[SIGNATURE_KEY];
  if (typeof sig === "string") {
    switch (sig) {
      case SECRET_SIGNATURE:
        return new Secret(fromWire(w.value ?? null));
      case ASSET_SIGNATURE: {
        const hash = typeof w.hash === "string" ? w.hash : undefined;
        if (typeof w.path === "string") return new Asset({ path: w.path }, hash);
        if (typeof w.text === "string") return new Asset({ text: w.text }, hash);
        if (typeof w.uri === "string") return new Asset({ uri: w.uri }, hash);
        throw new Error("a Pulumi asset value carries none of path, text or uri");
      }
      case ARCHIVE_SIGNATURE: {
        const hash = typeof w.hash === "string" ? w.hash : undefined;
        if (typeof w.path === "string") return new Archive({ path: w.path }, hash);
        if (typeof w.uri === "string") return new Archive({ uri: w.uri }, hash);
        if (isPlainObject(w.assets)) {
          const assets: Record<string, Asset | Archive> = {};
          for (const [k, a] of Object.entries(w.assets as WireObject)) {
            const x = fromWire(a);
            if (!(x instanceof Asset || x instanceof Archive))
              throw new Error(`archive member ${JSON.stringify(k)} is neither an asset nor an archive`);
            assets[k] = x;
          }
          return new Archive({ assets }, hash);
        }
        throw new Error("a Pulumi archive value carries none of path, uri or assets");
      }
      case RESOURCE_REFERENCE_SIGNATURE:
        return new ResourceReference(
          String(w.urn ?? ""),
          w.id === undefined ? undefined : fromWire(w.id),
          typeof w.packageVersion === "string" ? w.packageVersion : "",
        );
      case OUTPUT_VALUE_SIGNATURE:
        return new OutputValue(
          w.value === undefined ? undefined : fromWire(w.value),
          w.secret === true,
          Array.isArray(w.dependencies) ? w.dependencies.map(String) : [],
        );
      default:
        throw new Error(`unknown Pulumi value signature ${sig}`);
    }
  }
  const out: PropertyMap = {};
  for (const [k, x] of Object.entries(w)) out[k] = fromWire(x);
  return out;
}

export function mapToWire(m: PropertyMap, opts: WireOptions = {}): WireObject {
  return toWire(m, opts) as WireObject;
}

export function mapFromWire(w: WireObject | undefined): PropertyMap {
  return w ? (fromWire(w) as PropertyMap) : {};
}

// ---- questions and operations over values ----

/** Mark a value secret (a secret stays one secret). */
export function secret(v: PropertyValue): Secret {
  return v instanceof Secret ? v : new Secret(v);
}

export function isSecret(v: unknown): v is Secret {
  return v instanceof Secret;
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** True when the value or anything inside it is secret. */
export function containsSecrets(v: PropertyValue): boolean {
  if (v instanceof Secret) return true;
  if (v instanceof OutputValue) return v.secret || (v.value !== undefined && containsSecrets(v.value));
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (isPlainObject(v)) return Object.values(v as PropertyMap).some(containsSecrets);
  return false;
}

/** True when the value or anything inside it is not known yet. */
export function containsUnknowns(v: PropertyValue): boolean {
  if (v instanceof Unknown) return true;
  if (v instanceof Secret) return containsUnknowns(v.value);
  if (v instanceof OutputValue) return v.value === undefined || containsUnknowns(v.value);
  if (Array.isArray(v)) return v.some(containsUnknowns);
  if (isPlainObject(v)) return Object.values(v as PropertyMap).some(containsUnknowns);
  return false;
}

/** The value with every secret replaced by what it holds. */
export function revealSecrets(v: PropertyValue): PropertyValue {
  if (v instanceof Secret) return revealSecrets(v.value);
  if (Array.isArray(v)) return v.map(revealSecrets);
  if (isPlainObject(v)) {
    const out: PropertyMap = {};
    for (const [k, x] of Object.entries(v as PropertyMap)) out[k] = revealSecrets(x);
    return out;
  }
  return v;
}

/**
 * Pulumi's annotateSecrets (sdk/go/common/resource/plugin/provider_plugin.go): an output whose input of the same
 * name holds a secret becomes secret; objects on both sides are walked key by key. Returns a new map.
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in result)) continue;
    const outValue = result[key];
    if (isPlainObject(outValue) && isPlainObject(inValue)) {
      result[key] = annotateSecrets(outValue as PropertyMap, inValue as PropertyMap);
    } else if (!(outValue instanceof Secret) && containsSecrets(inValue)) {
      result[key] = new Secret(outValue);
    }
  }
  return result;
}
