// A stack's record in Pulumi's deployment format, version 3 (apitype.UntypedDeployment / DeploymentV3), as
// `pulumi stack export` writes it and `pulumi stack import` reads it: a manifest (time, magic = sha256 of the
// version, version), the passphrase secrets provider's state (`{"salt": encryptionsalt}`), the resources in an
// order where each comes after its parent, dependencies and provider (an old object pending deletion as a resource
// with `delete: true` after the live one), and the pending operations. Secrets stay as the state keeps them
// (`{sig, ciphertext}`), or, opened, as `{sig, plaintext: "<json>"}` (`--show-secrets`).

import { createHash } from "node:crypto";
import { GantryError } from "../contract/diagnostics.js";
import type { InstanceState } from "../planner/state.js";
import { recordedPendingOperations, withPendingOperations } from "./pending-operations.js";
import { urnName, urnType } from "./urn.js";
import { SECRET_SIGNATURE, SIGNATURE_KEY } from "./wire-values.js";

const VERSION = "gantry";

export interface DeploymentV3 {
  version: 3;
  deployment: {
    manifest: { time: string; magic: string; version: string };
    secrets_providers?: { type: string; state: { salt: string } };
    resources: Record<string, unknown>[];
    pending_operations?: { resource: Record<string, unknown>; type: string }[];
  };
}

type Attrs = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every opened secret (`{sig, value}`) as Pulumi shows one: `{sig, plaintext: JSON}`; sealed ones as they are. */
function plaintextSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plaintextSecrets);
  if (!isObject(v)) return v;
  if (v[SIGNATURE_KEY] === SECRET_SIGNATURE && "value" in v)
    return { [SIGNATURE_KEY]: SECRET_SIGNATURE, plaintext: JSON.stringify(v.value) };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plaintextSecrets(x)]));
}

/** `{sig, plaintext}` secrets back to the state's opened form `{sig, value}`. */
function openedSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(openedSecrets);
  if (!isObject(v)) return v;
  if (v[SIGNATURE_KEY] === SECRET_SIGNATURE && typeof v.plaintext === "string")
    return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: JSON.parse(v.plaintext) };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, openedSecrets(x)]));
}

function resourceOf(urn: string, type: string, a: Attrs, dependencies: readonly string[]): Record<string, unknown> {
  const parent = typeof a.parent === "string" ? a.parent : "";
  const deps = dependencies.filter((d) => d !== parent);
  const r: Record<string, unknown> = { urn, custom: !!a.custom };
  if (a.custom) r.id = a.id ?? "";
  r.type = type;
  r.inputs = a.inputs ?? {};
  r.outputs = a.outputs ?? {};
  if (parent) r.parent = parent;
  if (a.protect) r.protect = true;
  if (a.external) r.external = true;
  if (deps.length) r.dependencies = deps;
  if (Array.isArray(a.initErrors) && a.initErrors.length) r.initErrors = a.initErrors;
  if (a.provider) r.provider = a.provider;
  if (isObject(a.propertyDependencies) && Object.keys(a.propertyDependencies).length)
    r.propertyDependencies = a.propertyDependencies;
  if (a.retainOnDelete) r.retainOnDelete = true;
  return r;
}

/** The instances in an order where each follows what it needs (parent, dependencies, provider). */
function ordered(instances: readonly InstanceState[]): InstanceState[] {
  const by = new Map(instances.map((i) => [i.address, i]));
  const out: InstanceState[] = [];
  const done = new Set<string>();
  const visit = (i: InstanceState, depth: number) => {
    if (done.has(i.address) || depth > 1000) return;
    done.add(i.address);
    const a = i.attributes as Attrs;
    const provider = typeof a.provider === "string" ? a.provider.slice(0, a.provider.lastIndexOf("::")) : "";
    for (const d of [String(a.parent ?? ""), ...i.dependencies, provider]) {
      const dep = by.get(d);
      if (dep) visit(dep, depth + 1);
    }
    out.push(i);
  };
  for (const i of instances) visit(i, 0);
  return out;
}

export function exportDeployment(
  instances: Iterable<InstanceState>,
  opts: { salt?: string; showSecrets?: boolean; now?: Date },
): DeploymentV3 {
  const all = [...instances];
  const pending = recordedPendingOperations(all);
  const resources: Record<string, unknown>[] = [];
  for (const i of ordered(all)) {
    const plain = withPendingOperations(i, []);
    resources.push(resourceOf(i.address, i.type, plain.attributes as Attrs, i.dependencies));
    for (const d of i.deposed ?? [])
      resources.push({ ...resourceOf(i.address, i.type, d as Attrs, i.dependencies), delete: true });
  }
  const shown = opts.showSecrets ? (plaintextSecrets(resources) as Record<string, unknown>[]) : resources;
  const deployment: DeploymentV3["deployment"] = {
    manifest: {
      time: (opts.now ?? new Date()).toISOString(),
      magic: createHash("sha256").update(VERSION).digest("hex"),
      version: VERSION,
    },
    ...(opts.salt ? { secrets_providers: { type: "passphrase", state: { salt: opts.salt } } } : {}),
    resources: shown,
    ...(pending.length
      ? {
          pending_operations: pending.map((p) => ({
            resource: { urn: p.urn, custom: true, type: urnType(p.urn) },
            type: p.type,
          })),
        }
      : {}),
  };
  return { version: 3, deployment };
}

/**
 * The instances of an exported deployment (`pulumi stack import`), secrets shown in plain text opened again (the
 * state seals them when written) and encrypted ones kept (they must be the stack's: `salt` is its encryptionsalt).
 * Pending operations are dropped with a warning each, as Pulumi's import drops them. Throws naming what is wrong.
 */
export function importDeployment(
  doc: unknown,
  opts: { salt?: string; stack: string; warn: (message: string) => void },
): InstanceState[] {
  if (!isObject(doc) || !isObject(doc.deployment))
    throw new GantryError("the file is not a Pulumi deployment (expected {version, deployment})");
  if (doc.version !== 3)
    throw new GantryError(`deployment version ${JSON.stringify(doc.version)}: gantry imports version 3 only`);
  const d = doc.deployment;
  const sp = d.secrets_providers;
  if (isObject(sp)) {
    if (sp.type !== "passphrase")
      throw new GantryError(`secrets provider ${JSON.stringify(sp.type)}: gantry imports only the passphrase one`);
    const salt = isObject(sp.state) ? sp.state.salt : undefined;
    if (JSON.stringify(d.resources).includes('"ciphertext"') && salt !== opts.salt)
      throw new GantryError(
        "the deployment's secrets were encrypted under another encryptionsalt than the stack's: export it with " +
          "--show-secrets, or import it into the stack it came from",
      );
  }
  for (const op of Array.isArray(d.pending_operations) ? d.pending_operations : [])
    if (isObject(op) && isObject(op.resource))
      opts.warn(`removing pending operation '${String(op.type)}' on '${String(op.resource.urn)}' from snapshot`);
  if (!Array.isArray(d.resources)) throw new GantryError("deployment.resources: expected a list");
  const out = new Map<string, InstanceState>();
  const deposed: [string, Attrs][] = [];
  for (const [n, raw] of (d.resources as unknown[]).entries()) {
    if (!isObject(raw) || typeof raw.urn !== "string" || typeof raw.type !== "string")
      throw new GantryError(`deployment.resources[${n}]: expected an object with urn and type`);
    const urn = raw.urn;
    if (urn.split("::")[0] !== `urn:pulumi:${opts.stack}`)
      throw new GantryError(`resource '${urn}' is from a different stack (not ${opts.stack})`);
    const r = openedSecrets(raw) as Record<string, unknown>;
    const parent = typeof r.parent === "string" ? r.parent : "";
    const attrs: Attrs = {
      id: typeof r.id === "string" ? r.id : "",
      custom: !!r.custom,
      parent,
      inputs: r.inputs ?? {},
      outputs: r.outputs ?? {},
      ...(r.protect ? { protect: true } : {}),
      ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(r.external ? { external: true } : {}),
      ...(isObject(r.propertyDependencies) ? { propertyDependencies: r.propertyDependencies } : {}),
      ...(typeof r.provider === "string" && r.provider ? { provider: r.provider } : {}),
      ...(Array.isArray(r.initErrors) && r.initErrors.length ? { initErrors: r.initErrors } : {}),
    };
    if (r.delete) {
      deposed.push([urn, attrs]);
      continue;
    }
    if (out.has(urn)) throw new GantryError(`deployment.resources[${n}]: duplicate resource URN '${urn}'`);
    const deps = Array.isArray(r.dependencies) ? r.dependencies.map(String) : [];
    out.set(urn, {
      address: urn,
      type: r.type as string,
      name: urnName(urn),
      dependencies: [...new Set([...deps, ...(parent ? [parent] : [])])],
      attributes: attrs as InstanceState["attributes"],
    });
  }
  for (const [urn, attrs] of deposed) {
    const live = out.get(urn);
    if (!live) throw new GantryError(`resource '${urn}' is pending deletion but has no live resource of that URN`);
    live.deposed = [...(live.deposed ?? []), attrs as InstanceState["attributes"]];
  }
  return [...out.values()];
}
