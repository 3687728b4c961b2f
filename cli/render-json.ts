// Machine-readable output: a plan in the shape of Terraform's JSON plan
// (format_version, resource_changes[].change.actions, after_unknown), and
// one JSON object per line for apply events.

import type { AddressedHostLimitation } from "../contract/host-limitation.js";
import { groupHostLimitations, limitationsOfChanges } from "../engine/host-limitation-groups.js";
import { instanceAddressOf, type ResourceChange } from "../planner/changes.js";
import type { Plan } from "../planner/plan.js";
import { moduleOf } from "../planner/addresses.js";
import type { InstanceState, State } from "../planner/state.js";
import { isUnknown, type Value } from "../contract/values.js";
import { providerOfType } from "../contract/type-names.js";

import { GANTRY_VERSION } from "../engine/gantry-version.js";
import { checksToJson } from "./checks-json.js";
import { shownOutputChanges, shownOutputs } from "./shown-outputs.js";

/** Splits a value into its known part and a mask of what is unknown (Terraform's after / after_unknown). */
export function splitUnknown(v: Value | undefined): [unknown, unknown] {
  if (v === undefined) return [null, false];
  if (isUnknown(v)) return [undefined, true];
  if (Array.isArray(v)) {
    const parts = v.map(splitUnknown);
    return [parts.map((p) => p[0] ?? null), parts.map((p) => p[1])];
  }
  if (v !== null && typeof v === "object") {
    const known: Record<string, unknown> = {};
    const mask: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const [a, b] = splitUnknown(x);
      if (a !== undefined) known[k] = a;
      if (b !== false && !(typeof b === "object" && b !== null && Object.keys(b).length === 0)) mask[k] = b;
    }
    return [known, mask];
  }
  return [v, false];
}

/** The attributes with the sensitive ones' values left out (null). */
function withoutSensitive<T extends Value | undefined>(v: T, sensitive: string[] | undefined): T {
  if (!sensitive?.length || v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const out: Record<string, Value> = { ...(v as Record<string, Value>) };
  for (const k of sensitive) if (k in out) out[k] = null;
  return out as T;
}

export function actionsOf(c: ResourceChange): string[] {
  switch (c.action) {
    case "create":
      return ["create"];
    case "update":
      return ["update"];
    case "delete":
      return ["delete"];
    case "noop":
      return ["no-op"];
    case "read":
      return ["read"];
    case "replace":
      return c.replaceOrder === "create-before-destroy" ? ["create", "delete"] : ["delete", "create"];
  }
}

const REASONS: Record<string, string> = {
  tainted: "replace_because_tainted",
  "replace-requested": "replace_by_request",
  "replace-triggered": "replace_by_triggers",
  "cannot-update": "replace_because_cannot_update",
  "no-configuration": "delete_because_no_resource_config",
  "index-gone": "delete_because_count_index",
  deposed: "delete_because_deposed",
};

export function planToJson(plan: Plan): Record<string, unknown> {
  return {
    format_version: "1.2",
    gantry_version: GANTRY_VERSION,
    timestamp: plan.createdAt,
    plan_mode: plan.mode,
    // sensitive values are left out of the JSON (null), marked by *_sensitive, as the plan text hides them
    variables: Object.fromEntries(
      Object.entries(plan.variables).map(([k, v]) => [
        k,
        plan.sensitiveVariables?.includes(k) ? { value: null, sensitive: true } : { value: v },
      ]),
    ),
    resource_drift: plan.drift.map((d) => ({
      address: d.address,
      mode: "managed",
      change: { actions: [d.kind === "deleted" ? "delete" : "update"], before: d.before, after: d.after },
    })),
    resource_changes: plan.changes.map((c) => {
      const [after, afterUnknown] = splitUnknown(c.after);
      return {
        // Terraform keeps the address of a deposed object plain, with a separate "deposed" key
        address: instanceAddressOf(c),
        ...moduleAddressField(instanceAddressOf(c)),
        ...(c.previousAddress !== undefined ? { previous_address: c.previousAddress } : {}),
        mode: c.action === "read" ? "data" : "managed",
        type: c.type,
        name: c.name,
        ...(c.key !== undefined ? { index: c.key } : {}),
        provider_name: providerOfType(c.type) ?? "gantry",
        ...(c.deposed ? { deposed: String(c.deposed.deposed) } : {}),
        change: {
          actions: actionsOf(c),
          before: withoutSensitive(c.before, c.sensitive),
          after: c.after === null ? null : withoutSensitive(after as Value, c.sensitive),
          after_unknown: afterUnknown === false ? {} : afterUnknown,
          before_sensitive: Object.fromEntries(
            (c.sensitive ?? []).filter((k) => c.before && k in c.before).map((k) => [k, true]),
          ),
          after_sensitive: Object.fromEntries(
            (c.sensitive ?? []).filter((k) => c.after && k in c.after).map((k) => [k, true]),
          ),
          replace_paths: c.requiresReplace.map((k) => [k]),
          ...(c.importing ? { importing: { id: c.importing.id } } : {}),
        },
        ...(c.reason && REASONS[c.reason] ? { action_reason: REASONS[c.reason] } : {}),
        ...(c.warnings?.length ? { warnings: c.warnings } : {}),
        ...(c.limitations?.length ? { host_limitations: c.limitations } : {}),
        ...(c.unreachableHost !== undefined ? { unreachable_host: c.unreachableHost } : {}),
      };
    }),
    output_changes: Object.fromEntries(
      shownOutputChanges(plan.outputs).map((o) => {
        const [after, afterUnknown] = splitUnknown(o.after);
        const actions =
          o.before === undefined
            ? ["create"]
            : o.after === null
              ? ["delete"]
              : JSON.stringify(o.before) === JSON.stringify(o.after)
                ? ["no-op"]
                : ["update"];
        return [
          o.name,
          {
            actions,
            before: o.sensitive ? null : (o.before ?? null),
            after: o.sensitive ? null : (after ?? null),
            after_unknown: afterUnknown,
            sensitive: o.sensitive,
          },
        ];
      }),
    ),
    rolling_updates: plan.rolling.map((r) => ({
      group: r.group,
      batch_size: r.batchSize,
      min_in_service: r.minInService,
      batches: r.batches,
    })),
    targets: plan.targets,
    ...(plan.unreachable?.length
      ? { unreachable_hosts: plan.unreachable.map((u) => ({ host: u.host, reason: u.reason, resources: u.addresses })) }
      : {}),
    ...(plan.replaceHosts ? { failed_hosts: plan.replaceHosts } : {}),
    ...(plan.forgotten?.length
      ? { forgotten: plan.forgotten.map((u) => ({ host: u.host, reason: u.reason, resources: u.addresses })) }
      : {}),
    ...hostLimitationsJson(limitationsOfChanges(plan.changes)),
    ...(plan.checks?.length ? { checks: checksToJson(plan.checks) } : {}),
    errored: false,
  };
}

/**
 * What gantry cannot do on the hosts, as JSON: `host_limitations.groups` (the grouped form the text shows) and
 * `host_limitations.items` (one per resource and host); nothing when there is none.
 */
export function hostLimitationsJson(items: AddressedHostLimitation[]): Record<string, unknown> {
  if (!items.length) return {};
  const flat = items.map(({ address, limitation }) => ({ address, ...limitation }));
  return { host_limitations: { groups: groupHostLimitations(items), items: flat } };
}

/**
 * The state in the shape of Terraform's `show -json` (values.root_module.resources), with gantry's serial and lineage.
 */
export function stateToJson(state: State): Record<string, unknown> {
  return {
    format_version: "1.0",
    gantry_version: GANTRY_VERSION,
    serial: state.serial,
    lineage: state.lineage,
    values: {
      outputs: Object.fromEntries(
        shownOutputs(state.outputs).map(([k, o]) => [
          k,
          { sensitive: !!o.sensitive, value: o.sensitive ? undefined : o.value },
        ]),
      ),
      root_module: moduleTree([...state.instances.values()], (i) => ({
        address: i.address,
        mode: "managed",
        type: i.type,
        name: i.name,
        ...(i.key !== undefined ? { index: i.key } : {}),
        provider_name: providerOfType(i.type) ?? "gantry",
        ...(i.status === "tainted" ? { tainted: true } : {}),
        values: withoutSensitive(i.attributes, i.sensitiveAttributes),
        ...(i.sensitiveAttributes?.length
          ? { sensitive_values: Object.fromEntries(i.sensitiveAttributes.map((k) => [k, true])) }
          : {}),
        depends_on: i.dependencies,
        ...(i.warnings?.length ? { warnings: i.warnings } : {}),
      })),
    },
    ...(state.checks?.length ? { checks: checksToJson(state.checks) } : {}),
  };
}

/** Terraform's `module_address` of a resource in a module (nothing at the root). */
function moduleAddressField(address: string): { module_address?: string } {
  const m = moduleOf(address);
  return m ? { module_address: m } : {};
}

/** Resources grouped as Terraform's `values.root_module`: a module's resources, and its `child_modules`. */
function moduleTree(
  instances: InstanceState[],
  render: (i: InstanceState) => Record<string, unknown>,
): Record<string, unknown> {
  interface Node {
    address: string;
    resources: Record<string, unknown>[];
    children: Map<string, Node>;
  }
  const root: Node = { address: "", resources: [], children: new Map() };
  for (const i of instances) {
    const module = moduleOf(i.address);
    let node = root;
    if (module) {
      // the module path's prefixes, one per "module." step
      const steps = module.split(/\.(?=module\.)/);
      let path = "";
      for (const step of steps) {
        path = path ? `${path}.${step}` : step;
        let next = node.children.get(path);
        if (!next) node.children.set(path, (next = { address: path, resources: [], children: new Map() }));
        node = next;
      }
    }
    node.resources.push(render(i));
  }
  const out = (n: Node): Record<string, unknown> => ({
    ...(n.address ? { address: n.address } : {}),
    resources: n.resources,
    ...(n.children.size ? { child_modules: [...n.children.values()].map(out) } : {}),
  });
  return out(root);
}
