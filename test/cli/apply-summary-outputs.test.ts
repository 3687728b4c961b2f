// Outputs at the end of an apply print as Terraform prints them: HCL-like values, sensitive ones hidden.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderApplySummary } from "../../cli/render-apply-summary.js";
import { makeStyle } from "../../cli/style.js";

const result = {
  added: 1,
  changed: 0,
  destroyed: 0,
  failed: [],
  skipped: [],
  cancelled: [],
  warnings: [],
  limitations: [],
  diagnostics: [],
};

test("strings quoted, numbers bare, objects and lists in HCL form, sensitive as <sensitive>", () => {
  const outputs = {
    count: { value: 3, sensitive: false },
    name: { value: "zk", sensitive: false },
    hosts: { value: ["a", "b"], sensitive: false },
    ports: { value: { client: 2181, peer: 2888 }, sensitive: false },
    token: { value: "s3cret", sensitive: true },
  };
  const e = { type: "summary" as const, mode: "normal" as const, result, outputs, statePath: "gantry.tfstate" };
  const text = renderApplySummary(e, makeStyle(false), false).join("\n");
  const tail = text.slice(text.indexOf("Outputs:"));
  assert.is(
    tail,
    [
      "Outputs:\n",
      "count = 3",
      'name = "zk"',
      'hosts = ["a", "b"]',
      "ports = { client = 2181, peer = 2888 }",
      "token = <sensitive>",
    ].join("\n"),
  );
  assert.not.match(text, "s3cret");
});

test.run();
