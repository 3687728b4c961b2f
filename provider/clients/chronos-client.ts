// Client for Chronos' job API (docs/docs/api.md at mesos/chronos c1348ddf,
// Chronos 3; facts in shared/reference/chronos-flags.json `api.endpoints`).
//
// All documented paths are below "/v1/scheduler" (Chronos 3). Chronos 2.x
// serves the same resources without "/v1" ("/scheduler/..."), so the prefix is
// a setting: "/v1" (default) or "".
//
// Calls used (method, path, documented success status):
//   POST   {prefix}/scheduler/iso8601              204  create/update a scheduled job
//   POST   {prefix}/scheduler/dependency           204  create/update a dependent job (parents)
//   GET    {prefix}/scheduler/jobs/search?name=    204 in the doc; the code answers 200 with a JSON list
//   GET    {prefix}/scheduler/jobs                 200  JSON list of all jobs (fallback for search)
//   DELETE {prefix}/scheduler/job/{jobName}        204

import { EndpointPool, HttpStatusError, type EndpointResponse } from "./endpoint-pool.js";

export type ChronosJob = { [k: string]: unknown } & { name: string };

export interface ChronosClientOptions {
  /** "/v1" for Chronos 3 (default), "" for Chronos 2. */
  apiPrefix?: string;
  /** Per-request timeout in ms (default 10000). */
  requestTimeoutMs?: number;
}

export const DEFAULT_CHRONOS_PREFIX = "/v1";

/** "v1", "/v1/", "/" → "/v1", "/v1", "". */
export function normalizePrefix(p: string): string {
  const t = p.trim().replace(/^\/+|\/+$/g, "");
  return t === "" ? "" : `/${t}`;
}

/** True for a job with a non-empty `parents` list (goes to /scheduler/dependency). */
export function isDependentJob(job: { [k: string]: unknown }): boolean {
  return Array.isArray(job.parents) && job.parents.length > 0;
}

export class ChronosClient {
  readonly pool: EndpointPool;
  readonly prefix: string;

  constructor(endpoints: string[], opts: ChronosClientOptions = {}) {
    this.pool = new EndpointPool(endpoints, { service: "Chronos", timeoutMs: opts.requestTimeoutMs });
    this.prefix = normalizePrefix(opts.apiPrefix ?? DEFAULT_CHRONOS_PREFIX);
  }

  private path(p: string): string {
    return `${this.prefix}/scheduler${p}`;
  }

  /**
   * Creates or replaces a job: POST /scheduler/dependency when it has
   * parents, else POST /scheduler/iso8601. Chronos answers 204 (200 is taken
   * too: some versions answer it).
   */
  async saveJob(job: ChronosJob, signal?: AbortSignal): Promise<"iso8601" | "dependency"> {
    const kind = isDependentJob(job) ? "dependency" : "iso8601";
    const res = await this.pool.request({ method: "POST", path: this.path(`/${kind}`), body: job, signal });
    if (res.status !== 204 && res.status !== 200) throw this.statusError(res, "204 No Content");
    return kind;
  }

  /**
   * The job named exactly `name`, or null. Uses GET /scheduler/jobs/search?name=
   * (the code answers 200 with a list of jobs whose name contains the
   * string; the exact name is picked out). When search answers the doc's 204
   * without a body, or 404 (no search resource), falls back to the full list
   * GET /scheduler/jobs.
   */
  async getJob(name: string, signal?: AbortSignal): Promise<ChronosJob | null> {
    const res = await this.pool.request({ method: "GET", path: this.path("/jobs/search"), query: { name }, signal });
    let jobs: unknown[];
    if (res.status === 200 && Array.isArray(res.json)) jobs = res.json;
    else if (res.status === 204 || res.status === 404 || (res.status === 200 && res.text.trim() === ""))
      jobs = await this.listJobs(signal);
    else throw this.statusError(res, "200 with a JSON list");
    const found = jobs.find((j) => j !== null && typeof j === "object" && (j as { name?: unknown }).name === name);
    return (found as ChronosJob | undefined) ?? null;
  }

  /** GET /scheduler/jobs: every job. */
  async listJobs(signal?: AbortSignal): Promise<unknown[]> {
    const res = await this.pool.request({ method: "GET", path: this.path("/jobs"), signal });
    if (res.status !== 200 || !Array.isArray(res.json)) throw this.statusError(res, "200 with a JSON list");
    return res.json;
  }

  /**
   * DELETE /scheduler/job/{name} (204). Returns false when the job was not
   * there: 404, or a 400 after which the job is indeed absent.
   */
  async deleteJob(name: string, signal?: AbortSignal): Promise<boolean> {
    const res: EndpointResponse = await this.pool.request({
      method: "DELETE",
      path: this.path(`/job/${encodeURIComponent(name)}`),
      signal,
    });
    if (res.status === 204 || res.status === 200) return true;
    if (res.status === 404) return false;
    if (res.status === 400 && (await this.getJob(name, signal)) === null) return false;
    throw this.statusError(res, "204 No Content");
  }

  /** An unexpected answer; a 404 says which prefix was used (the usual cause: Chronos 2 vs 3). */
  private statusError(res: EndpointResponse, expected: string): Error {
    const e = new HttpStatusError("Chronos", res, expected);
    if (res.status === 404) {
      e.message +=
        ` — no such resource: check api_prefix (now ${JSON.stringify(this.prefix)}; "/v1" for Chronos 3, ` +
        `"" for Chronos 2)`;
    }
    return e;
  }
}
