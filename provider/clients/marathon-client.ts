// Client for Marathon's REST API v2 (documented at v1.1.1: docs/docs/rest-api.md;
// facts in shared/reference/marathon-flags.json `rest_endpoints`).
//
// Calls used (method, path, success status):
//   POST   /v2/apps                    201 (Location header; body: the app with `deployments: [{id}]`);
//                                      409 when the id exists
//   GET    /v2/apps/{appId}?embed=...  200; 404 for an unknown app
//   GET    /v2/apps/{appId}/tasks      200 ({tasks: [...]})
//   PUT    /v2/apps/{appId}?force=     200 ({deploymentId, version}); 409 when locked by a deployment
//   DELETE /v2/apps/{appId}            200 ({deploymentId, version}); 404 for an unknown app; 409 when locked
//   GET    /v2/deployments             200 (running deployments)
//   DELETE /v2/deployments/{id}?force= 200 (rollback started) / 202 with force=true (just removed)

import { EndpointPool, HttpStatusError, messageOf, sleep, type EndpointResponse } from "./endpoint-pool.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type MarathonApp = { [k: string]: Json };

export interface MarathonTask {
  id?: string;
  host?: string;
  ports?: number[];
  state?: string;
  startedAt?: string | null;
  stagedAt?: string | null;
  [k: string]: unknown;
}

export interface MarathonDeployment {
  id: string;
  affectedApps?: string[];
  currentActions?: { action?: string; app?: string }[];
  [k: string]: unknown;
}

export interface MarathonClientOptions {
  /** Per-request timeout in ms (default 10000). */
  requestTimeoutMs?: number;
  /** First poll interval for deployments and lock retries in ms (default 200); grows ×1.5 up to maxPollMs. */
  pollMs?: number;
  /** Longest poll interval in ms (default 3000). */
  maxPollMs?: number;
}

/** 409: the app is locked by running deployments (PUT/DELETE without force). */
export class MarathonLockedError extends Error {
  readonly deploymentIds: string[];
  constructor(res: EndpointResponse, deploymentIds: string[]) {
    super(`Marathon: ${res.method} ${res.url} answered 409: ${messageOf(res)}`);
    this.name = "MarathonLockedError";
    this.deploymentIds = deploymentIds;
  }
}

export interface CreateResult {
  /** "created": 201; "exists": 409, an app with this id already exists. */
  outcome: "created" | "exists";
  app?: MarathonApp;
  /** Location header of the 201. */
  location?: string;
  deploymentIds: string[];
  version?: string;
}

export interface ChangeResult {
  deploymentId: string | null;
  version: string | null;
}

/** "/group/app" or "group/app" → "/group/app". */
export function normalizeAppId(id: string): string {
  return `/${id.replace(/^\/+/, "").replace(/\/+$/, "")}`;
}

/** Path of an app below /v2/apps: each id segment URL-encoded. */
export function appPath(id: string): string {
  return (
    "/v2/apps" +
    normalizeAppId(id)
      .split("/")
      .map((s) => encodeURIComponent(s))
      .join("/")
  );
}

export class MarathonClient {
  readonly pool: EndpointPool;
  readonly pollMs: number;
  readonly maxPollMs: number;

  constructor(endpoints: string[], opts: MarathonClientOptions = {}) {
    this.pool = new EndpointPool(endpoints, { service: "Marathon", timeoutMs: opts.requestTimeoutMs });
    this.pollMs = opts.pollMs ?? 200;
    this.maxPollMs = opts.maxPollMs ?? 3000;
  }

  /** POST /v2/apps. 201 → created (deployments from the body); 409 "already exists" → outcome "exists". */
  async createApp(def: MarathonApp, signal?: AbortSignal): Promise<CreateResult> {
    const res = await this.pool.request({ method: "POST", path: "/v2/apps", body: def, signal });
    if (res.status === 201) {
      const app = (res.json ?? {}) as MarathonApp;
      return {
        outcome: "created",
        app,
        location: res.headers.get("location") ?? undefined,
        deploymentIds: deploymentIdsOf(app.deployments),
        version: typeof app.version === "string" ? app.version : undefined,
      };
    }
    if (res.status === 409) {
      const locking = deploymentIdsOf((res.json as { deployments?: unknown } | undefined)?.deployments);
      if (locking.length) throw new MarathonLockedError(res, locking);
      return { outcome: "exists", deploymentIds: [] };
    }
    throw new HttpStatusError("Marathon", res, "201 Created");
  }

  /** GET /v2/apps/{id} (with embedded tasks when asked); null on 404. */
  async getApp(id: string, opts: { embedTasks?: boolean; signal?: AbortSignal } = {}): Promise<MarathonApp | null> {
    const res = await this.pool.request({
      method: "GET",
      path: appPath(id),
      query: opts.embedTasks ? { embed: "apps.tasks" } : undefined,
      signal: opts.signal,
    });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new HttpStatusError("Marathon", res, "200");
    const app = (res.json as { app?: unknown } | undefined)?.app;
    if (!app || typeof app !== "object" || Array.isArray(app))
      throw new Error(`Marathon: GET ${res.url} answered 200 without an "app" object`);
    return app as MarathonApp;
  }

  /** GET /v2/apps/{id}/tasks; null on 404. */
  async getAppTasks(id: string, signal?: AbortSignal): Promise<MarathonTask[] | null> {
    const res = await this.pool.request({ method: "GET", path: `${appPath(id)}/tasks`, signal });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new HttpStatusError("Marathon", res, "200");
    const tasks = (res.json as { tasks?: unknown } | undefined)?.tasks;
    return Array.isArray(tasks) ? (tasks as MarathonTask[]) : [];
  }

  /** PUT /v2/apps/{id}[?force=true]. Throws MarathonLockedError on 409. */
  async updateApp(
    id: string,
    def: MarathonApp,
    opts: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<ChangeResult> {
    const res = await this.pool.request({
      method: "PUT",
      path: appPath(id),
      query: opts.force ? { force: "true" } : undefined,
      body: def,
      signal: opts.signal,
    });
    if (res.status === 409)
      throw new MarathonLockedError(
        res,
        deploymentIdsOf((res.json as { deployments?: unknown } | undefined)?.deployments),
      );
    // 201 is what Marathon answers when PUT creates a missing app; accept it too.
    if (res.status !== 200 && res.status !== 201) throw new HttpStatusError("Marathon", res, "200");
    return changeResultOf(res.json);
  }

  /** DELETE /v2/apps/{id}; null when the app is unknown (404). Throws MarathonLockedError on 409. */
  async deleteApp(id: string, signal?: AbortSignal): Promise<ChangeResult | null> {
    const res = await this.pool.request({ method: "DELETE", path: appPath(id), signal });
    if (res.status === 404) return null;
    if (res.status === 409)
      throw new MarathonLockedError(
        res,
        deploymentIdsOf((res.json as { deployments?: unknown } | undefined)?.deployments),
      );
    if (res.status !== 200) throw new HttpStatusError("Marathon", res, "200");
    return changeResultOf(res.json);
  }

  /** GET /v2/deployments: the running deployments. */
  async listDeployments(signal?: AbortSignal): Promise<MarathonDeployment[]> {
    const res = await this.pool.request({ method: "GET", path: "/v2/deployments", signal });
    if (res.status !== 200) throw new HttpStatusError("Marathon", res, "200");
    if (!Array.isArray(res.json)) throw new Error(`Marathon: GET ${res.url} did not answer a JSON list`);
    return res.json as MarathonDeployment[];
  }

  /** DELETE /v2/deployments/{id}: with force, remove it without rollback (202); false when it is already gone (404). */
  async cancelDeployment(id: string, opts: { force?: boolean; signal?: AbortSignal } = {}): Promise<boolean> {
    const res = await this.pool.request({
      method: "DELETE",
      path: `/v2/deployments/${encodeURIComponent(id)}`,
      query: opts.force ? { force: "true" } : undefined,
      signal: opts.signal,
    });
    if (res.status === 404) return false;
    if (res.status !== 200 && res.status !== 202)
      throw new HttpStatusError("Marathon", res, opts.force ? "202" : "200");
    return true;
  }

  /**
   * Polls GET /v2/deployments until none of `ids` is listed any more, with
   * backoff, bounded by `timeoutMs`. Throws on timeout naming the deployments
   * and what they were doing.
   */
  async waitForDeployments(
    ids: string[],
    opts: { timeoutMs: number; signal?: AbortSignal; onWait?: (running: MarathonDeployment[]) => void },
  ): Promise<void> {
    if (ids.length === 0) return;
    const deadline = Date.now() + opts.timeoutMs;
    let delay = this.pollMs;
    let announced = false;
    for (;;) {
      const running = (await this.listDeployments(opts.signal)).filter((d) => ids.includes(d.id));
      if (running.length === 0) return;
      if (!announced) {
        opts.onWait?.(running);
        announced = true;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `Marathon: deployment(s) ${running.map((d) => d.id).join(", ")} still running ` +
            `after ${Math.round(opts.timeoutMs / 1000)} s` +
            describeActions(running),
        );
      }
      await sleep(Math.min(delay, left), opts.signal);
      delay = Math.min(delay * 1.5, this.maxPollMs);
    }
  }

  /**
   * Runs a PUT/DELETE, retrying with backoff while Marathon answers 409
   * "locked by deployment", until `timeoutMs`. Then, when `onTimeout` is
   * given (force), runs it; else throws the last lock error with a hint.
   */
  async retryWhileLocked<T>(
    op: () => Promise<T>,
    opts: {
      timeoutMs: number;
      signal?: AbortSignal;
      onLocked?: (e: MarathonLockedError) => void;
      onTimeout?: (e: MarathonLockedError) => Promise<T>;
    },
  ): Promise<T> {
    const deadline = Date.now() + opts.timeoutMs;
    let delay = this.pollMs;
    let announced = false;
    for (;;) {
      try {
        return await op();
      } catch (e) {
        if (!(e instanceof MarathonLockedError)) throw e;
        if (!announced) {
          opts.onLocked?.(e);
          announced = true;
        }
        const left = deadline - Date.now();
        if (left <= 0) {
          if (opts.onTimeout) return await opts.onTimeout(e);
          throw new Error(
            `${e.message} — still locked after ${Math.round(opts.timeoutMs / 1000)} s; ` +
              `set force = true to override the deployment(s) ${e.deploymentIds.join(", ")}`,
          );
        }
        await sleep(Math.min(delay, left), opts.signal);
        delay = Math.min(delay * 1.5, this.maxPollMs);
      }
    }
  }
}

function deploymentIdsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((d) => (d && typeof d === "object" ? (d as { id?: unknown }).id : d))
    .filter((x): x is string => typeof x === "string");
}

function changeResultOf(v: unknown): ChangeResult {
  const o = (v ?? {}) as { deploymentId?: unknown; version?: unknown };
  return {
    deploymentId: typeof o.deploymentId === "string" ? o.deploymentId : null,
    version: typeof o.version === "string" ? o.version : null,
  };
}

function describeActions(ds: MarathonDeployment[]): string {
  const acts = ds.flatMap((d) =>
    (Array.isArray(d.currentActions) ? d.currentActions : []).map((a) => `${a.action ?? "?"} ${a.app ?? ""}`.trim()),
  );
  return acts.length ? ` (current actions: ${acts.join(", ")})` : "";
}
