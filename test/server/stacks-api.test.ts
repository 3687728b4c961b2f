// The stack routes of the Heat API against a test double of the stack
// service: status codes, field names, Location headers and error bodies as
// Heat answers them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { apiHarness, createStack, TEMPLATE } from "./api-harness.js";

const BASE = "http://127.0.0.1:8004/v1";

test("create: 201, {stack: {id, links}}, absolute Location; the service gets the request", async () => {
  const h = await apiHarness();
  const res = await h.call("POST", "/v1/t1/stacks", {
    body: {
      stack_name: "s1",
      template: TEMPLATE,
      parameters: { test_val: "v" },
      environment: { parameter_defaults: { secret: "x" } },
      files: { "a.yaml": "x: 1" },
      tags: "a,b",
      timeout_mins: "5",
      disable_rollback: false,
    },
  });
  assert.is(res.statusCode, 201);
  assert.is(res.headers["content-type"], "application/json");
  const body = res.json();
  const id = body.stack.id;
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.equal(body, { stack: { id, links: [{ href: `${BASE}/t1/stacks/s1/${id}`, rel: "self" }] } });
  assert.is(res.headers.location, `${BASE}/t1/stacks/s1/${id}`);
  const call = h.ops.calls.find((c) => c.op === "create");
  assert.equal(call?.caller?.tenant, "t1");
  assert.equal(call?.args[0], {
    name: "s1",
    source: {
      template: TEMPLATE,
      environments: [{ parameter_defaults: { secret: "x" } }],
      files: { "a.yaml": "x: 1" },
      parameters: { test_val: "v" },
    },
    tags: ["a", "b"],
    disableRollback: false,
    timeoutMins: 5,
  });
});

test("create: a template given as YAML text is parsed; environment_files come from files, in order", async () => {
  const h = await apiHarness();
  const res = await h.call("POST", "/v1/t1/stacks", {
    body: {
      stack_name: "y1",
      template: "heat_template_version: 2016-04-08\nresources:\n  r: {type: OS::Heat::None}\n",
      environment_files: ["e2.yaml", "e1.yaml"],
      environment: { parameters: { ignored: true } },
      files: { "e1.yaml": "parameters: {a: 1}", "e2.yaml": "parameter_defaults: {b: 2}" },
    },
  });
  assert.is(res.statusCode, 201, res.body);
  const req = h.ops.calls.find((c) => c.op === "create")?.args[0] as { source: Record<string, unknown> };
  assert.equal(req.source.template, {
    heat_template_version: "2016-04-08",
    resources: { r: { type: "OS::Heat::None" } },
  });
  assert.equal(req.source.environments, [{ parameter_defaults: { b: 2 } }, { parameters: { a: 1 } }]);
});

test("create: Heat's 400s for a missing name or template, bad YAML, a bad environment, a bad timeout", async () => {
  const h = await apiHarness();
  const cases: [unknown, string][] = [
    [{ template: TEMPLATE }, "No stack name specified"],
    [{ stack_name: "x" }, "No template specified"],
    [{ stack_name: "x", template: "foo: bar" }, "Template not in valid format: Template format version not found."],
    [
      { stack_name: "x", template: "- a" },
      "Template not in valid format: The template is not a JSON object or YAML mapping.",
    ],
    [
      { stack_name: "x", template: TEMPLATE, environment: { foo: {} } },
      'Environment not in valid format: environment has wrong section "foo"',
    ],
    [{ stack_name: "x", template: TEMPLATE, timeout_mins: "abc" }, "Only integer is acceptable by 'timeout_mins'."],
  ];
  for (const [body, message] of cases) {
    const res = await h.call("POST", "/v1/t1/stacks", { body });
    assert.is(res.statusCode, 400, JSON.stringify(body));
    assert.equal(res.json(), {
      code: 400,
      title: "Bad Request",
      explanation: "The server could not comply with the request since it is either malformed or otherwise incorrect.",
      error: { type: "HTTPBadRequest", traceback: null, message },
    });
  }
  const bad = await h.call("POST", "/v1/t1/stacks", { body: { stack_name: "x", template: "foo: [bar" } });
  assert.is(bad.statusCode, 400);
  assert.match(
    bad.json().error.message,
    /^Template not in valid format: Error parsing template \[root stack\] .*line 1/s,
  );
  assert.not.ok(h.ops.calls.some((c) => c.op === "create"));
});

test("create: YAML limits: too many aliases and too deep nesting are 400s naming the limit", async () => {
  const h = await apiHarness({ yamlLimits: { maxDepth: 10, maxAliases: 5 } });
  const aliases = `heat_template_version: 2016-04-08\na: &a [1, 2]\nb: [${Array(8).fill("*a").join(", ")}]\n`;
  let res = await h.call("POST", "/v1/t1/stacks", { body: { stack_name: "x", template: aliases } });
  assert.is(res.statusCode, 400);
  assert.is(res.json().error.type, "RequestLimitExceeded");
  assert.match(res.json().error.message, /alias/i);
  const deep = `heat_template_version: 2016-04-08\nx: ${"[".repeat(20)}${"]".repeat(20)}\n`;
  res = await h.call("POST", "/v1/t1/stacks", { body: { stack_name: "x", template: deep } });
  assert.is(res.statusCode, 400);
  assert.is(res.json().error.type, "RequestLimitExceeded");
  assert.match(res.json().error.message, /nesting deeper than 10 levels at line 2/);
  let nested: unknown = {};
  for (let i = 0; i < 20; i++) nested = { n: nested };
  res = await h.call("POST", "/v1/t1/stacks", {
    body: { stack_name: "x", template: { heat_template_version: "2016-04-08", nested } },
  });
  assert.is(res.statusCode, 400);
  assert.match(res.json().error.message, /Template nesting deeper than 10 levels/);
});

test("create: YAML nested thousands of levels deep is the same 400, not the parser's stack overflow", async () => {
  const h = await apiHarness();
  for (const deep of [
    `heat_template_version: 2016-04-08\nx: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
    `heat_template_version: 2016-04-08\nx:\n  ${"- ".repeat(5000)}1\n`,
  ]) {
    const res = await h.call("POST", "/v1/t1/stacks", { body: { stack_name: "x", template: deep } });
    assert.is(res.statusCode, 400);
    assert.is(res.json().error.type, "RequestLimitExceeded");
    assert.match(res.json().error.message, /^Request limit exceeded: nesting deeper than 64 levels at line \d+$/);
    assert.not.match(res.json().error.message, /call stack/);
  }
  const env = `parameters:\n  p: ${"{a: ".repeat(5000)}1${"}".repeat(5000)}\n`;
  const res = await h.call("POST", "/v1/t1/stacks", {
    body: { stack_name: "x", template: TEMPLATE, environment: env },
  });
  assert.is(res.statusCode, 400);
  assert.match(res.json().error.message, /nesting deeper than 64 levels at line 2/);
  assert.not.ok(h.ops.calls.some((c) => c.op === "create"));
});

test("a body over the limit is 413 with Heat's words; bad JSON is 400", async () => {
  const h = await apiHarness({ bodyLimit: 1000 });
  const big = { stack_name: "x", template: { heat_template_version: "2016-04-08", description: "d".repeat(2000) } };
  const res = await h.call("POST", "/v1/t1/stacks", { body: big });
  assert.is(res.statusCode, 413);
  assert.equal(res.json(), {
    code: 413,
    title: "Request Entity Too Large",
    explanation: "The body of your request was too large for this server.",
    error: {
      type: "RequestLimitExceeded",
      traceback: null,
      message:
        `Request limit exceeded: JSON body size (${JSON.stringify(big).length} bytes) exceeds maximum allowed ` +
        "size (1000 bytes).",
    },
  });
  const bad = await h.call("POST", "/v1/t1/stacks", { body: '{"stack_name":' });
  assert.is(bad.statusCode, 400);
  assert.is(bad.json().error.type, "HTTPBadRequest");
});

test("a name taken is 409 StackExists", async () => {
  const h = await apiHarness();
  await createStack(h, "dup");
  const res = await h.call("POST", "/v1/t1/stacks", { body: { stack_name: "dup", template: TEMPLATE } });
  assert.is(res.statusCode, 409);
  assert.equal(res.json().error, { type: "StackExists", traceback: null, message: "The Stack (dup) already exists." });
  assert.is(res.json().title, "Conflict");
});

test("lookup by name or id: 302 to the absolute canonical URL, sub-path and query kept; every method", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  for (const method of ["GET", "PUT", "PATCH", "DELETE", "POST"] as const) {
    const res = await h.call(method, "/v1/t1/stacks/s1");
    assert.is(res.statusCode, 302, method);
    assert.is(res.headers.location, `${BASE}/t1/stacks/s1/${id}`);
  }
  let res = await h.call("GET", `/v1/t1/stacks/${id}`);
  assert.is(res.headers.location, `${BASE}/t1/stacks/s1/${id}`);
  res = await h.call("GET", "/v1/t1/stacks/s1/resources?nested_depth=2");
  assert.is(res.statusCode, 302);
  assert.is(res.headers.location, `${BASE}/t1/stacks/s1/${id}/resources?nested_depth=2`);
  assert.is(res.json().code, "302 Found");
  for (const sub of ["events", "template", "environment", "files", "actions"]) {
    res = await h.call("GET", `/v1/t1/stacks/s1/${sub}`);
    assert.is(res.headers.location, `${BASE}/t1/stacks/s1/${id}/${sub}`);
  }
  res = await h.call("POST", "/v1/t1/stacks/s1/actions", { body: { check: null } });
  assert.is(res.statusCode, 302);
  assert.is(res.headers.location, `${BASE}/t1/stacks/s1/${id}/actions`);
  res = await h.call("GET", "/v1/t1/stacks/nosuch");
  assert.is(res.statusCode, 404);
  assert.equal(res.json(), {
    code: 404,
    title: "Not Found",
    explanation: "The resource could not be found.",
    error: { type: "EntityNotFound", traceback: null, message: "The Stack (nosuch) could not be found." },
  });
});

test("show: Heat's fields, status joined, times to the second, parameters as strings (hidden masked)", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1", { parameters: { secret: "pw" }, tags: "x" });
  const res = await h.call("GET", `/v1/t1/stacks/s1/${id}`);
  assert.is(res.statusCode, 200);
  const s = res.json().stack;
  assert.equal(Object.keys(s).sort(), [
    "capabilities",
    "creation_time",
    "deletion_time",
    "description",
    "disable_rollback",
    "id",
    "links",
    "notification_topics",
    "outputs",
    "parameters",
    "parent",
    "stack_name",
    "stack_owner",
    "stack_status",
    "stack_status_reason",
    "stack_user_project_id",
    "tags",
    "template_description",
    "timeout_mins",
    "updated_time",
  ]);
  assert.is(s.stack_status, "CREATE_COMPLETE");
  assert.match(s.creation_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.is(s.updated_time, null);
  assert.is(s.description, "two things");
  assert.equal(s.tags, ["x"]);
  assert.equal(s.parameters, {
    test_val: "dflt",
    secret: "******",
    "OS::project_id": "t1",
    "OS::stack_id": id,
    "OS::stack_name": "s1",
  });
  assert.equal(s.outputs, [
    { output_key: "output_value", description: "the value", output_value: "value of output_value" },
  ]);
  const unresolved = await h.call("GET", `/v1/t1/stacks/s1/${id}?resolve_outputs=false`);
  assert.is(unresolved.json().stack.outputs, undefined);
});

test("another tenant's stack is 404 whatever the path says (never 403); an admin sees it", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "mine");
  for (const [token, path] of [
    [h.tokens.t2, `/v1/t1/stacks/mine/${id}`],
    [h.tokens.t2, `/v1/t2/stacks/mine/${id}`],
    [h.tokens.t2, "/v1/t2/stacks/mine"],
    [h.tokens.t2, "/v1/t1/stacks/mine"],
  ] as const) {
    const res = await h.call("GET", path, { token });
    assert.is(res.statusCode, 404, path);
    assert.is(res.json().error.message, "The Stack (mine) could not be found.");
  }
  const del = await h.call("DELETE", `/v1/t1/stacks/mine/${id}`, { token: h.tokens.t2 });
  assert.is(del.statusCode, 404);
  const wrongName = await h.call("GET", `/v1/t1/stacks/other/${id}`);
  assert.is(wrongName.statusCode, 404);
  assert.is(wrongName.json().error.message, "The Stack (other) could not be found.");
  const admin = await h.call("GET", `/v1/t1/stacks/mine/${id}`, { token: h.tokens.admin });
  assert.is(admin.statusCode, 200);
  const list = await h.call("GET", "/v1/t2/stacks", { token: h.tokens.t1 });
  assert.is(list.statusCode, 403);
});

test("tokens: none or unknown is 401 with Heat's fault body; version discovery needs none", async () => {
  const h = await apiHarness();
  for (const token of [null, "nope"]) {
    const res = await h.call("GET", "/v1/t1/stacks", { token });
    assert.is(res.statusCode, 401);
    assert.equal(res.json().error, {
      type: "HTTPUnauthorized",
      traceback: null,
      message: "The request you have made requires authentication.",
    });
    assert.is(res.json().title, "Unauthorized");
  }
  const v = await h.call("GET", "/", { token: null });
  assert.is(v.statusCode, 300);
  assert.is(v.headers["content-type"], "application/json");
  assert.equal(v.json(), {
    versions: [{ id: "v1.0", status: "CURRENT", links: [{ rel: "self", href: "http://127.0.0.1:8004/v1/" }] }],
  });
  const v2 = await h.call("GET", "/v2/t1/stacks", { token: null });
  assert.is(v2.statusCode, 300);
});

test("list: summaries in Heat's fields, filters, sorting, pages with a next link, count, tags, deleted", async () => {
  const h = await apiHarness();
  const a = await createStack(h, "alpha", { tags: "web,prod" });
  const b = await createStack(h, "beta", { tags: "web" });
  const c = await createStack(h, "gamma");
  await h.call("DELETE", `/v1/t1/stacks/gamma/${c}`);
  await createStack(h, "other", {});
  let res = await h.call("GET", "/v1/t1/stacks?sort_keys=stack_name&sort_dir=asc");
  assert.is(res.statusCode, 200);
  const list = res.json().stacks;
  assert.equal(
    list.map((s: { stack_name: string }) => s.stack_name),
    ["alpha", "beta", "other"],
  );
  assert.equal(Object.keys(list[0]).sort(), [
    "creation_time",
    "deletion_time",
    "description",
    "id",
    "links",
    "parent",
    "stack_name",
    "stack_owner",
    "stack_status",
    "stack_status_reason",
    "stack_user_project_id",
    "tags",
    "updated_time",
  ]);
  res = await h.call("GET", "/v1/t1/stacks?name=alpha&name=beta&sort_keys=stack_name&sort_dir=asc");
  assert.equal(
    res.json().stacks.map((s: { id: string }) => s.id),
    [a, b],
  );
  res = await h.call("GET", "/v1/t1/stacks?status=CREATE_COMPLETE&tags=web&not_tags_any=prod");
  assert.equal(
    res.json().stacks.map((s: { id: string }) => s.id),
    [b],
  );
  const q = h.ops.store;
  assert.ok(q);
  res = await h.call("GET", "/v1/t1/stacks?limit=2&sort_keys=stack_name&sort_dir=asc&with_count=true");
  const page = res.json();
  assert.is(page.stacks.length, 2);
  assert.is(page.count, 3);
  assert.equal(page.links, [
    {
      rel: "next",
      href: `${BASE}/t1/stacks?limit=2&sort_keys=stack_name&sort_dir=asc&with_count=true&marker=${b}`,
    },
  ]);
  res = await h.call("GET", `/v1/t1/stacks?limit=2&sort_keys=stack_name&sort_dir=asc&marker=${b}`);
  assert.equal(
    res.json().stacks.map((s: { stack_name: string }) => s.stack_name),
    ["other"],
  );
  assert.is(res.json().links, undefined);
  res = await h.call("GET", "/v1/t1/stacks?show_deleted=true&name=gamma");
  assert.is(res.json().stacks[0].stack_status, "DELETE_COMPLETE");
  assert.match(res.json().stacks[0].deletion_time, /Z$/);
  for (const [query, message] of [
    ["limit=abc", "Only integer is acceptable by 'limit'."],
    ["limit=-1", "Value '-1' is invalid for 'limit' which only accepts non-negative integer."],
    ["show_deleted=maybe", 'Unrecognized value "maybe" for "show_deleted", acceptable values are: true, false.'],
  ]) {
    res = await h.call("GET", `/v1/t1/stacks?${query}`);
    assert.is(res.statusCode, 400);
    assert.is(res.json().error.message, message);
  }
  res = await h.call("GET", "/v1/t1/stacks?sort_dir=up");
  assert.equal(res.json().error, { type: "ValueError", traceback: null });
});

test("global_tenant: every tenant's stacks with their project for an admin; 403 for others", async () => {
  const h = await apiHarness();
  await createStack(h, "s1");
  await h.call("POST", "/v1/t2/stacks", { token: h.tokens.t2, body: { stack_name: "s2", template: TEMPLATE } });
  const res = await h.call("GET", "/v1/ops/stacks?global_tenant=true", { token: h.tokens.admin });
  assert.is(res.statusCode, 200);
  const projects = res
    .json()
    .stacks.map((s: { project: string; stack_name: string }) => `${s.project}/${s.stack_name}`);
  assert.equal(projects.sort(), ["t1/s1", "t2/s2"]);
  const own = await h.call("GET", "/v1/ops/stacks", { token: h.tokens.admin });
  assert.equal(own.json().stacks, []);
  const denied = await h.call("GET", "/v1/t1/stacks?global_tenant=true");
  assert.is(denied.statusCode, 403);
  assert.equal(denied.json().error, {
    type: "Forbidden",
    traceback: null,
    message: "You are not authorized to use stacks:global_index.",
  });
});

test("update: PUT and PATCH are 202 and reach the service as full and existing updates", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  let res = await h.call("PUT", `/v1/t1/stacks/s1/${id}`, {
    body: { template: TEMPLATE, parameters: { test_val: "new" } },
  });
  assert.is(res.statusCode, 202);
  assert.is(res.headers["content-type"], "application/json");
  assert.is(res.json().code, "202 Accepted");
  res = await h.call("PATCH", `/v1/t1/stacks/s1/${id}`, {
    body: { parameters: { test_val: "patched" }, clear_parameters: ["secret"] },
  });
  assert.is(res.statusCode, 202);
  const updates = h.ops.calls.filter((c) => c.op === "update").map((c) => c.args[1]);
  assert.equal(updates, [
    { existing: false, template: TEMPLATE, environments: [], files: {}, parameters: { test_val: "new" } },
    { existing: true, parameters: { test_val: "patched" }, clearParameters: ["secret"] },
  ]);
  res = await h.call("PUT", `/v1/t1/stacks/s1/${id}`, { body: { parameters: {} } });
  assert.is(res.statusCode, 400);
  assert.is(res.json().error.message, "No template specified");
  res = await h.call("PUT", "/v1/t1/stacks/nosuch/0b9b5b1e-0000-0000-0000-000000000000", {
    body: { template: TEMPLATE },
  });
  assert.is(res.statusCode, 404);
  assert.is(res.json().error.message, "The Stack (nosuch) could not be found.");
});

test("preview of a create and of an update in Heat's shapes", async () => {
  const h = await apiHarness();
  let res = await h.call("POST", "/v1/t1/stacks/preview", { body: { stack_name: "p", template: TEMPLATE } });
  assert.is(res.statusCode, 200);
  const stack = res.json().stack;
  assert.is(stack.stack_name, "p");
  assert.is(stack.stack_status, undefined);
  assert.equal(
    stack.resources.map((r: { resource_name: string; resource_type: string }) => [r.resource_name, r.resource_type]),
    [
      ["test", "OS::Heat::TestResource"],
      ["rand", "OS::Heat::RandomString"],
    ],
  );
  assert.equal(stack.resources[0].properties, {});
  const id = await createStack(h, "s1");
  res = await h.call("PUT", `/v1/t1/stacks/s1/${id}/preview`, { body: { template: TEMPLATE } });
  assert.is(res.statusCode, 200);
  const changes = res.json().resource_changes;
  assert.equal(Object.keys(changes), ["unchanged", "updated", "replaced", "added", "deleted"]);
  assert.is(changes.added[0].resource_name, "c");
  res = await h.call("PATCH", `/v1/t1/stacks/s1/${id}/preview`, { body: { parameters: { test_val: "z" } } });
  assert.is(res.statusCode, 200);
  assert.equal(h.ops.calls.filter((c) => c.op === "previewUpdate").length, 2);
});

test("delete is 204 with no body; a deleted stack is gone by name, still shown by id as DELETE_COMPLETE", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  const res = await h.call("DELETE", `/v1/t1/stacks/s1/${id}`);
  assert.is(res.statusCode, 204);
  assert.is(res.body, "");
  assert.is((await h.call("GET", "/v1/t1/stacks/s1")).statusCode, 404);
  const shown = await h.call("GET", `/v1/t1/stacks/s1/${id}`);
  assert.is(shown.statusCode, 200);
  assert.is(shown.json().stack.stack_status, "DELETE_COMPLETE");
  assert.is(shown.json().stack.outputs, undefined);
  assert.is((await h.call("DELETE", `/v1/t1/stacks/s1/${id}`)).statusCode, 404);
});

test("template, environment, files, outputs and one output", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1", { files: { "f.txt": "hello" }, parameters: { test_val: "p" } });
  const base = `/v1/t1/stacks/s1/${id}`;
  assert.equal((await h.call("GET", `${base}/template`)).json(), TEMPLATE);
  assert.equal((await h.call("GET", `${base}/environment`)).json().parameters, { test_val: "p" });
  assert.equal((await h.call("GET", `${base}/files`)).json(), { "f.txt": "hello" });
  assert.equal((await h.call("GET", `${base}/outputs`)).json(), {
    outputs: [{ output_key: "output_value", description: "the value" }],
  });
  assert.equal((await h.call("GET", `${base}/outputs/output_value`)).json(), {
    output: { output_key: "output_value", description: "the value", output_value: "value of output_value" },
  });
  const missing = await h.call("GET", `${base}/outputs/nope`);
  assert.is(missing.statusCode, 404);
  assert.equal(missing.json().error, {
    type: "NotFound",
    traceback: null,
    message: "Specified output key nope not found.",
  });
});

test("actions: one of Heat's five, else 400 in Heat's words", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  const url = `/v1/t1/stacks/s1/${id}/actions`;
  let res = await h.call("POST", url, { body: { suspend: null } });
  assert.is(res.statusCode, 200);
  assert.equal(h.ops.calls.at(-1)?.args, [id, "suspend"]);
  for (const [body, message] of [
    [{}, "No action specified"],
    [{ check: null, resume: null }, "Multiple actions specified"],
    [{ explode: null }, "Invalid action explode specified"],
  ] as const) {
    res = await h.call("POST", url, { body });
    assert.is(res.statusCode, 400);
    assert.is(res.json().error.message, message);
  }
});

test("abandon returns the service's data; adopt passes adopt_stack_data and takes the template from it", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  const res = await h.call("DELETE", `/v1/t1/stacks/s1/${id}/abandon`);
  assert.is(res.statusCode, 200);
  const data = res.json();
  assert.is(data.id, id);
  const adopt = await h.call("POST", "/v1/t1/stacks", {
    body: { stack_name: "s2", adopt_stack_data: JSON.stringify(data) },
  });
  assert.is(adopt.statusCode, 201);
  const req = h.ops.calls.filter((c) => c.op === "create").at(-1)?.args[0] as Record<string, unknown>;
  assert.equal((req.source as { template: unknown }).template, TEMPLATE);
  assert.equal(req.adoptStackData, data);
});

test("a known URL with a method it lacks is 405 with Allow; OPTIONS lists them; unknown URLs are 404", async () => {
  const h = await apiHarness();
  let res = await h.call("DELETE", "/v1/t1/stacks");
  assert.is(res.statusCode, 405);
  assert.is(res.headers.allow, "GET,POST");
  assert.equal(res.json().error.type, "HTTPMethodNotAllowed");
  res = await h.call("OPTIONS", "/v1/t1/stacks");
  assert.is(res.statusCode, 204);
  assert.is(res.headers.allow, "GET,POST");
  res = await h.call("GET", "/v1/t1/nothing");
  assert.is(res.statusCode, 404);
  assert.is(res.headers["content-type"], "application/json");
  assert.is(res.json().error.type, "HTTPNotFound");
});

test.run();
