// Answers of the real Heat 19 (recorded under test/server/real-heat/ with
// tenant "admin") replayed against gantry's API wherever the answer does not
// depend on what Heat's engine holds: error bodies, version discovery, build
// info, the empty list. Status and body must be the same, byte for byte in
// JSON terms.
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { apiHarness } from "./api-harness.js";

const DIR = new URL("./real-heat/", import.meta.url).pathname;

interface Recorded {
  /** `headers`: those sent beside the token (a Content-Type other than application/json). */
  request: { method: "GET" | "POST" | "PUT" | "DELETE"; path: string; headers?: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

/** Recordings whose answer gantry gives the same (the others need Heat's engine or catalog behind them). */
const SAME = [
  "version-discovery",
  "version-unknown",
  "stack-list-empty",
  "stack-lookup-unknown",
  "stack-lookup-subpath-unknown",
  "stack-show-unknown",
  "stack-update-unknown",
  "stack-delete-unknown",
  "build-info",
  "validate-no-version",
  "validate-not-mapping",
  "create-no-name",
  "create-no-template",
  "create-bad-env",
  "create-bad-timeout",
  "list-bad-limit",
  "list-negative-limit",
  "list-bad-bool",
  "list-bad-sort-dir",
  "list-bad-sort-key",
  "list-with-count",
  "method-not-allowed",
  "resource-type-template-bad",
  "create-octet-stream",
  "create-json-leading-space",
  "validate-form-urlencoded",
  "action-no-body",
  "update-no-body",
  "create-bad-json",
];

test("every recording named here exists", () => {
  const names = readdirSync(DIR).map((f) => f.replace(/\.json$/, ""));
  for (const n of SAME) assert.ok(names.includes(n), n);
});

for (const name of SAME) {
  test(`as the real Heat: ${name}`, async () => {
    const rec = JSON.parse(readFileSync(`${DIR}${name}.json`, "utf8")) as Recorded;
    const h = await apiHarness();
    await h.ops.store.issueToken("admin", ["admin"]);
    const token = (await h.ops.store.issueToken("admin", ["admin"])).token;
    const res = await h.call(rec.request.method, rec.request.path, {
      token,
      ...(rec.request.body !== null ? { body: rec.request.body } : {}),
      ...(rec.request.headers && { headers: rec.request.headers }),
    });
    assert.is(res.statusCode, rec.response.status);
    assert.is(res.headers["content-type"], rec.response.headers["content-type"]);
    assert.equal(res.json(), rec.response.body);
  });
}

test.run();
