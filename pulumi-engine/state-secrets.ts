// Secrets in gantry's record of a Pulumi stack kept as Pulumi keeps them in its own (pkg/resource/stack/
// secrets.go): encrypted with the stack's passphrase secrets provider, a secret value is written
// `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:..."}`, the ciphertext
// of the value's JSON. While a run works, the values are decrypted (`{sig, value}`); they are encrypted again each
// time the state is written. A secret written once keeps its ciphertext while its value is unchanged, so that a run
// that changes nothing rewrites nothing.

import { GantryError } from "../contract/diagnostics.js";
import type { InstanceState, State } from "../planner/state.js";
import type { PassphraseCrypter } from "./config/passphrase-crypter.js";
import { SECRET_SIGNATURE, SIGNATURE_KEY, type WireObject, type WireValue } from "./wire-values.js";

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

const isSecretObject = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && v[SIGNATURE_KEY] === SECRET_SIGNATURE;

/** True for a secret written encrypted (`{sig, ciphertext}`). */
export function isSealedSecret(v: unknown): boolean {
  return isSecretObject(v) && typeof v.ciphertext === "string" && !("value" in v);
}

/** True when the value holds an encrypted secret anywhere. */
export function holdsSealedSecret(v: unknown): boolean {
  if (isSealedSecret(v)) return true;
  if (Array.isArray(v)) return v.some(holdsSealedSecret);
  if (isObject(v)) return Object.values(v).some(holdsSealedSecret);
  return false;
}

/** True when a recorded state holds an encrypted secret. */
export function stateHoldsSealedSecrets(state: State): boolean {
  for (const i of state.instances.values())
    if (holdsSealedSecret(i.attributes) || (i.deposed ?? []).some(holdsSealedSecret)) return true;
  return false;
}

export class StateSecrets {
  /** A decrypted secret → its encrypted form (the one read, or the one last written). */
  private readonly sealedOf = new WeakMap<object, Record<string, unknown>>();

  constructor(
    private readonly crypter: PassphraseCrypter,
    /** Where the secrets are (for errors): the state's location. */
    private readonly where: string,
  ) {}

  /** The value with every secret encrypted (the same object when it holds none). */
  seal<T>(v: T): T {
    if (isSecretObject(v)) {
      if (!("value" in v)) return v;
      let sealed = this.sealedOf.get(v);
      if (!sealed) {
        sealed = { [SIGNATURE_KEY]: SECRET_SIGNATURE, ciphertext: this.crypter.encrypt(JSON.stringify(v.value)) };
        this.sealedOf.set(v, sealed);
      }
      return sealed as T;
    }
    return this.mapChildren(v, (x) => this.seal(x));
  }

  /** The value with every encrypted secret decrypted (the same object when it holds none). */
  open<T>(v: T): T {
    if (isSealedSecret(v)) {
      const sealed = v as Record<string, unknown>;
      let text: string;
      try {
        text = this.crypter.decrypt(sealed.ciphertext as string);
      } catch (e) {
        throw new GantryError(`${this.where}: a secret in the state cannot be decrypted: ${(e as Error).message}`);
      }
      const opened = { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: JSON.parse(text) as WireValue };
      this.sealedOf.set(opened, sealed);
      return opened as T;
    }
    return this.mapChildren(v, (x) => this.open(x));
  }

  /** What is written for a state: its instances' attributes (and deposed objects) with their secrets encrypted. */
  sealState(state: State): State {
    return this.mapState(state, (x) => this.seal(x));
  }

  /** A state read, its secrets decrypted. */
  openState(state: State): State {
    return this.mapState(state, (x) => this.open(x));
  }

  /** Outputs (of this stack, or of one a StackReference reads) with their secrets decrypted. */
  openOutputs(outputs: WireObject): WireObject {
    return this.open(outputs);
  }

  private mapState(state: State, f: <T>(v: T) => T): State {
    let changed = false;
    const instances = new Map<string, InstanceState>();
    for (const [address, i] of state.instances) {
      const attributes = f(i.attributes);
      const deposed = i.deposed?.map(f);
      const same = attributes === i.attributes && (deposed ?? []).every((d, n) => d === i.deposed?.[n]);
      instances.set(address, same ? i : { ...i, attributes, ...(deposed ? { deposed } : {}) });
      changed ||= !same;
    }
    return changed ? { ...state, instances } : state;
  }

  private mapChildren<T>(v: T, f: (x: unknown) => unknown): T {
    if (Array.isArray(v)) {
      const out = v.map(f);
      return (out.some((x, n) => x !== v[n]) ? out : v) as T;
    }
    if (isObject(v)) {
      let out: Record<string, unknown> | undefined;
      for (const [k, x] of Object.entries(v)) {
        const y = f(x);
        if (y !== x) (out ??= { ...v })[k] = y;
      }
      return (out ?? v) as T;
    }
    return v;
  }
}
