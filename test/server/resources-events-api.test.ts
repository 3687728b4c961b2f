// Resource, event, signal, mark-unhealthy, validate, template-version and
// resource-type routes of the Heat API against the stack-service double.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { HeatError } from "../../stacks/heat-error.js";
import type { HeatCatalog } from "../../stacks/stack-operations.js";
import { apiHarness, createStack, TEMPLATE } from "./api-harness.js";

const BASE = "http://127.0.0.1:8004/v1";

test("resources: Heat's fields and links; with_detail adds attributes; filters; unknown filter is 400", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  const url = `/v1/t1/stacks/s1/${id}/resources`;
  let res = await h.call("GET", url);
  assert.is(res.statusCode, 200);
  const [test1] = res.json().resources;
  assert.equal(Object.keys(test1).sort(), [
    "creation_time",
    "links",
    "logical_resource_id",
    "physical_resource_id",
    "required_by",
    "resource_name",
    "resource_status",
    "resource_status_reason",
    "resource_type",
    "updated_time",
  ]);
  assert.is(test1.logical_resource_id, "test");
  assert.is(test1.resource_status, "CREATE_COMPLETE");
  assert.equal(test1.links, [
    { href: `${BASE}/t1/stacks/s1/${id}/resources/test`, rel: "self" },
    { href: `${BASE}/t1/stacks/s1/${id}`, rel: "stack" },
  ]);
  res = await h.call("GET", `${url}?with_detail=true`);
  assert.equal(res.json().resources[0].attributes, { value: "test" });
  res = await h.call("GET", `${url}?type=OS::Nova::Server`);
  assert.equal(res.json(), { resources: [] });
  res = await h.call("GET", `${url}?type=OS::Heat::RandomString`);
  assert.equal(
    res.json().resources.map((r: { resource_name: string }) => r.resource_name),
    ["rand"],
  );
  res = await h.call("GET", `${url}?status=CREATE_COMPLETE`);
  assert.is(res.json().resources.length, 2);
  res = await h.call("GET", `${url}?foo=1`);
  assert.is(res.statusCode, 400);
  assert.is(res.json().error.message, "Invalid filter parameters ['foo']");
});

test("resources of nested stacks to nested_depth, with parent_resource and a nested link", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "parent");
  const store = h.ops.store;
  const parent = await store.getStack(id);
  if (!parent) throw new Error("no parent");
  const childId = "11111111-2222-3333-4444-555555555555";
  await store.insertStack({ ...parent, id: childId, name: "parent-test-abc", parentId: id });
  const test1 = await store.getResource(id, "test");
  if (!test1) throw new Error("no resource");
  await store.putResource({ ...test1, nestedStackId: childId });
  await store.putResource({ ...test1, stackId: childId, name: "inner" });
  let res = await h.call("GET", `/v1/t1/stacks/parent/${id}/resources`);
  assert.is(res.json().resources.length, 2);
  assert.equal(res.json().resources.find((r: { resource_name: string }) => r.resource_name === "test").links[2], {
    href: `${BASE}/t1/stacks/parent-test-abc/${childId}`,
    rel: "nested",
  });
  res = await h.call("GET", `/v1/t1/stacks/parent/${id}/resources?nested_depth=1`);
  const inner = res.json().resources.find((r: { resource_name: string }) => r.resource_name === "inner");
  assert.is(inner.parent_resource, "test");
  assert.is(inner.links[0].href, `${BASE}/t1/stacks/parent-test-abc/${childId}/resources/inner`);
  res = await h.call("GET", `/v1/t1/stacks/parent/${id}/resources?nested_depth=x`);
  assert.is(res.statusCode, 400);
});

test("one resource, its metadata; an unknown one is 404 in Heat's words", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  let res = await h.call("GET", `/v1/t1/stacks/s1/${id}/resources/test`);
  assert.is(res.statusCode, 200);
  assert.equal(res.json().resource.attributes, { value: "test" });
  assert.is(res.json().resource.description, "");
  res = await h.call("GET", `/v1/t1/stacks/s1/${id}/resources/test/metadata`);
  assert.equal(res.json(), { metadata: { name: "test" } });
  res = await h.call("GET", `/v1/t1/stacks/s1/${id}/resources/nope`);
  assert.is(res.statusCode, 404);
  assert.equal(res.json().error, {
    type: "ResourceNotFound",
    traceback: null,
    message: "The Resource (nope) could not be found in Stack s1.",
  });
});

test("signal passes the body on; an error of the service is its Heat fault", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  const url = `/v1/t1/stacks/s1/${id}/resources/test/signal`;
  let res = await h.call("POST", url, { body: { data: 1 } });
  assert.is(res.statusCode, 200);
  assert.equal(h.ops.calls.at(-1)?.args, [id, "test", { data: 1 }]);
  h.ops.failNext.set(
    "signal",
    new HeatError(400, "ResourceActionNotSupported", "The resource (test) does not support signal."),
  );
  res = await h.call("POST", url);
  assert.is(res.statusCode, 400);
  assert.equal(res.json().error, {
    type: "ResourceActionNotSupported",
    traceback: null,
    message: "The resource (test) does not support signal.",
  });
});

test("mark unhealthy (PATCH): Heat's checks of the body, then the service", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  const url = `/v1/t1/stacks/s1/${id}/resources/test`;
  let res = await h.call("PATCH", url, { body: { mark_unhealthy: true, resource_status_reason: "resource deleted" } });
  assert.is(res.statusCode, 200);
  res = await h.call("GET", url);
  assert.is(res.json().resource.resource_status, "CHECK_FAILED");
  assert.is(res.json().resource.resource_status_reason, "resource deleted");
  res = await h.call("PATCH", url, { body: { resource_status_reason: "x" } });
  assert.is(res.json().error.message, "Missing mandatory (mark_unhealthy) key from mark unhealthy request");
  res = await h.call("PATCH", url, { body: { mark_unhealthy: true, foo: 1 } });
  assert.is(res.json().error.message, "Invalid keys in resource mark unhealthy {'foo'}");
  res = await h.call("PATCH", url, { body: { mark_unhealthy: "perhaps" } });
  assert.is(
    res.json().error.message,
    'Unrecognized value "perhaps" for "mark_unhealthy", acceptable values are: true, false.',
  );
});

test("events: summary fields and links; filters; sort and pages; a resource's; one in full", async () => {
  const h = await apiHarness();
  const id = await createStack(h, "s1");
  const url = `/v1/t1/stacks/s1/${id}/events`;
  let res = await h.call("GET", url);
  assert.is(res.statusCode, 200);
  const events = res.json().events;
  assert.is(events.length, 6);
  assert.equal(Object.keys(events[0]).sort(), [
    "event_time",
    "id",
    "links",
    "logical_resource_id",
    "physical_resource_id",
    "resource_name",
    "resource_status",
    "resource_status_reason",
  ]);
  assert.is(events[0].resource_name, "s1");
  assert.is(events[0].resource_status, "CREATE_IN_PROGRESS");
  assert.equal(
    events[0].links.map((l: { rel: string }) => l.rel),
    ["self", "resource", "stack"],
  );
  assert.is(events[1].links[0].href, `${BASE}/t1/stacks/s1/${id}/resources/test/events/${events[1].id}`);
  res = await h.call("GET", `${url}?resource_status=COMPLETE&resource_name=test`);
  assert.equal(
    res.json().events.map((e: { id: string }) => e.id),
    [events[2].id],
  );
  // Heat matches the event's status column: COMPLETE, not CREATE_COMPLETE
  res = await h.call("GET", `${url}?resource_status=CREATE_COMPLETE`);
  assert.is(res.json().events.length, 0);
  res = await h.call("GET", `${url}?resource_name=test&resource_name=rand`);
  assert.is(res.json().events.length, 4);
  res = await h.call("GET", `${url}?limit=2&sort_dir=desc`);
  assert.equal(
    res.json().events.map((e: { id: string }) => e.id),
    [events[5].id, events[4].id],
  );
  res = await h.call("GET", `${url}?limit=2&marker=${events[1].id}`);
  assert.equal(
    res.json().events.map((e: { id: string }) => e.id),
    [events[2].id, events[3].id],
  );
  res = await h.call("GET", `${url}?nested_depth=1`);
  assert.equal(res.json().events[0].links[3], { href: `${BASE}/t1/stacks/s1/${id}`, rel: "root_stack" });
  res = await h.call("GET", `/v1/t1/stacks/s1/${id}/resources/rand/events`);
  assert.is(res.json().events.length, 2);
  res = await h.call("GET", `/v1/t1/stacks/s1/${id}/resources/nope/events`);
  assert.is(res.statusCode, 404);
  assert.is(res.json().error.message, "No events found for resource nope");
  res = await h.call("GET", `/v1/t1/stacks/s1/${id}/resources/test/events/${events[1].id}`);
  assert.is(res.json().event.resource_type, "OS::Heat::TestResource");
  assert.equal(res.json().event.resource_properties, {});
  res = await h.call("GET", `/v1/t1/stacks/s1/${id}/resources/test/events/nope`);
  assert.is(res.statusCode, 404);
  assert.is(res.json().error.message, "No event nope found");
});

test("validate: the service's answer; its Error is a 400; a YAML template is parsed first", async () => {
  const h = await apiHarness();
  let res = await h.call("POST", "/v1/t1/validate", { body: { template: TEMPLATE } });
  assert.is(res.statusCode, 200);
  assert.equal(res.json(), { Description: "two things", Parameters: {} });
  res = await h.call("POST", "/v1/t1/validate", {
    body: { template: "heat_template_version: 2016-04-08\nresources:\n  s: {type: OS::Nova::Server}\n" },
  });
  assert.is(res.statusCode, 400);
  assert.equal(res.json().error, {
    type: "HTTPBadRequest",
    traceback: null,
    message: "The Resource Type (OS::Nova::Server) could not be found.",
  });
});

const catalog: HeatCatalog = {
  async templateVersions() {
    return [{ version: "heat_template_version.2016-04-08", type: "hot", aliases: ["mitaka"] }];
  },
  async templateFunctions(version, withConditions) {
    if (version !== "heat_template_version.2016-04-08") {
      throw new HeatError(404, "NotFound", `Template with version ${version} not found`);
    }
    const fns = [{ functions: "get_file", description: "A function for including a file inline." }];
    return withConditions
      ? [...fns, { functions: "equals", description: "A function for comparing whether two values are equal." }]
      : fns;
  },
  async resourceTypes(filter, withDescription) {
    const all = ["OS::Heat::None", "OS::Heat::RandomString"].filter(
      (t) => !filter.name || new RegExp(filter.name).test(t),
    );
    return withDescription ? all.map((t) => ({ resource_type: t, description: `about ${t}` })) : all;
  },
  async resourceTypeSchema(type) {
    if (type !== "OS::Heat::RandomString") {
      throw new HeatError(404, "EntityNotFound", `The Resource Type (${type}) could not be found.`);
    }
    return { resource_type: type, properties: {}, attributes: {}, support_status: { status: "SUPPORTED" } };
  },
  async resourceTypeTemplate(type, templateType) {
    return { heat_template_version: "2016-10-14", resources: { x: { type } }, templateType };
  },
};

test("template versions, functions, resource types, schemas, templates: from the service's catalog", async () => {
  const h = await apiHarness();
  h.ops.catalog = catalog;
  let res = await h.call("GET", "/v1/t1/template_versions");
  assert.equal(res.json(), { template_versions: await catalog.templateVersions() });
  res = await h.call("GET", "/v1/t1/template_versions/heat_template_version.2016-04-08/functions");
  assert.is(res.json().template_functions.length, 1);
  res = await h.call(
    "GET",
    "/v1/t1/template_versions/heat_template_version.2016-04-08/functions?with_condition_func=true",
  );
  assert.is(res.json().template_functions.length, 2);
  res = await h.call("GET", "/v1/t1/template_versions/nope/functions");
  assert.is(res.statusCode, 404);
  assert.is(res.json().error.message, "Template with version nope not found");
  res = await h.call("GET", "/v1/t1/resource_types?name=Random&with_description=true");
  assert.equal(res.json(), {
    resource_types: [{ resource_type: "OS::Heat::RandomString", description: "about OS::Heat::RandomString" }],
  });
  res = await h.call("GET", "/v1/t1/resource_types/OS::Heat::RandomString");
  assert.is(res.json().support_status.status, "SUPPORTED");
  res = await h.call("GET", "/v1/t1/resource_types/OS::Nope::Nope");
  assert.is(res.statusCode, 404);
  res = await h.call("GET", "/v1/t1/resource_types/OS::Heat::RandomString/template?template_type=HOT");
  assert.is(res.json().templateType, "hot");
  res = await h.call("GET", "/v1/t1/resource_types/OS::Heat::RandomString/template");
  assert.is(res.json().templateType, "cfn");
  res = await h.call("GET", "/v1/t1/resource_types/OS::Heat::RandomString/template?template_type=xml");
  assert.is(res.statusCode, 400);
  assert.is(
    res.json().error.message,
    'Template type is not supported: Invalid template type "xml", valid types are: cfn, hot.',
  );
});

test("without a catalog those routes say so (501), they invent nothing; build_info answers", async () => {
  const h = await apiHarness({ revision: "0.1.0" });
  const res = await h.call("GET", "/v1/t1/resource_types");
  assert.is(res.statusCode, 501);
  assert.is(res.json().error.type, "HTTPNotImplemented");
  const info = await h.call("GET", "/v1/t1/build_info");
  assert.equal(info.json(), { api: { revision: "0.1.0" }, engine: { revision: "0.1.0" } });
});

test.run();
