// The rest of the CLI users expect from Terraform: graph, state list/show/mv/rm,
// output, show, refresh, one- and two-dash flags, -var and -var-file, destroy plans.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const dir = tempConfig({
  "main.gantry.yaml": `
variables:
  names: { type: list, default: [a, b] }
  suffix: { type: string, default: "" }
resources:
  gantry_noop.root:
    input: root
  gantry_noop.leaf:
    for_each: "\${toset(var.names)}"
    input: "\${gantry_noop.root.output}/\${each.key}\${var.suffix}"
outputs:
  leaves: { value: "\${gantry_noop.leaf}" }
`,
  "extra.tf.json": JSON.stringify({
    resource: { gantry_noop: { tf: { input: "${gantry_noop.root.id}", "//": { metadata: "cdktf" } } } },
  }),
});

test("apply with -var and --var-file; one- and two-dash flags alike", () => {
  writeFileSync(join(dir, "vals.tfvars.json"), JSON.stringify({ suffix: "!" }));
  const r = gantry([
    "apply",
    "--auto-approve",
    "-var",
    'names=["x","y","z"]',
    "-var-file",
    join(dir, "vals.tfvars.json"),
    dir,
  ]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /5 added/);
  const list = gantry(["state", "list", "-dir", dir]).stdout.trim().split("\n");
  assert.equal(list, [
    'gantry_noop.leaf["x"]',
    'gantry_noop.leaf["y"]',
    'gantry_noop.leaf["z"]',
    "gantry_noop.root",
    "gantry_noop.tf",
  ]);
  const out = JSON.parse(gantry(["output", "-json", dir]).stdout);
  assert.is(out.leaves.value.y.output, "root/y!");
});

test("state show and show -json read the recorded attributes", () => {
  const r = gantry(["state", "show", 'gantry_noop.leaf["x"]', "--dir", dir]);
  assert.match(r.stdout, /output\s+= "root\/x!"/);
  // -json: the members in one order, for a record read as the file's own object (root) as for one copied (x)
  const members = (address: string) =>
    Object.keys(JSON.parse(gantry(["state", "show", "-json", address, "--dir", dir]).stdout));
  assert.equal(members("gantry_noop.root"), ["address", "type", "name", "attributes", "dependencies"]);
  assert.equal(members('gantry_noop.leaf["x"]'), ["address", "type", "name", "key", "attributes", "dependencies"]);
  const s = JSON.parse(gantry(["show", "-json", dir]).stdout);
  assert.is(s.values.root_module.resources.length, 5);
  const x = s.values.root_module.resources.find((r: any) => r.address === 'gantry_noop.leaf["x"]');
  assert.equal([x.type, x.name, x.index, x.values.output], ["gantry_noop", "leaf", "x", "root/x!"]);
  assert.ok(s.serial >= 1 && typeof s.lineage === "string" && s.lineage.length > 10);
});

test("graph prints DOT with an edge per reference, and SVG through Graphviz", () => {
  const r = gantry(["graph", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^digraph G \{/);
  assert.match(r.stdout, /"resource gantry_noop\.leaf" -> "resource gantry_noop\.root"/);
  assert.match(r.stdout, /"resource gantry_noop\.tf" -> "resource gantry_noop\.root"/);
  const svg = join(dir, "graph.svg");
  const g = gantry(["graph", "-svg", svg, dir]);
  assert.is(g.code, 0, g.stderr);
  assert.match(readFileSync(svg, "utf8"), /<svg/);
});

test("state mv renames an instance so the next plan does not recreate it; state rm forgets", () => {
  const mv = gantry(["state", "mv", "-dir", dir, "gantry_noop.tf", "gantry_noop.tf2"]);
  assert.is(mv.code, 0, mv.stderr);
  const cfg = JSON.parse(readFileSync(join(dir, "extra.tf.json"), "utf8"));
  cfg.resource.gantry_noop.tf2 = cfg.resource.gantry_noop.tf;
  delete cfg.resource.gantry_noop.tf;
  writeFileSync(join(dir, "extra.tf.json"), JSON.stringify(cfg));
  const p = gantry(["plan", "-detailed-exitcode", "-var", 'names=["x","y","z"]', "-var", "suffix=!", dir]);
  assert.is(p.code, 0, p.stdout + p.stderr);
  assert.ok(existsSync(join(dir, "gantry.tfstate.backup")), "previous state kept as a backup");
  const rm = gantry(["state", "rm", "-dir", dir, "gantry_noop.tf2"]);
  assert.is(rm.code, 0, rm.stderr);
  const p2 = gantry(["plan", "-json", "-var", 'names=["x","y","z"]', "-var", "suffix=!", dir]);
  const j = JSON.parse(p2.stdout);
  assert.equal(j.resource_changes.find((c: any) => c.address === "gantry_noop.tf2").change.actions, ["create"]);
});

test("plan -destroy lists deletes in the JSON plan; refresh records drift-free state", () => {
  const p = gantry(["plan", "-destroy", "-json", dir]);
  const j = JSON.parse(p.stdout);
  assert.ok(j.resource_changes.length >= 4);
  assert.ok(j.resource_changes.every((c: any) => c.change.actions[0] === "delete"));
  const r = gantry(["refresh", "-var", 'names=["x","y","z"]', dir]);
  assert.is(r.code, 0, r.stderr);
});

test("apply without -auto-approve asks, and only 'yes' applies", () => {
  writeFileSync(join(dir, "more.gantry.yaml"), "resources:\n  gantry_noop.asked:\n    input: 1\n");
  const no = gantry(["apply", "-var", 'names=["x","y","z"]', dir], { input: "no\n" });
  assert.is(no.code, 1);
  assert.match(no.stdout, /Only 'yes' will be accepted/);
  assert.match(no.stdout, /Apply cancelled/);
  const yes = gantry(["apply", "-var", 'names=["x","y","z"]', "-var", "suffix=!", dir], { input: "yes\n" });
  assert.is(yes.code, 0, yes.stdout + yes.stderr);
  assert.match(yes.stdout, /Apply complete!/);
});

test("-var and -var-file apply in command-line order after terraform.tfvars, as in Terraform", () => {
  const d = tempConfig({
    "m.gantry.yaml":
      "variables:\n  x: { type: string, default: d }\nresources:\n  gantry_noop.a:\n    input: ${var.x}\n",
  });
  writeFileSync(join(d, "f.tfvars.json"), JSON.stringify({ x: "file" }));
  const input = (args: string[]) =>
    JSON.parse(gantry(["plan", "-json", ...args, d]).stdout).resource_changes[0].change.after.input;
  assert.is(input([]), "d");
  assert.is(input(["-var", "x=cli", "-var-file", join(d, "f.tfvars.json")]), "file");
  assert.is(input(["-var-file", join(d, "f.tfvars.json"), "-var", "x=cli"]), "cli");
  writeFileSync(join(d, "terraform.tfvars"), 'x = "auto"\n');
  assert.is(input([]), "auto");
  assert.is(input(["-var", "x=cli"]), "cli");
});

test.run();
