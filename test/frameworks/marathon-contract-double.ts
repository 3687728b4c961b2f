// A contract double of Marathon's REST API v2: an in-process HTTP server
// (node:http on 127.0.0.1) that answers the documented calls the way the
// v1.1.1 docs describe them (shared/reference/marathon-flags.json
// `rest_endpoints`): 201 + Location on create, 409 for an existing id, 409
// while an app is locked by a deployment, 404 for unknown apps, deployments
// that live for a while and then finish. `ROUTES` lists every method/path/
// status/query parameter it implements; the tests compare it with the
// reference so the double cannot drift from the documented contract.
// Query parameters that a route does not declare are refused with 400, so a
// client that sends undocumented ones fails the tests.

import type * as http from "node:http";
import { HttpDouble, type RecordedRequest } from "./http-double.js";

export interface RouteSpec {
  method: string;
  /** Path template as in the reference ("/v2/apps/{appId}"). */
  path: string;
  /** The documented success status the double answers. */
  status: number;
  queryParams: string[];
}

export const ROUTES: RouteSpec[] = [
  { method: "POST", path: "/v2/apps", status: 201, queryParams: [] },
  { method: "GET", path: "/v2/apps/{appId}", status: 200, queryParams: ["embed"] },
  { method: "GET", path: "/v2/apps/{appId}/tasks", status: 200, queryParams: [] },
  { method: "PUT", path: "/v2/apps/{appId}", status: 200, queryParams: ["force"] },
  { method: "DELETE", path: "/v2/apps/{appId}", status: 200, queryParams: [] },
  { method: "GET", path: "/v2/deployments", status: 200, queryParams: [] },
  // 200 without force (rollback); force=true answers 202 (reference note).
  { method: "DELETE", path: "/v2/deployments/{deploymentId}", status: 200, queryParams: ["force"] },
  { method: "GET", path: "/ping", status: 200, queryParams: [] },
];

interface Deployment {
  id: string;
  affectedApps: string[];
  action: string;
  version: string;
  finishesAt: number;
}

type App = Record<string, unknown> & { id: string };

let counter = 0;
const newId = () => `${Date.now().toString(16)}-${(++counter).toString(16).padStart(4, "0")}-4000-8000-double`;

/** Fields Marathon fills in when an app definition leaves them out (v1.1.1 AppDefinition defaults). */
function withDefaults(def: Record<string, unknown>): Record<string, unknown> {
  return {
    cmd: null,
    args: null,
    user: null,
    env: {},
    instances: 1,
    cpus: 1,
    mem: 128,
    disk: 0,
    executor: "",
    constraints: [],
    uris: [],
    fetch: [],
    storeUrls: [],
    ports: [0],
    portDefinitions: [{ port: 0, protocol: "tcp", labels: {} }],
    requirePorts: false,
    backoffSeconds: 1,
    backoffFactor: 1.15,
    maxLaunchDelaySeconds: 3600,
    container: null,
    healthChecks: [],
    readinessChecks: [],
    dependencies: [],
    upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
    labels: {},
    acceptedResourceRoles: null,
    ipAddress: null,
    residency: null,
    ...def,
  };
}

export class MarathonDouble extends HttpDouble {
  readonly apps = new Map<string, App>();
  readonly deployments = new Map<string, Deployment>();
  /** How long a deployment lives before it finishes (ms). */
  deploymentMs: number;
  private nextServicePort = 10000;

  constructor(opts: { deploymentMs?: number } = {}) {
    super();
    this.deploymentMs = opts.deploymentMs ?? 150;
  }

  /** A change made outside gantry (e.g. someone scaled the app in the UI). */
  tamper(id: string, patch: Record<string, unknown>): void {
    const app = this.apps.get(normalize(id));
    if (!app) throw new Error(`no app ${id}`);
    Object.assign(app, patch, { version: new Date().toISOString() });
  }

  /** A deployment started by someone else that locks the app for `ms`. */
  lockApp(id: string, ms: number): string {
    const d: Deployment = {
      id: newId(),
      affectedApps: [normalize(id)],
      action: "ScaleApplication",
      version: new Date().toISOString(),
      finishesAt: Date.now() + ms,
    };
    this.deployments.set(d.id, d);
    return d.id;
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, d] of this.deployments) if (d.finishesAt <= now) this.deployments.delete(id);
  }

  private locking(appId: string): Deployment[] {
    this.expire();
    return [...this.deployments.values()].filter((d) => d.affectedApps.includes(appId));
  }

  private deploy(appId: string, action: string): Deployment {
    const d: Deployment = {
      id: newId(),
      affectedApps: [appId],
      action,
      version: new Date().toISOString(),
      finishesAt: Date.now() + this.deploymentMs,
    };
    this.deployments.set(d.id, d);
    return d;
  }

  private assignPorts(app: App): void {
    const defs = Array.isArray(app.portDefinitions) ? (app.portDefinitions as { port: number }[]) : [];
    if (Array.isArray(app.ports) && (app.ports as number[]).length !== defs.length) {
      app.portDefinitions = (app.ports as number[]).map((p) => ({ port: p, protocol: "tcp", labels: {} }));
    }
    const pds = app.portDefinitions as { port: number }[];
    for (const pd of pds) if (pd.port === 0) pd.port = this.nextServicePort++;
    app.ports = pds.map((p) => p.port);
  }

  private tasksOf(app: App): Record<string, unknown>[] {
    const n = typeof app.instances === "number" ? app.instances : 1;
    const ports = (app.portDefinitions as unknown[]).length;
    return Array.from({ length: n }, (_, i) => ({
      id: `${app.id.slice(1).replace(/\//g, "_")}.${i}`,
      appId: app.id,
      host: `agent-${i + 1}.example`,
      ports: Array.from({ length: ports }, (_, j) => 31000 + i * 10 + j),
      startedAt: app.version,
      stagedAt: app.version,
      version: app.version,
    }));
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { url, query, body, method } = await this.readRequest(req);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, path: url.pathname, query, status, body });
      const text = payload === undefined ? "" : typeof payload === "string" ? payload : JSON.stringify(payload);
      res.writeHead(status, {
        ...(text && typeof payload !== "string" ? { "Content-Type": "application/json" } : {}),
        ...headers,
      });
      res.end(text);
    };
    const route = matchRoute(method, url.pathname);
    if (!route) return send(404, { message: `no route ${method} ${url.pathname}` });
    const unknownParams = Object.keys(query).filter((q) => !route.spec.queryParams.includes(q));
    if (unknownParams.length)
      return send(400, { message: `undocumented query parameter(s) ${unknownParams.join(", ")}` });
    const key = `${route.spec.method} ${route.spec.path}`;
    const appId = route.params.appId !== undefined ? normalize(decodeURIComponent(route.params.appId)) : "";
    this.expire();

    switch (key) {
      case "GET /ping":
        return send(200, "pong");
      case "POST /v2/apps": {
        const def = body as Record<string, unknown> | undefined;
        if (!def || typeof def.id !== "string")
          return send(422, {
            message: "Object is not valid",
            details: [{ path: "/id", errors: ["error.path.missing"] }],
          });
        const id = normalize(def.id);
        if (this.apps.has(id)) return send(409, { message: `An app with id [${id}] already exists.` });
        const app = withDefaults({ ...def, id, version: new Date().toISOString() }) as App;
        this.assignPorts(app);
        this.apps.set(id, app);
        const d = this.deploy(id, "StartApplication");
        return send(201, { ...app, tasks: [], deployments: [{ id: d.id }] }, { Location: `${this.url}/v2/apps${id}` });
      }
      case "GET /v2/apps/{appId}": {
        const app = this.apps.get(appId);
        if (!app) return send(404, { message: `App '${appId}' does not exist` });
        const deployments = this.locking(appId).map((d) => ({ id: d.id }));
        const embedTasks = query.embed === "apps.tasks" || query.embed === "app.tasks";
        return send(200, {
          app: {
            ...app,
            deployments,
            tasksRunning: this.tasksOf(app).length,
            ...(embedTasks ? { tasks: this.tasksOf(app) } : {}),
          },
        });
      }
      case "GET /v2/apps/{appId}/tasks": {
        const app = this.apps.get(appId);
        if (!app) return send(404, { message: `App '${appId}' does not exist` });
        return send(200, { tasks: this.tasksOf(app) });
      }
      case "PUT /v2/apps/{appId}": {
        const app = this.apps.get(appId);
        if (!app) return send(404, { message: `App '${appId}' does not exist` });
        const locks = this.locking(appId);
        if (locks.length && query.force !== "true") {
          return send(409, {
            message:
              `App is locked by one or more deployments. Override with the option '?force=true'. View details ` +
              `at '/v2/deployments/<DEPLOYMENT_ID>'.`,
            deployments: locks.map((d) => ({ id: d.id })),
          });
        }
        if (query.force === "true") for (const d of locks) this.deployments.delete(d.id);
        const update = (body ?? {}) as Record<string, unknown>;
        // AppUpdate semantics: fields in the body replace the app's; others stay.
        Object.assign(app, update, { id: appId, version: new Date().toISOString() });
        if ("ports" in update) delete app.portDefinitions;
        this.assignPorts(app);
        const d = this.deploy(appId, "RestartApplication");
        return send(200, { deploymentId: d.id, version: app.version });
      }
      case "DELETE /v2/apps/{appId}": {
        if (!this.apps.has(appId)) return send(404, { message: `App '${appId}' does not exist` });
        const locks = this.locking(appId);
        if (locks.length) {
          return send(409, {
            message:
              `App is locked by one or more deployments. Override with the option '?force=true'. View details ` +
              `at '/v2/deployments/<DEPLOYMENT_ID>'.`,
            deployments: locks.map((d) => ({ id: d.id })),
          });
        }
        this.apps.delete(appId);
        const d = this.deploy(appId, "StopApplication");
        return send(200, { deploymentId: d.id, version: d.version });
      }
      case "GET /v2/deployments":
        return send(
          200,
          [...this.deployments.values()].map((d) => ({
            id: d.id,
            version: d.version,
            affectedApps: d.affectedApps,
            steps: [[{ action: d.action, app: d.affectedApps[0] }]],
            currentActions: [{ action: d.action, app: d.affectedApps[0] }],
            currentStep: 1,
            totalSteps: 1,
          })),
        );
      case "DELETE /v2/deployments/{deploymentId}": {
        const id = decodeURIComponent(route.params.deploymentId!);
        if (!this.deployments.has(id)) return send(404, { message: `DeploymentPlan ${id} does not exist` });
        this.deployments.delete(id);
        if (query.force === "true") return send(202);
        const rollback = this.deploy("/", "RollbackDeployment");
        return send(200, { deploymentId: rollback.id, version: rollback.version });
      }
    }
    return send(500, { message: `unhandled ${key}` });
  }
}

function normalize(id: string): string {
  return `/${id.replace(/^\/+/, "").replace(/\/+$/, "")}`;
}

/** Matches a request against ROUTES; {appId} may span several segments (group ids). */
export function matchRoute(
  method: string,
  pathname: string,
): { spec: RouteSpec; params: Record<string, string> } | null {
  // most specific first: /v2/apps/{appId}/tasks before /v2/apps/{appId}
  const ordered = [...ROUTES].sort((a, b) => b.path.length - a.path.length);
  for (const spec of ordered) {
    if (spec.method !== method) continue;
    const names: string[] = [];
    const pattern = spec.path.replace(/\{(\w+)\}/g, (_m, n: string) => {
      names.push(n);
      return n === "appId" ? "(.+?)" : "([^/]+)";
    });
    const re = new RegExp(`^${pattern}$`);
    const m = re.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    names.forEach((n, i) => (params[n] = m[i + 1]!));
    return { spec, params };
  }
  return null;
}

export type { RecordedRequest };
