// Outputs at the end of an apply print as Terraform 1.11 prints them (views/apply.go: "\nOutputs:\n\n", then what
// `terraform output` prints): sorted by name, values as its console shows them, sensitive ones hidden.
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

test("after a blank line, sorted; strings quoted, numbers bare, collections one item a line; sensitive hidden", () => {
  const outputs = {
    count: { value: 3, sensitive: false },
    name: { value: "zk", sensitive: false },
    hosts: { value: ["a", "b"], sensitive: false },
    ports: { value: { client: 2181, peer: 2888 }, sensitive: false },
    token: { value: "s3cret", sensitive: true },
  };
  const e = { type: "summary" as const, mode: "normal" as const, result, outputs, statePath: "gantry.tfstate" };
  // as the CLI writes each line: a newline added where the line has none
  const text = renderApplySummary(e, makeStyle(false), false)
    .map((l) => (l.endsWith("\n") ? l : `${l}\n`))
    .join("");
  const tail = text.slice(text.indexOf("Outputs:"));
  assert.is(
    tail,
    [
      "Outputs:",
      "",
      "count = 3",
      "hosts = [",
      '  "a",',
      '  "b",',
      "]",
      'name = "zk"',
      "ports = {",
      '  "client" = 2181',
      '  "peer" = 2888',
      "}",
      "token = <sensitive>",
      "",
    ].join("\n"),
  );
  assert.not.match(text, "s3cret");
});

test.run();
