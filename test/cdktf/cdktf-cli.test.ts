// A CDKTF TypeScript app through the CLI, as a user runs it: gantry plan,
// apply, plan (no changes), output, destroy in the app's directory, with
// gantry's own constructs (gantry/cdktf) on a local host; stack selection and
// synthesis errors exit 1 with a clear message.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, testAddress } from "../cli/cli-harness.js";
import { cdktfApp, cdktfJson } from "./cdktf-app-fixture.js";

const address = testAddress();
const MAIN = `
import { App, TerraformOutput, TerraformStack, Token } from "cdktf";
import type { Construct } from "constructs";
import { file, host, noop, provider } from "gantry/cdktf";

class Small extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.GantryProvider(this, "gantry");
    const greeting: string = this.node.tryGetContext("greeting") ?? "none";
    const a = new noop.Noop(this, "a", { input: { greeting } });
    const web = new host.Host(this, "web", { driver: "local", address: "${address}" });
    const motd = new file.File(this, "motd", {
      host: Token.asAnyMap(\`\\\${\${web.fqn}}\`),
      path: "/etc/motd",
      content: \`\${greeting}\\n\`,
    });
    new TerraformOutput(this, "greeting", { value: a.output });
    new TerraformOutput(this, "motd_sha", { value: motd.sha256 });
  }
}

const app = new App();
new Small(app, "small");
new Small(app, "other");
app.synth();
`;

const dir = cdktfApp({
  "main.ts": MAIN,
  "cdktf.json": cdktfJson("node --import tsx main.ts", { context: { greeting: "hello from cdktf.json" } }),
});
const motdPath = join(dir, ".gantry", "stacks", "small", "hosts", "web", "etc", "motd");
const statePath = join(dir, "terraform.small.tfstate");

test("several stacks and no -stack: exit 1, naming them", () => {
  const r = gantry(["plan", dir]);
  assert.is(r.code, 1, r.stdout + r.stderr);
  // cdktf lists them as its manifest holds them: sorted
  assert.match(r.stderr, /Found more than one stack.*-stack NAME.*: other, small/);
});

test("plan and apply a stack: created on a local host, state next to the app", () => {
  const plan = gantry(["plan", dir, "-stack", "small"]);
  assert.is(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /# (gantry_)?file\.motd will be created/);
  assert.match(plan.stdout, /# (gantry_)?host\.web will be created/);
  assert.match(plan.stdout, /greeting = "hello from cdktf\.json"/);
  assert.match(plan.stdout, /Plan: 3 to add, 0 to change, 0 to destroy\./);
  assert.not.ok(existsSync(statePath), "plan writes no state");

  const apply = gantry(["apply", dir, "-stack", "small", "-auto-approve"]);
  assert.is(apply.code, 0, apply.stdout + apply.stderr);
  assert.match(apply.stdout, /Apply complete! Resources: 3 added, 0 changed, 0 destroyed\./);
  assert.is(readFileSync(motdPath, "utf8"), "hello from cdktf.json\n");
  // the state is where the stack's local backend says: terraform.<stack>.tfstate in the app's directory
  const state = JSON.parse(readFileSync(statePath, "utf8"));
  assert.is(state.resources.length, 3);
  assert.not.ok(existsSync(join(dir, "cdktf.out", "stacks", "small", "gantry.tfstate")));
});

test("after apply: no changes; outputs and state list read the stack's state", () => {
  const plan = gantry(["plan", dir, "-stack", "small", "-detailed-exitcode"]);
  assert.is(plan.code, 0, plan.stdout + plan.stderr);
  assert.match(plan.stdout, /No changes\./);
  const out = gantry(["output", dir, "-stack", "small", "-json"]);
  assert.is(out.code, 0, out.stderr);
  assert.equal(JSON.parse(out.stdout).greeting.value, { greeting: "hello from cdktf.json" });
  const list = gantry(["state", "list", "-dir", dir, "-stack", "small"]);
  assert.is(list.code, 0, list.stderr);
  assert.equal(list.stdout.trim().split("\n").length, 3);
  assert.match(list.stdout, /^(gantry_)?file\.motd$/m);
  // the other stack would have a state of its own
  assert.not.ok(existsSync(join(dir, "terraform.other.tfstate")));
});

test("destroy the stack: the file and the state's resources are gone", () => {
  const r = gantry(["destroy", dir, "-stack", "small", "-auto-approve"]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Destroy complete! Resources: 3 destroyed\./);
  assert.not.ok(existsSync(motdPath));
  assert.is(JSON.parse(readFileSync(statePath, "utf8")).resources.length, 0);
});

test("an app that throws: exit 1 with its error, state untouched", () => {
  const before = readFileSync(statePath, "utf8");
  const broken = cdktfApp({
    "main.ts": 'import { App } from "cdktf";\nnew App();\nthrow new Error("region eu-mars-1 does not exist");\n',
    "cdktf.json": cdktfJson("node --import tsx main.ts"),
  });
  const r = gantry(["plan", broken]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /failed while synthesizing/);
  assert.match(r.stderr, /region eu-mars-1 does not exist/);
  assert.is(readFileSync(statePath, "utf8"), before);
});

test.run();
