// marathon_app: an application on Marathon, managed through its REST API v2
// (POST/GET/PUT/DELETE /v2/apps, GET /v2/deployments). Changes are tracked
// until Marathon's deployment finishes. The endpoints are the Marathon
// masters; they are tried in order (any master answers, a non-leader proxies
// to the leader).

import { containsUnknown, deepEqual, isUnknown, UNKNOWN, type Attrs, type Value } from "../../contract/values.js";
import { isPlainObject, projectOnto, toValue } from "../clients/live-projection.js";
import {
  MarathonClient,
  normalizeAppId,
  type MarathonApp,
  type MarathonClientOptions,
  type MarathonTask,
} from "../clients/marathon-client.js";
import type { OperationContext, ResourceType } from "../../contract/resource-type.js";
import { marathonAppErrors } from "../formats/marathon-app-schema.js";
import { optBool, optNumber, stringList } from "./attrs.js";

/** Client options used by the type (tests shorten the poll interval). */
export const marathonClientDefaults: MarathonClientOptions = { requestTimeoutMs: 10_000, pollMs: 200, maxPollMs: 3000 };

/** Inside `definition`, these maps are the user's whole: keys added outside gantry show as drift. */
const WHOLE_MAPS = new Set(["env", "labels"]);
/** Port fields where 0 means "Marathon assigns one": a configured 0 matches any live port. */
const ASSIGNED_PORT_KEYS = new Set(["port", "servicePort", "hostPort"]);

export const marathonAppType: ResourceType = {
  name: "gantry_marathon_app",
  description:
    "An application on Marathon (REST API v2): created, updated and deleted through /v2/apps, each change tracked " +
    "until its deployment finishes.",
  schema: {
    endpoints: {
      kind: "list",
      description:
        "Marathon base URLs (e.g. http://master1:8080), tried in order; the next one is used when one cannot be " +
        "reached.",
      required: true,
    },
    definition: {
      kind: "object",
      description:
        "The app definition JSON as sent to POST /v2/apps (id, cmd or container, instances, cpus, mem, ...). A " +
        "change of `id` replaces the app. Only the fields set here are compared with the live app.",
      required: true,
    },
    wait_for_deployment: {
      kind: "bool",
      description: "Wait until Marathon's deployment of a change has finished.",
      default: true,
    },
    deployment_timeout_seconds: {
      kind: "number",
      description:
        "How long to wait for a deployment, and how long to retry while the app is locked by another deployment.",
      default: 300,
    },
    force: {
      kind: "bool",
      description:
        "When the app is still locked by another deployment after deployment_timeout_seconds: update with PUT " +
        "?force=true, delete after cancelling the locking deployment(s) (DELETE /v2/deployments/{id}?force=true).",
      default: false,
    },
    version: { kind: "string", description: "The app's version (timestamp) in Marathon.", computed: true },
    deployment_id: {
      kind: "string",
      description: "Id of the deployment started by the last change (null when nothing was deployed).",
      computed: true,
    },
    tasks: { kind: "list", description: "Running tasks: [{host, ports, state}].", computed: true },
  },

  validate(config) {
    const errs: { attribute: string; message: string }[] = [];
    const eps = config.endpoints;
    if (Array.isArray(eps)) {
      if (eps.length === 0) errs.push({ attribute: "endpoints", message: "needs at least one Marathon base URL" });
      eps.forEach((e, i) => {
        if (isUnknown(e)) return;
        if (typeof e !== "string" || !/^https?:\/\/[^/]/.test(e)) {
          errs.push({
            attribute: "endpoints",
            message: `endpoints[${i}] must be an http(s) URL (got ${JSON.stringify(e)})`,
          });
        }
      });
    }
    const def = config.definition;
    if (def !== undefined && def !== null && !isUnknown(def)) {
      if (!isPlainObject(def)) {
        errs.push({ attribute: "definition", message: "must be an object (the Marathon app JSON)" });
      } else {
        const id = def.id;
        if (id === undefined || id === null)
          errs.push({ attribute: "definition", message: 'must have an "id" (e.g. "/web")' });
        else if (!isUnknown(id) && (typeof id !== "string" || normalizeAppId(id) === "/")) {
          errs.push({
            attribute: "definition",
            message: `"id" must be a non-empty string (got ${JSON.stringify(id)})`,
          });
        }
        // Full validation against Marathon's AppDefinition JSON schema (v1.1.1), by
        // provider/formats/marathon-app-schema.ts; only once nothing in it is unknown.
        if (!containsUnknown(def)) {
          for (const p of marathonAppErrors(def)) {
            if (p.path === "/id" && errs.some((e) => e.attribute === "definition")) continue; // reported above
            errs.push({ attribute: "definition", message: `${p.path || "/"}: ${p.message}` });
          }
        }
      }
    }
    const t = config.deployment_timeout_seconds;
    if (typeof t === "number" && !(t > 0))
      errs.push({ attribute: "deployment_timeout_seconds", message: `must be positive (got ${t})` });
    return errs;
  },

  planChange(prior, config) {
    const planned: Attrs = { ...config };
    const requiresReplace: string[] = [];
    if (prior === null) {
      planned.version = UNKNOWN;
      planned.deployment_id = UNKNOWN;
      planned.tasks = UNKNOWN;
      return { planned };
    }
    const before = prior.definition;
    const after = config.definition;
    if (!deepEqual(before ?? null, after ?? null)) {
      const idBefore = isPlainObject(before) ? before.id : undefined;
      const idAfter = isPlainObject(after) ? after.id : undefined;
      if (
        isUnknown(idAfter) ||
        (typeof idBefore === "string" &&
          typeof idAfter === "string" &&
          normalizeAppId(idBefore) !== normalizeAppId(idAfter))
      ) {
        requiresReplace.push("definition");
      }
      planned.version = UNKNOWN;
      planned.deployment_id = UNKNOWN;
      planned.tasks = UNKNOWN;
    }
    return { planned, requiresReplace };
  },

  async create(ctx, planned) {
    const client = clientOf(planned);
    const def = definitionOf(planned);
    const id = def.id as string;
    const timeoutMs = timeoutOf(planned);
    const created = await client.createApp(def, ctx.signal);
    let deploymentIds: string[];
    if (created.outcome === "created") {
      ctx.log(`created Marathon app ${normalizeAppId(id)}${created.location ? ` at ${created.location}` : ""}`);
      deploymentIds = created.deploymentIds;
    } else {
      // 409 "already exists": adopt it, changing it only when it differs.
      const live = await client.getApp(id, { signal: ctx.signal });
      if (live === null)
        throw new Error(`Marathon: POST /v2/apps answered 409 for ${normalizeAppId(id)} but GET answers 404`);
      const projected = projectApp(def, live);
      if (deepEqual(projected, def)) {
        ctx.log(`adopted existing Marathon app ${normalizeAppId(id)} (already as configured)`);
        deploymentIds = deploymentIdsOfApp(live);
      } else {
        ctx.log(`Marathon app ${normalizeAppId(id)} already exists; updating it to the configuration`);
        const r = await putWithRetry(ctx, client, planned, def);
        deploymentIds = r.deploymentId ? [r.deploymentId] : [];
      }
    }
    await track(ctx, client, planned, deploymentIds, timeoutMs);
    return await refreshed(ctx, client, planned, deploymentIds[0] ?? null);
  },

  async read(ctx, prior) {
    const client = clientOf(prior);
    const def = definitionOf(prior);
    const live = await client.getApp(def.id as string, { embedTasks: true, signal: ctx.signal });
    if (live === null) return null;
    const tasks = await tasksOf(client, def.id as string, live, ctx.signal);
    return {
      ...prior,
      definition: projectApp(def, live),
      version: typeof live.version === "string" ? live.version : (prior.version ?? null),
      tasks,
    };
  },

  async update(ctx, prior, planned) {
    const client = clientOf(planned);
    const def = definitionOf(planned);
    if (deepEqual(prior.definition ?? null, def)) {
      // Only gantry-side settings changed (endpoints, timeouts, force): nothing to send.
      return {
        ...planned,
        version: prior.version ?? null,
        deployment_id: prior.deployment_id ?? null,
        tasks: prior.tasks ?? [],
      };
    }
    const r = await putWithRetry(ctx, client, planned, def);
    ctx.log(
      `updated Marathon ` +
        `app ${normalizeAppId(def.id as string)}${r.deploymentId ? ` (deployment ${r.deploymentId})` : ""}`,
    );
    await track(ctx, client, planned, r.deploymentId ? [r.deploymentId] : [], timeoutOf(planned));
    return await refreshed(ctx, client, planned, r.deploymentId);
  },

  async delete(ctx, prior) {
    const client = clientOf(prior);
    const id = definitionOf(prior).id as string;
    const timeoutMs = timeoutOf(prior);
    const force = optBool(prior, "force") ?? false;
    const del = () => client.deleteApp(id, ctx.signal);
    const r = await client.retryWhileLocked(del, {
      timeoutMs,
      signal: ctx.signal,
      onLocked: (e) =>
        ctx.log(
          `Marathon app ${normalizeAppId(id)} is locked by deployment(s) ${e.deploymentIds.join(", ")}; retrying`,
        ),
      // The documented DELETE /v2/apps/{id} takes no force parameter (reference: query_params []);
      // force cancels the locking deployments instead (DELETE /v2/deployments/{id}?force=true), then deletes.
      onTimeout: force
        ? async (e) => {
            for (const d of e.deploymentIds) {
              ctx.warn(`force: cancelling Marathon deployment ${d} that locks ${normalizeAppId(id)}`);
              await client.cancelDeployment(d, { force: true, signal: ctx.signal });
            }
            return await del();
          }
        : undefined,
    });
    if (r === null) {
      ctx.log(`Marathon app ${normalizeAppId(id)} was already gone`);
      return;
    }
    ctx.log(`deleting Marathon app ${normalizeAppId(id)}${r.deploymentId ? ` (deployment ${r.deploymentId})` : ""}`);
    await track(ctx, client, prior, r.deploymentId ? [r.deploymentId] : [], timeoutMs);
  },
};

function clientOf(attrs: Attrs): MarathonClient {
  return new MarathonClient(stringList(attrs, "endpoints"), marathonClientDefaults);
}

function definitionOf(attrs: Attrs): MarathonApp {
  const def = attrs.definition;
  if (!isPlainObject(def)) throw new Error('attribute "definition" must be an object (the Marathon app JSON)');
  if (typeof def.id !== "string" || def.id === "") throw new Error('attribute "definition" must have an "id"');
  return def as MarathonApp;
}

function timeoutOf(attrs: Attrs): number {
  return (optNumber(attrs, "deployment_timeout_seconds") ?? 300) * 1000;
}

async function putWithRetry(ctx: OperationContext, client: MarathonClient, attrs: Attrs, def: MarathonApp) {
  const id = def.id as string;
  const force = optBool(attrs, "force") ?? false;
  return await client.retryWhileLocked(() => client.updateApp(id, def, { signal: ctx.signal }), {
    timeoutMs: timeoutOf(attrs),
    signal: ctx.signal,
    onLocked: (e) =>
      ctx.log(`Marathon app ${normalizeAppId(id)} is locked by deployment(s) ${e.deploymentIds.join(", ")}; retrying`),
    onTimeout: force
      ? async (e) => {
          ctx.warn(
            `force: updating Marathon app ${normalizeAppId(id)} with ?force=true over ` +
              `deployment(s) ${e.deploymentIds.join(", ")}`,
          );
          return await client.updateApp(id, def, { force: true, signal: ctx.signal });
        }
      : undefined,
  });
}

async function track(
  ctx: OperationContext,
  client: MarathonClient,
  attrs: Attrs,
  ids: string[],
  timeoutMs: number,
): Promise<void> {
  if (ids.length === 0 || !(optBool(attrs, "wait_for_deployment") ?? true)) return;
  await client.waitForDeployments(ids, {
    timeoutMs,
    signal: ctx.signal,
    onWait: () => ctx.log(`waiting for Marathon deployment ${ids.join(", ")}`),
  });
  ctx.log(`Marathon deployment ${ids.join(", ")} finished`);
}

async function refreshed(
  ctx: OperationContext,
  client: MarathonClient,
  planned: Attrs,
  deploymentId: string | null,
): Promise<Attrs> {
  const def = definitionOf(planned);
  const live = await client.getApp(def.id as string, { embedTasks: true, signal: ctx.signal });
  if (live === null)
    throw new Error(`Marathon app ${normalizeAppId(def.id as string)} is not there after the change (GET answers 404)`);
  return {
    ...planned,
    version: typeof live.version === "string" ? live.version : null,
    deployment_id: deploymentId,
    tasks: await tasksOf(client, def.id as string, live, ctx.signal),
  };
}

/** Tasks as {host, ports, state}, from the embedded list or GET /v2/apps/{id}/tasks. */
async function tasksOf(client: MarathonClient, id: string, live: MarathonApp, signal: AbortSignal): Promise<Value> {
  const list: MarathonTask[] = Array.isArray(live.tasks)
    ? (live.tasks as unknown as MarathonTask[])
    : ((await client.getAppTasks(id, signal)) ?? []);
  return list.map((t) => ({
    host: typeof t.host === "string" ? t.host : null,
    ports: Array.isArray(t.ports) ? toValue(t.ports) : [],
    // Marathon 1.1.1 task JSON has no state; a task with startedAt is running.
    state: typeof t.state === "string" ? t.state : t.startedAt ? "TASK_RUNNING" : "TASK_STAGING",
  }));
}

function deploymentIdsOfApp(app: MarathonApp): string[] {
  const ds = app.deployments;
  if (!Array.isArray(ds)) return [];
  return ds
    .map((d) => (isPlainObject(d) && typeof d.id === "string" ? d.id : null))
    .filter((x): x is string => x !== null);
}

/**
 * The live app mapped onto the configured definition's keys, so Marathon's
 * defaults (and fields it adds: version, tasksRunning, ...) are not drift while
 * a change of any configured field is:
 * - `id` in the configured spelling when it names the same app ("web" = "/web");
 * - `env` and `labels` whole (keys added outside gantry are drift);
 * - `ports` / `uris` derived from `portDefinitions` / `fetch` when Marathon returns only those;
 * - port 0 ("assign one") matches any assigned port;
 * - `dependencies` in the configured spelling when they name the same apps.
 */
export function projectApp(def: MarathonApp, live: MarathonApp): Value {
  const liveView: Record<string, unknown> = { ...live };
  if (!Array.isArray(liveView.ports) && Array.isArray(live.portDefinitions)) {
    liveView.ports = live.portDefinitions.map((p) => (isPlainObject(p) ? (p.port ?? null) : null));
  }
  if (!Array.isArray(liveView.uris) && Array.isArray(live.fetch)) {
    liveView.uris = live.fetch.map((f) => (isPlainObject(f) ? (f.uri ?? null) : null));
  }
  const appId = typeof def.id === "string" ? def.id : "/";
  return projectOnto(def as Value, liveView, {
    whole: WHOLE_MAPS,
    special(path, key, configured, liveValue) {
      if (path === "id" && typeof configured === "string" && typeof liveValue === "string") {
        return normalizeAppId(configured) === normalizeAppId(liveValue) ? configured : liveValue;
      }
      if (path === "ports" && Array.isArray(configured) && Array.isArray(liveValue)) {
        return liveValue.map((p, i) => (configured[i] === 0 && typeof p === "number" ? 0 : toValue(p)));
      }
      if (path === "dependencies" && Array.isArray(configured) && Array.isArray(liveValue)) {
        const same =
          configured.length === liveValue.length &&
          configured.every(
            (c, i) =>
              typeof c === "string" &&
              typeof liveValue[i] === "string" &&
              resolveAppId(c, appId) === resolveAppId(liveValue[i] as string, appId),
          );
        return same ? configured : toValue(liveValue);
      }
      if (ASSIGNED_PORT_KEYS.has(key) && configured === 0 && typeof liveValue === "number") return 0;
      return undefined;
    },
  });
}

/** An app id as Marathon resolves it: relative ids ("db", "../db") against the app's group. */
export function resolveAppId(id: string, appId: string): string {
  if (id.startsWith("/")) return normalizeAppId(id);
  const parts = normalizeAppId(appId).split("/").filter(Boolean).slice(0, -1);
  for (const seg of id.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join("/")}`;
}
