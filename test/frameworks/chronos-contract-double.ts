// A contract double of Chronos' job API: an in-process HTTP server
// (node:http on 127.0.0.1) serving the documented job endpoints
// (shared/reference/chronos-flags.json `api.endpoints`) below a prefix:
// "/v1" like Chronos 3, or "" like Chronos 2. Requests below another prefix
// get 404. `ROUTES` lists what it implements (paths as in the reference,
// without the prefix); the tests compare them with the reference.
//
// Search answers like the code (200 with a JSON list of jobs whose name
// contains the string); `searchStatus: 204` makes it answer like the doc
// (204, no body).

import type * as http from "node:http";
import { HttpDouble, type RecordedRequest } from "./http-double.js";

export interface RouteSpec {
  method: string;
  /** Path below the prefix ("/scheduler/iso8601"). */
  path: string;
  status: number;
  queryParams: string[];
}

export const ROUTES: RouteSpec[] = [
  { method: "POST", path: "/scheduler/iso8601", status: 204, queryParams: [] },
  { method: "POST", path: "/scheduler/dependency", status: 204, queryParams: [] },
  { method: "GET", path: "/scheduler/jobs", status: 200, queryParams: [] },
  // the code's status; the doc says 204 (see the reference note)
  {
    method: "GET",
    path: "/scheduler/jobs/search",
    status: 200,
    queryParams: ["name", "command", "any", "limit", "offset"],
  },
  { method: "DELETE", path: "/scheduler/job/{jobName}", status: 204, queryParams: [] },
];

type Job = Record<string, unknown> & { name: string };

/** What Chronos fills in for fields a posted job leaves out (Jobs.scala defaults, reference job_fields). */
function withDefaults(job: Record<string, unknown>): Record<string, unknown> {
  return {
    description: "",
    command: "",
    arguments: [],
    shell: true,
    executor: "",
    executorFlags: "",
    taskInfoData: "",
    retries: 2,
    owner: "",
    ownerName: "",
    successCount: 0,
    errorCount: 0,
    lastSuccess: "",
    lastError: "",
    cpus: 0.1,
    disk: 256,
    mem: 128,
    disabled: false,
    softError: false,
    dataProcessingJobType: false,
    errorsSinceLastSuccess: 0,
    fetch: [],
    uris: [],
    environmentVariables: [],
    highPriority: false,
    runAsUser: "root",
    concurrent: false,
    constraints: [],
    ...job,
  };
}

export class ChronosDouble extends HttpDouble {
  readonly jobs = new Map<string, Job>();
  readonly prefix: string;
  searchStatus: 200 | 204;

  constructor(opts: { prefix?: string; searchStatus?: 200 | 204 } = {}) {
    super();
    this.prefix = opts.prefix ?? "/v1";
    this.searchStatus = opts.searchStatus ?? 200;
  }

  tamper(name: string, patch: Record<string, unknown>): void {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job ${name}`);
    Object.assign(job, patch);
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { url, query, body, method } = await this.readRequest(req);
    const send = (status: number, payload?: unknown) => {
      this.requests.push({ method, path: url.pathname, query, status, body });
      const text = payload === undefined ? "" : typeof payload === "string" ? payload : JSON.stringify(payload);
      res.writeHead(status, text && typeof payload !== "string" ? { "Content-Type": "application/json" } : {});
      res.end(text);
    };
    if (!url.pathname.startsWith(`${this.prefix}/scheduler/`)) return send(404, "Not Found");
    const rest = url.pathname.slice(this.prefix.length);
    const route = matchRoute(method, rest);
    if (!route) return send(404, "Not Found");
    const unknownParams = Object.keys(query).filter((q) => !route.spec.queryParams.includes(q));
    if (unknownParams.length) return send(400, `undocumented query parameter(s) ${unknownParams.join(", ")}`);

    switch (`${route.spec.method} ${route.spec.path}`) {
      case "POST /scheduler/iso8601":
      case "POST /scheduler/dependency": {
        const job = body as Record<string, unknown> | undefined;
        if (!job || typeof job.name !== "string" || !/^[\w.-]+$/.test(job.name))
          return send(400, "job name missing or invalid");
        const dependent = route.spec.path.endsWith("dependency");
        if (dependent) {
          if (!Array.isArray(job.parents) || job.parents.length === 0) return send(400, "dependent job needs parents");
          const missing = (job.parents as string[]).filter((p) => !this.jobs.has(p));
          if (missing.length) return send(400, `parent(s) not found: ${missing.join(", ")}`);
          delete job.schedule;
        } else {
          if (typeof job.schedule !== "string") return send(400, "scheduled job needs a schedule");
          delete job.parents;
        }
        const prior = this.jobs.get(job.name);
        const stored = withDefaults({ ...job }) as Job;
        if (prior) for (const k of ["successCount", "errorCount", "lastSuccess", "lastError"]) stored[k] = prior[k];
        // Chronos does not store the doc's `dataJob`: the code reads dataProcessingJobType only.
        delete stored.dataJob;
        // nor epsilon/async (not read by JobDeserializer at the reference commit)
        delete stored.epsilon;
        delete stored.async;
        this.jobs.set(job.name, stored);
        return send(204);
      }
      case "GET /scheduler/jobs":
        return send(200, [...this.jobs.values()]);
      case "GET /scheduler/jobs/search": {
        if (this.searchStatus === 204) return send(204);
        const needle = (query.name ?? "").toLowerCase();
        return send(
          200,
          [...this.jobs.values()].filter((j) => j.name.toLowerCase().includes(needle)),
        );
      }
      case "DELETE /scheduler/job/{jobName}": {
        const name = decodeURIComponent(route.params.jobName!);
        if (!this.jobs.has(name)) return send(400, `job ${name} not found`);
        this.jobs.delete(name);
        return send(204);
      }
    }
    return send(500, "unhandled");
  }
}

export function matchRoute(
  method: string,
  pathname: string,
): { spec: RouteSpec; params: Record<string, string> } | null {
  for (const spec of ROUTES) {
    if (spec.method !== method) continue;
    const names: string[] = [];
    const pattern = spec.path.replace(/\{(\w+)\}/g, (_m, n: string) => {
      names.push(n);
      return "([^/]+)";
    });
    const m = new RegExp(`^${pattern}$`).exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    names.forEach((n, i) => (params[n] = m[i + 1]!));
    return { spec, params };
  }
  return null;
}

export type { RecordedRequest };
