// `gantry import ADDRESS ID`, as `terraform import` does it: the resource
// must be declared in the configuration and have no object in state yet;
// the object the id names is read through the type's import hook (planned
// like an import block, with the configuration's values) and recorded in
// state at once. Nothing on the hosts changes.

import { GantryError } from "../contract/diagnostics.js";
import { instanceAddress, parseAddress } from "../planner/addresses.js";
import { plan } from "../planner/plan.js";
import type { InstanceState } from "../planner/state.js";
import { loadConfiguration } from "./configuration.js";
import type { EngineContext } from "./engine-context.js";
import type { EventSink } from "./events.js";
import type { Workspace } from "./workspace.js";

export async function importObject(
  engine: EngineContext,
  ws: Workspace,
  address: string,
  id: string,
  opts: { lockTimeoutMs?: number; onEvent?: EventSink } = {},
): Promise<InstanceState> {
  const emit = opts.onEvent ?? (() => {});
  const p = parseAddress(address);
  if (!p)
    throw new GantryError({
      severity: "error",
      summary: "Invalid address",
      detail:
        `"${address}" is not a resource instance address such as gantry_noop.a, gantry_noop.a[0] or ` +
        'gantry_noop.a["k"].',
    });
  const target = instanceAddress(p.resourceKey, p.key);
  const lease = await ws.state.lock("import", opts.lockTimeoutMs ?? 0);
  try {
    const state = await ws.state.read();
    emit({ type: "configuration", dir: ws.dir });
    const { config, variables } = await loadConfiguration(ws, state);
    emit({ type: "configuration", dir: ws.dir, files: config.files });
    if (state.instances.has(target))
      throw new GantryError({
        severity: "error",
        summary: "Resource already managed by gantry",
        detail:
          `gantry is already managing a remote object for ${target}. To import to this address you must first ` +
          "remove the existing object from the state.",
      });
    const r = config.resources.get(p.resourceKey);
    if (!r)
      throw new GantryError({
        severity: "error",
        summary: "Configuration for import target does not exist",
        detail:
          `resource address "${target}" does not exist in the configuration.\n\nBefore importing this resource, ` +
          `please create its configuration. For example:\n\nresource "${p.type}" "${p.name}" {\n  # (resource ` +
          "arguments)\n}",
      });
    const type = engine.resolveType(r.type);
    if (type && !type.import)
      throw new GantryError({
        severity: "error",
        summary: "Resource Import Not Implemented",
        detail: `The resource type "${r.type}" does not support import.`,
      });
    const planned = await plan({
      config: { ...config, imports: [{ to: target, id: { k: "lit", v: id }, origin: r.origin }] },
      state,
      types: engine.resolveType,
      dataSources: engine.resolveDataSource,
      knownTypes: engine.types.names(),
      variables,
      refresh: false,
      targets: [target],
      dataDir: ws.dataDir,
      stackName: ws.stackName,
      hosts: engine.hosts,
      attributeChecker: engine.attributeChecker,
    });
    const imported = planned.priorState.instances.get(target);
    if (!imported) throw new GantryError(`${target} was not imported`);
    state.instances.set(target, imported);
    const w = ws.state.writer(state);
    w.touch();
    await w.flush();
    return imported;
  } finally {
    await lease.release();
  }
}
