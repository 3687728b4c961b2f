// The Heat API over the stack-operations test double, driven with
// fastify.inject: no socket, no engine.

import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildHeatApi, type HeatApiOptions } from "../../server/app.js";
import { StackOperationsDouble } from "./stack-operations-double.js";

export interface ApiHarness {
  app: FastifyInstance;
  ops: StackOperationsDouble;
  /** A token of tenant "t1" (member), "t2" (member) and "ops" (admin). */
  tokens: { t1: string; t2: string; admin: string };
  call(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "HEAD",
    url: string,
    opts?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
}

export async function apiHarness(options: Partial<HeatApiOptions> = {}): Promise<ApiHarness> {
  const ops = new StackOperationsDouble();
  const app = await buildHeatApi({ operations: ops, ...options });
  const t1 = (await ops.store.issueToken("t1", ["member"])).token;
  const t2 = (await ops.store.issueToken("t2", ["member"])).token;
  const admin = (await ops.store.issueToken("ops", ["admin"])).token;
  return {
    app,
    ops,
    tokens: { t1, t2, admin },
    call(method, url, opts = {}) {
      const headers: Record<string, string> = { host: "127.0.0.1:8004", ...opts.headers };
      const token = opts.token === undefined ? t1 : opts.token;
      if (token !== null) headers["x-auth-token"] = token;
      let payload: string | undefined;
      if (opts.body !== undefined) {
        payload = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
        headers["content-type"] ??= "application/json";
      }
      return app.inject({ method, url, headers, payload });
    },
  };
}

export const TEMPLATE = {
  heat_template_version: "2016-04-08",
  description: "two things",
  parameters: { test_val: { type: "string", default: "dflt" }, secret: { type: "string", hidden: true } },
  resources: {
    test: { type: "OS::Heat::TestResource", properties: { value: { get_param: "test_val" } } },
    rand: { type: "OS::Heat::RandomString" },
  },
  outputs: { output_value: { value: { get_attr: ["test", "output"] }, description: "the value" } },
};

/** Creates stack `name` in tenant t1 through the API; returns its id. */
export async function createStack(h: ApiHarness, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await h.call("POST", "/v1/t1/stacks", { body: { stack_name: name, template: TEMPLATE, ...extra } });
  if (res.statusCode !== 201) throw new Error(`create ${name}: ${res.statusCode} ${res.body}`);
  return res.json().stack.id;
}
