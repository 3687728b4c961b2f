// A request sent as application/xml that Heat refuses is answered in XML, as
// Heat 19's fault wrapper answers it: `<code>404</code>`, Content-Type
// `application/xml; charset=UTF-8` (real-heat/xml-request-errors.json). A
// request sent as JSON keeps Heat's JSON error body.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { apiHarness } from "./api-harness.js";

interface Answer {
  request: { method: "GET" | "POST" | "DELETE"; path: string; headers: Record<string, string>; body: string | null };
  response: { status: number; "content-type": string; body: string };
}
const recorded = JSON.parse(readFileSync(new URL("./real-heat/xml-request-errors.json", import.meta.url), "utf8"))
  .answers as Answer[];

for (const a of recorded) {
  test(`as the real Heat, sent as XML: ${a.request.method} ${a.request.path}`, async () => {
    const h = await apiHarness();
    const token = (await h.ops.store.issueToken("admin", ["admin"])).token;
    const res = await h.call(a.request.method, a.request.path, {
      token,
      headers: a.request.headers,
      ...(a.request.body !== null && { body: a.request.body }),
    });
    assert.is(res.statusCode, a.response.status);
    assert.is(res.headers["content-type"], a.response["content-type"]);
    assert.is(res.body, a.response.body);
  });
}

test("the same refusal sent as JSON: Heat's JSON error body", async () => {
  const h = await apiHarness();
  const res = await h.call("GET", "/v1/t1/stacks/nosuch/abc");
  assert.is(res.statusCode, 404);
  assert.is(res.headers["content-type"], "application/json");
  assert.is(res.json().error.type, "EntityNotFound");
});

test.run();
