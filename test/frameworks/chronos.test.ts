import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Attrs } from "../../contract/values.js";
import { ChronosClient, normalizePrefix } from "../../provider/clients/chronos-client.js";
import { EndpointsUnreachableError } from "../../provider/clients/endpoint-pool.js";
import { chronosJobType, parseSchedule, projectJob, sameSchedule } from "../../provider/types/chronos-job.js";
import { ChronosDouble, ROUTES, matchRoute } from "./chronos-contract-double.js";
import { makeCtx, planChange, readReference, refusedUrl } from "./helpers.js";
import { builtinType } from "../engine-fixture.js";

interface DocEndpoint {
  method: string;
  path: string;
  success_status: number;
  note?: string;
  detail?: string;
}
const reference = readReference("chronos-flags.json") as {
  api: { endpoints: DocEndpoint[]; job_fields: { name: string; default: string | null }[] };
};
const type = chronosJobType;
const doubles: ChronosDouble[] = [];

async function double(opts: { prefix?: string; searchStatus?: 200 | 204 } = {}): Promise<ChronosDouble> {
  const d = new ChronosDouble(opts);
  await d.start();
  doubles.push(d);
  return d;
}

test.after(async () => {
  for (const d of doubles) await d.stop();
});

const nightly = (): Attrs => ({
  name: "nightly-backup",
  command: "backup.sh /data",
  schedule: "R/2030-01-01T02:00:00Z/P1D",
  owner: "ops@example.com",
});
const report = (): Attrs => ({ name: "report", command: "report.sh", parents: ["nightly-backup"], retries: 3 });

function cfg(d: ChronosDouble | string[], job: Attrs, extra: Attrs = {}): Attrs {
  const endpoints = Array.isArray(d) ? d : [d.url];
  const prefix: Attrs = Array.isArray(d) ? {} : { api_prefix: d.prefix };
  return { endpoints, job, ...prefix, ...extra };
}

async function create(d: ChronosDouble, job: Attrs, extra: Attrs = {}): Promise<Attrs> {
  const p = planChange(type, null, cfg(d, job, extra));
  return await type.create(makeCtx(String(job.name)), p.planned);
}

test("the double implements only documented calls (paths below /v1/scheduler), with the documented status", () => {
  for (const r of ROUTES) {
    const doc = reference.api.endpoints.find((e) => e.method === r.method && e.path === `/v1${r.path}`);
    assert.ok(doc, `${r.method} /v1${r.path} is not in chronos-flags.json api.endpoints`);
    if (r.path === "/scheduler/jobs/search") {
      // the one documented disagreement: doc 204, code 200 with a JSON list; the double answers like the code
      assert.is(doc!.success_status, 204);
      assert.match(doc!.note ?? "", /code returns 200 with JSON list/);
      for (const q of r.queryParams) assert.ok((doc!.detail ?? "").includes(q), `?${q} not in "${doc!.detail}"`);
    } else {
      assert.is(r.status, doc!.success_status, `${r.method} ${r.path}`);
      assert.equal(r.queryParams, []);
    }
  }
  // job create/update answer 204 No Content per the reference
  for (const p of ["/v1/scheduler/iso8601", "/v1/scheduler/dependency"]) {
    assert.is(reference.api.endpoints.find((e) => e.method === "POST" && e.path === p)!.success_status, 204);
  }
});

test("registered as chronos_job; api_prefix defaults to /v1 (the reference documents /v1/scheduler/...)", () => {
  assert.is(builtinType("chronos_job"), chronosJobType);
  assert.is(type.schema.api_prefix!.default, "/v1");
  assert.ok(
    reference.api.endpoints
      .filter((e) => e.path.includes("/scheduler"))
      .every((e) => e.path.startsWith("/v1/scheduler")),
  );
  assert.ok(type.schema.job!.required && type.schema.endpoints!.required);
  assert.ok(type.schema.last_success!.computed && type.schema.last_error!.computed);
  assert.is(normalizePrefix("v1/"), "/v1");
  assert.is(normalizePrefix("/"), "");
});

for (const prefix of ["/v1", ""]) {
  test(`scheduled and dependent jobs: create, read, delete with prefix "${prefix}"`, async () => {
    const d = await double({ prefix });
    const s1 = await create(d, nightly());
    const s2 = await create(d, report());
    const posts = d.requests.filter((r) => r.method === "POST");
    assert.equal(
      posts.map((r) => `${r.path} ${r.status}`),
      [`${prefix}/scheduler/iso8601 204`, `${prefix}/scheduler/dependency 204`],
    );
    assert.equal((posts[1]!.body as Attrs).parents, ["nightly-backup"]);
    assert.is(d.jobs.get("report")!.retries, 3);
    assert.is(d.jobs.get("nightly-backup")!.shell, true, "Chronos default filled in");
    assert.is(s1.last_success, null);

    const r1 = (await type.read(makeCtx(), s1))!;
    const r2 = (await type.read(makeCtx(), s2))!;
    assert.equal(r1.job, nightly(), "Chronos' defaults are not drift");
    assert.equal(r2.job, report());
    assert.ok(
      d.requests.some(
        (r) => r.method === "GET" && r.path === `${prefix}/scheduler/jobs/search` && r.query.name === "report",
      ),
    );

    await type.delete(makeCtx(), s2);
    await type.delete(makeCtx(), s1);
    const dels = d.requests.filter((r) => r.method === "DELETE");
    assert.equal(
      dels.map((r) => `${r.path} ${r.status}`),
      [`${prefix}/scheduler/job/report 204`, `${prefix}/scheduler/job/nightly-backup 204`],
    );
    assert.is(await type.read(makeCtx(), s1), null, "absent → null");
    await type.delete(makeCtx(), s1); // already gone: not an error
    assert.is(d.jobs.size, 0);
  });
}

test("a wrong prefix fails clearly (Chronos 2 client against Chronos 3)", async () => {
  const d = await double({ prefix: "/v1" });
  try {
    await create(d, nightly(), { api_prefix: "" });
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /\/scheduler\/jobs answered HTTP 404/);
    assert.match((e as Error).message, /check api_prefix \(now ""/);
  }
  assert.is(d.jobs.size, 0);
});

test("re-apply with nothing changed sends no write; Chronos' schedule rewriting is not drift", async () => {
  const d = await double();
  const job = { ...nightly(), schedule: "R5/2020-01-01T02:00:00Z/P1D" };
  const s = await create(d, job);
  const writes = d.writes().length;
  // Chronos ran the job twice: the start moved on and the count went down
  d.tamper("nightly-backup", {
    schedule: "R3/2020-01-03T02:00:00.000Z/P1D",
    lastSuccess: "2020-01-02T02:00:05.000Z",
    successCount: 2,
  });
  const r = (await type.read(makeCtx(), s))!;
  assert.equal(r.job, job);
  assert.is(r.last_success, "2020-01-02T02:00:05.000Z");
  const p = planChange(type, r, cfg(d, job));
  assert.is(p.action, "noop", p.changed.join(","));
  // an update of gantry-only settings (endpoints) sends nothing
  const moved = planChange(type, r, { ...cfg(d, job), endpoints: [`${d.url}/`] });
  assert.is(moved.action, "update");
  const u = await type.update(makeCtx(), r, moved.planned);
  assert.is(u.last_success, "2020-01-02T02:00:05.000Z");
  // adopt at create time: the job is there and as configured → no POST
  await create(d, job);
  assert.is(d.writes().length, writes, "no POST/DELETE");
});

test("drift: command changed outside gantry shows in the plan; update POSTs it back", async () => {
  const d = await double();
  const s = await create(d, nightly());
  d.tamper("nightly-backup", { command: "echo hacked", schedule: "R/2030-01-01T02:00:00Z/PT1H" });
  const r = (await type.read(makeCtx(), s))!;
  assert.is((r.job as Attrs).command, "echo hacked");
  assert.is((r.job as Attrs).schedule, "R/2030-01-01T02:00:00Z/PT1H", "a different period is drift");
  const p = planChange(type, r, cfg(d, nightly()));
  assert.is(p.action, "update");
  assert.equal(p.changed, ["job"]);
  await type.update(makeCtx(), r, p.planned);
  assert.is(d.jobs.get("nightly-backup")!.command, "backup.sh /data");
  const again = (await type.read(makeCtx(), s))!;
  assert.is(planChange(type, again, cfg(d, nightly())).action, "noop");
});

test("update: scheduled → dependent goes to /scheduler/dependency; a name change replaces", async () => {
  const d = await double();
  await create(d, { name: "parent", command: "true", schedule: "R/2030-01-01T00:00:00Z/PT1H" });
  const s = await create(d, { name: "child", command: "true", schedule: "R/2030-01-01T00:00:00Z/PT1H" });
  const dep = { name: "child", command: "true", parents: ["parent"] };
  const p = planChange(type, s, cfg(d, dep));
  assert.is(p.action, "update");
  await type.update(makeCtx(), s, p.planned);
  assert.is(d.requests.filter((r) => r.method === "POST").at(-1)!.path, "/v1/scheduler/dependency");
  assert.equal(d.jobs.get("child")!.parents, ["parent"]);
  assert.is(planChange(type, s, cfg(d, { ...dep, name: "child2" })).action, "replace");
});

test("search answering the doc's 204 (no body): falls back to listing /scheduler/jobs", async () => {
  const d = await double({ searchStatus: 204 });
  const s = await create(d, nightly());
  const r = (await type.read(makeCtx(), s))!;
  assert.equal(r.job, nightly());
  assert.ok(d.requests.some((q) => q.method === "GET" && q.path === "/v1/scheduler/jobs"));
});

test("search matches substrings: the job with the exact name is picked", async () => {
  const d = await double();
  await create(d, { name: "backup-extra", command: "x", schedule: "R/2030-01-01T00:00:00Z/PT1H" });
  const client = new ChronosClient([d.url]);
  assert.is(await client.getJob("backup"), null);
  assert.is((await client.getJob("backup-extra"))!.name, "backup-extra");
});

test("dataJob is sent as the code's dataProcessingJobType too and read back from it", async () => {
  const d = await double();
  const job = { ...nightly(), dataJob: true };
  const s = await create(d, job);
  assert.is(d.jobs.get("nightly-backup")!.dataProcessingJobType, true);
  const r = (await type.read(makeCtx(), s))!;
  assert.equal(r.job, job);
  const live = { ...d.jobs.get("nightly-backup")!, name: "nightly-backup" };
  assert.equal(
    (projectJob({ ...job, name: "nightly-backup", parents: ["a", "b"] }, { ...live, parents: ["b", "a"] }) as Attrs)
      .parents,
    ["a", "b"],
    "parents are a set",
  );
});

test("failover: the first endpoint refuses connections; all refused → error naming both", async () => {
  const d = await double();
  const dead = await refusedUrl();
  const p = planChange(type, null, cfg([dead, d.url], nightly()));
  const s = await type.create(makeCtx(), p.planned);
  assert.ok(d.jobs.has("nightly-backup"));
  assert.ok((await type.read(makeCtx(), s)) !== null);
  const dead2 = await refusedUrl();
  try {
    await type.read(makeCtx(), { ...s, endpoints: [dead, dead2] });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, EndpointsUnreachableError);
    assert.ok((e as Error).message.includes(dead) && (e as Error).message.includes(dead2));
  }
});

test("validate: schedule xor parents, command, name, read-only and unknown fields", () => {
  const v = (job: Attrs) =>
    type.validate!({ endpoints: ["http://m:4400"], job }, makeCtx())
      .map((e) => e.message)
      .join("\n");
  assert.is(v(nightly()), "");
  assert.is(v(report()), "");
  assert.match(v({ ...nightly(), parents: ["x"] }), /both/);
  assert.match(v({ name: "a", command: "x" }), /schedule/);
  assert.match(v({ name: "a b", command: "x", schedule: "R/2030-01-01T00:00:00Z/PT1H" }), /name/);
  assert.match(v({ name: "a", schedule: "R/2030-01-01T00:00:00Z/PT1H" }), /command/);
  assert.match(v({ ...nightly(), schedule: "every day" }), /schedule/);
  assert.match(v({ ...nightly(), successCount: 3 }), /maintained by Chronos/);
  assert.match(v({ ...nightly(), colour: "red" }), /unknown job field/);
  // every field of the reference's table is accepted
  const all: Attrs = { ...nightly() };
  for (const f of reference.api.job_fields)
    if (!["successCount", "errorCount", "lastSuccess", "lastError", "parents"].includes(f.name) && !(f.name in all))
      all[f.name] = "x";
  assert.is(v(all), "");
});

test("schedules: parse and equivalence", () => {
  assert.equal(parseSchedule("R/2030-01-01T00:00:00Z/PT1H"), {
    repeat: null,
    start: "2030-01-01T00:00:00Z",
    period: "PT1H",
  });
  assert.equal(parseSchedule("R10//P1D"), { repeat: 10, start: "", period: "P1D" });
  assert.is(parseSchedule("nope"), null);
  assert.ok(sameSchedule("R5/2020-01-01T00:00:00Z/P1D", "R4/2020-01-02T00:00:00.000Z/P1D"));
  assert.not.ok(sameSchedule("R5/2020-01-01T00:00:00Z/P1D", "R6/2020-01-02T00:00:00.000Z/P1D"));
  assert.not.ok(sameSchedule("R/2020-01-01T00:00:00Z/P1D", "R/2020-01-01T00:00:00Z/PT1H"));
});

test("every request the tests made matched a documented route below the double's prefix", () => {
  const seen = doubles.flatMap((d) => d.requests.map((r) => ({ ...r, prefix: d.prefix })));
  assert.ok(seen.length > 30, `${seen.length}`);
  for (const r of seen) {
    if (r.status === 404 && !r.path.startsWith(`${r.prefix}/scheduler/`)) continue; // the wrong-prefix test
    assert.ok(matchRoute(r.method, r.path.slice(r.prefix.length)), `${r.method} ${r.path}`);
    assert.is.not(r.status === 400 && r.method !== "DELETE", true, `${r.method} ${r.path} refused`);
  }
});

test.run();
