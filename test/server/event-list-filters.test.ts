// Event lists (`GET …/events` and `openstack stack event list`) with Heat's filters, sorting and pages, replayed
// from the real Heat 19's answers (real-heat/event-list-filters.json) against gantry's API over the SQLite store
// and a real stack service: resource_action / resource_status / resource_name / resource_type match the event's
// columns exactly (any of the values given; resource_status=CREATE_COMPLETE matches nothing), sort_keys honours
// event_time and resource_type only, sort_dir other than asc/desc is a ValueError, limit and marker page.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { runHeatApi } from "../../server/run-heat-api.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { StackService } from "../../stacks/stack-service.js";
import { openstack } from "./openstack-cli.js";

interface Recording {
  template: string;
  api: { query: string; answer: { status: number; events?: [string, string][]; body?: unknown } }[];
  cli: { args: string[]; events: [string, string][] }[];
}

const REC = JSON.parse(
  readFileSync(new URL("./real-heat/event-list-filters.json", import.meta.url), "utf8"),
) as Recording;
const STACK = "chain";

interface ApiEvent {
  id: string;
  resource_name: string;
  resource_status: string;
}

const shown = (events: ApiEvent[]) =>
  events.map((e) => [e.resource_name === STACK ? "(stack)" : e.resource_name, e.resource_status]);

test("event lists: filters, sorting, limit and marker answer as the real Heat 19 (API and client)", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-events-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const api = await runHeatApi({ operations: service, host: "127.0.0.1", port: 0, log: () => {} });
  const { token } = await store.issueToken("admin", ["member"]);
  const call = async (path: string, body?: unknown) => {
    const res = await fetch(`${api.url}/v1/admin${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "x-auth-token": token, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  try {
    const created = await call("/stacks", { stack_name: STACK, template: REC.template });
    assert.is(created.status, 201);
    const path = `/stacks/${STACK}/${created.json.stack.id}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const s = (await call(path)).json.stack;
      if (!s.stack_status.endsWith("IN_PROGRESS")) {
        assert.is(s.stack_status, "CREATE_COMPLETE", s.stack_status_reason);
        break;
      }
      if (Date.now() > deadline) throw new Error("the stack was not created in time");
      await new Promise((r) => setTimeout(r, 100));
    }
    const oldestFirst = (await call(`${path}/events?sort_dir=asc`)).json.events as ApiEvent[];
    const marker = oldestFirst[2]?.id ?? "";
    for (const { query, answer } of REC.api) {
      const got = await call(path + query.replace("{MARKER3}", marker));
      assert.is(got.status, answer.status, query);
      if (answer.events) assert.equal(shown(got.json.events), answer.events, query);
      else assert.equal(got.json, answer.body, query);
    }
    for (const { args, events } of REC.cli) {
      const out = await openstack(`${api.url}/v1/admin`, token, [
        "stack",
        "event",
        "list",
        STACK,
        ...args,
        "-f",
        "json",
      ]);
      assert.equal(shown(JSON.parse(out)), events, args.join(" "));
    }
  } finally {
    await api.stop();
  }
});

test.run();
