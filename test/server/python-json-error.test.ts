// Malformed JSON request bodies are answered as the real Heat 19 answered them
// (real-heat/malformed-json-bodies.json): 400 HTTPBadRequest with Python's json
// error ("Expecting ',' delimiter: line 1 column 9 (char 8)"), positions in
// characters; a body Python reads (NaN) goes on to the controller.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { pythonJsonError } from "../../server/python-json-error.js";
import { apiHarness } from "./api-harness.js";

interface Answer {
  body: string;
  status: number;
  type: string;
  message: string;
}
const recorded = JSON.parse(readFileSync(new URL("./real-heat/malformed-json-bodies.json", import.meta.url), "utf8"))
  .answers as Answer[];

test("Python's json error for each body, as Heat gave it", () => {
  for (const a of recorded) {
    const parsedByPython = a.message === "No stack name specified";
    assert.is(pythonJsonError(a.body), parsedByPython ? undefined : a.message, a.body);
  }
  assert.is(pythonJsonError('{"a": [1, {"b": null}], "c": "\\u00e9\\n"}'), undefined);
});

test("a create whose body does not parse: Heat's 400 body with Python's words", async () => {
  const h = await apiHarness();
  for (const a of recorded.filter((x) => x.type === "HTTPBadRequest" && x.message !== "No stack name specified")) {
    const res = await h.call("POST", "/v1/t1/stacks", { body: a.body });
    assert.is(res.statusCode, a.status, a.body);
    assert.equal(res.json().error, { type: a.type, traceback: null, message: a.message }, a.body);
  }
});

test.run();
