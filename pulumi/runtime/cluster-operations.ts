// A Cluster (a blueprint) through the whole engine. A blueprint expands into
// many primitive resources (hosts, files, packages, services, Marathon apps,
// Chronos jobs, HAProxy) that gantry plans and applies in stages with its own
// ordering and rolling upgrades; Pulumi sees one resource. So each operation
// runs the engine on an in-memory workspace: a configuration of the one
// cluster (Terraform JSON, every string literal) and the state of the
// cluster's last apply, which the resource keeps in its secret output
// `gantryState` (no state file; Pulumi's state is the record). diff is the
// engine's plan, create and update its apply, read its refresh-only apply,
// delete its destroy. An apply that fails part-way still hands Pulumi the
// state it reached (its outputs), so nothing applied is forgotten.

import { GantryError } from "../../contract/diagnostics.js";
import { containsUnknown, type Attrs, type Value } from "../../contract/values.js";
import type { ApplyOutcome } from "../../engine/apply-operation.js";
import type { EngineEvent } from "../../engine/events.js";
import { MemoryStateBackend } from "../../engine/memory-state-backend.js";
import type { Workspace } from "../../engine/workspace.js";
import { planHasChanges } from "../../planner/plan.js";
import type { OperationSession } from "./operation-session.js";
import { toPulumiAttrs } from "./property-names.js";
import type { CheckFailure } from "./resource-inputs.js";
import { META_KEY } from "./resource-meta.js";

type Props = Record<string, unknown>;

/** The output keeping the engine's state and the configuration it was applied with (a secret). */
export const STATE_OUTPUT = "gantryState";
/** The in-memory configuration file's name. */
const CONFIG_FILE = "pulumi-cluster.tf.json";

interface KeptState {
  /** The configuration last applied (Terraform JSON text). */
  configuration: string;
  /** The engine's state after it (serialized). */
  state?: string;
}

export async function check(session: OperationSession, attrs: Attrs): Promise<CheckFailure[]> {
  if (containsUnknown(attrs)) return [];
  try {
    await session.engine.validate(workspace(session, configuration(session, attrs), undefined).ws);
    return [];
  } catch (e) {
    if (!(e instanceof GantryError)) throw session.failure("check", e);
    return e.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => ({
        property: "",
        reason: session.redaction.redact(d.detail ? `${d.summary}: ${d.detail}` : d.summary),
      }));
  }
}

export async function diff(
  session: OperationSession,
  configured: Attrs,
  olds: Props,
): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }> {
  // not known yet (a preview): the cluster will change as its inputs do
  if (containsUnknown(configured)) return { changes: true, replaces: [], deleteBeforeReplace: false };
  const kept = keptState(olds);
  const configuration = clusterConfiguration(session, configured);
  const { ws } = workspace(session, configuration, kept?.state);
  const outcome = await session.engine.plan(ws, { onEvent: (e) => logEvent(session, e) });
  // a cluster is never replaced whole: the engine replaces its parts, one batch at a time where rolling; a new
  // configuration that changes nothing on the hosts (a host no node is placed on) is still recorded
  const changes = planHasChanges(outcome.plan) || configuration !== kept?.configuration;
  return { changes, replaces: [], deleteBeforeReplace: false };
}

export async function create(session: OperationSession, configured: Attrs): Promise<{ id: string; outs: Props }> {
  const configuration = clusterConfiguration(session, configured);
  const { ws, backend } = workspace(session, configuration, undefined);
  const outs = await applied(session, "create", configuration, backend, () =>
    session.engine.apply(ws, { onEvent: (e) => logEvent(session, e) }),
  );
  return { id: clusterId(session), outs };
}

export async function read(
  session: OperationSession,
  id: string,
  props: Props,
): Promise<{ id?: string; props?: Props }> {
  const kept = keptState(props);
  if (!kept) throw session.failure("read", new Error("no recorded state to refresh (gantryState output missing)"));
  const { ws, backend } = workspace(session, kept.configuration, kept.state);
  const outs = await applied(session, "refresh", kept.configuration, backend, () =>
    session.engine.refresh(ws, { onEvent: (e) => logEvent(session, e) }),
  );
  return { id, props: outs };
}

export async function update(session: OperationSession, configured: Attrs, olds: Props): Promise<{ outs: Props }> {
  const configuration = clusterConfiguration(session, configured);
  const kept = keptState(olds);
  const { ws, backend } = workspace(session, configuration, kept?.state);
  const outs = await applied(session, "update", configuration, backend, () =>
    session.engine.apply(ws, { onEvent: (e) => logEvent(session, e) }),
  );
  return { outs };
}

export async function remove(session: OperationSession, props: Props): Promise<void> {
  const kept = keptState(props);
  if (!kept?.state) return; // nothing was ever applied
  const { ws, backend } = workspace(session, kept.configuration, kept.state);
  await applied(session, "delete", kept.configuration, backend, () =>
    session.engine.destroy(ws, { onEvent: (e) => logEvent(session, e) }),
  );
}

/** The cluster's instance name in its configuration (its Pulumi name made a gantry name). */
function clusterName(session: OperationSession): string {
  return session.info.name;
}

function clusterId(session: OperationSession): string {
  return clusterName(session);
}

function clusterConfiguration(session: OperationSession, configured: Attrs): string {
  if (containsUnknown(configured)) throw session.failure("apply", new Error("some of its inputs are still unknown"));
  return configuration(session, configured);
}

/** The one-cluster configuration: Terraform JSON whose strings are all literal (`${` and `%{` escaped). */
function configuration(session: OperationSession, attrs: Attrs): string {
  const body: Record<string, Value> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== null) body[k] = literal(v);
  return `${JSON.stringify({ resource: { gantry_cluster: { [clusterName(session)]: body } } }, null, 2)}\n`;
}

function literal(v: Value): Value {
  if (typeof v === "string") return v.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
  if (Array.isArray(v)) return v.map(literal);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literal(x as Value)]));
  }
  return v;
}

function workspace(
  session: OperationSession,
  configuration: string,
  state: string | undefined,
): { ws: Workspace; backend: MemoryStateBackend } {
  const backend = new MemoryStateBackend(state, `state of ${session.address} (kept in its outputs)`);
  const ws = session.engine.workspace({
    dir: session.meta.configDir,
    dataDir: session.meta.dataDir,
    files: [{ path: CONFIG_FILE, content: configuration }],
    state: backend,
    workspaceName: "default",
  });
  return { ws, backend };
}

function keptState(props: Props | undefined): KeptState | undefined {
  const text = props?.[STATE_OUTPUT];
  if (typeof text !== "string" || !text) return undefined;
  try {
    const kept = JSON.parse(text) as Partial<KeptState>;
    return typeof kept.configuration === "string" ? (kept as KeptState) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs an engine operation and makes the resource's outputs of the state it reached: the cluster's record, its
 * endpoints, and the state itself. A failure carries those outputs too (Pulumi keeps them: nothing is lost).
 */
async function applied(
  session: OperationSession,
  what: string,
  configuration: string,
  backend: MemoryStateBackend,
  op: () => Promise<ApplyOutcome>,
): Promise<Props> {
  let failure: unknown;
  let outcome: ApplyOutcome | undefined;
  try {
    outcome = await op();
  } catch (e) {
    failure = e;
  }
  const failed = outcome?.status === "applied" ? outcome.result.failed : [];
  if (!failure && failed.length) {
    failure = new Error(failed.map((f) => `${f.address}: ${f.error}`).join("\n"));
  }
  const outs = clusterOutputs(session, configuration, backend);
  if (failure !== undefined) {
    const err = session.failure(what, failure);
    // Pulumi's "resource initialization failed": the resource is recorded with these outputs
    if (backend.serialized() !== undefined) Object.assign(err, { id: clusterId(session), properties: outs });
    throw err;
  }
  return outs;
}

function clusterOutputs(session: OperationSession, configuration: string, backend: MemoryStateBackend): Props {
  const state = backend.serialized();
  const record = backend.readSync().instances.get(session.address)?.attributes ?? {};
  // the record stage's attributes (the distro in use, placement, ids, tasks, endpoints) over the configuration
  const rest = Object.fromEntries(Object.entries(record).filter(([k, v]) => k !== "id" && v !== null));
  const applied = (JSON.parse(configuration) as { resource: { gantry_cluster: Record<string, Attrs> } }).resource
    .gantry_cluster[clusterName(session)];
  const endpoints = record.endpoints as Record<string, Value> | undefined;
  const routes = Array.isArray(endpoints?.routes) ? (endpoints.routes as Value[]) : [];
  const kept: KeptState = { configuration, ...(state !== undefined && { state }) };
  return {
    ...toPulumiAttrs(session.type.schema, unescaped({ ...applied, ...rest }) as Attrs),
    haproxyUrl: typeof routes[0] === "string" ? routes[0] : null,
    zookeeperConnectString: typeof endpoints?.zookeeper === "string" ? endpoints.zookeeper : null,
    [STATE_OUTPUT]: JSON.stringify(kept),
    [META_KEY]: session.meta,
  };
}

/** The configuration's literal strings as the user wrote them. */
function unescaped(v: Value): Value {
  if (typeof v === "string") return v.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
  if (Array.isArray(v)) return v.map(unescaped);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unescaped(x as Value)]));
  }
  return v;
}

function logEvent(session: OperationSession, e: EngineEvent): void {
  if (e.type === "warnings") for (const d of e.diagnostics) session.log(`warning: ${d.summary}`);
  if (e.type !== "resource") return;
  const ev = e.event;
  if (ev.kind === "log" || ev.kind === "warning") session.log(`${ev.address}: ${ev.message}`);
  else if (ev.kind === "error") session.log(`${ev.address}: ${ev.action} failed: ${ev.error}`);
  else if (ev.kind === "complete") session.log(`${ev.address}: ${ev.action} done`);
}
