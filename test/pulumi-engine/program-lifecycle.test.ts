// `gantry pulumi` end to end through the CLI: a JavaScript program with a plain dynamic provider writing real
// files, a component resource, stack outputs and a secret; a second up with no change, an edit that replaces one
// resource, destroy leaving nothing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry } from "../cli/cli-harness.js";
import { FILE_PROVIDER, programDir } from "./program-dir.js";

const program = (dir: string, soloName: string) => `${FILE_PROVIDER}
class Site extends pulumi.ComponentResource {
  constructor(name, args, opts) {
    super("demo:index:Site", name, {}, opts);
    const path = ${JSON.stringify(dir)} + "/" + name + ".html";
    this.page = new FileRes(name + "-page", { path, content: args.content }, { parent: this });
    this.registerOutputs({ path: this.page.path });
  }
}
const config = new pulumi.Config();
const site = new Site("site", { content: config.get("content") || "hello" });
const solo = new FileRes("solo", { path: ${JSON.stringify(dir)} + "/${soloName}", content: pulumi.secret("s3cret") },
  { dependsOn: [site] });
exports.pagePath = site.page.path;
exports.pageSize = site.page.size;
exports.soloContent = solo.content;
`;

test("up creates, a second up changes nothing, an edit replaces one resource, destroy leaves nothing", () => {
  const dir = programDir("demo", {});
  writeFileSync(join(dir, "index.js"), program(dir, "solo.txt"));

  const preview = gantry(["pulumi", "preview", dir]);
  assert.is(preview.code, 0, preview.stderr + preview.stdout);
  assert.match(preview.stdout, "Previewing update (dev):");
  assert.match(preview.stdout, " +  pulumi:pulumi:Stack demo-dev create");
  assert.match(preview.stdout, " +     pulumi-nodejs:dynamic:Resource site-page create");
  assert.match(preview.stdout, /pageSize\s*: output<string>/);
  assert.match(preview.stdout, "Resources:\n    + 4 to create");
  assert.not.ok(existsSync(join(dir, "site.html")), "a preview changes nothing");

  const up = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(up.code, 0, up.stderr + up.stdout);
  assert.match(up.stdout, "Updating (dev):");
  assert.match(up.stdout, "pulumi-nodejs:dynamic:Resource solo created");
  assert.match(up.stdout, "Resources:\n    + 4 created");
  assert.match(up.stdout, /soloContent: \[secret\]/);
  assert.is(readFileSync(join(dir, "site.html"), "utf8"), "hello");
  assert.is(readFileSync(join(dir, "solo.txt"), "utf8"), "s3cret");
  const state = readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8");
  assert.match(state, '"address":"urn:pulumi:dev::demo::demo:index:Site$pulumi-nodejs:dynamic:Resource::site-page"');

  const out = gantry(["pulumi", "stack", "output", "--json", dir]);
  assert.is(out.code, 0, out.stderr);
  assert.equal(JSON.parse(out.stdout), { pagePath: join(dir, "site.html"), pageSize: 5, soloContent: "[secret]" });
  const table = gantry(["pulumi", "stack", "output", dir]);
  assert.match(table.stdout, /Current stack outputs \(3\):\n\s+OUTPUT\s+VALUE\n/);
  assert.match(table.stdout, /soloContent\s+\[secret\]/);
  const one = gantry(["pulumi", "stack", "output", "pageSize", "-C", dir]);
  assert.is(one.stdout, "5\n");

  const again = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(again.code, 0, again.stderr + again.stdout);
  assert.match(again.stdout, "Resources:\n    4 unchanged");
  assert.not.match(again.stdout, /created|updated|deleted/);

  // config changes one resource in place; a new path replaces the other
  writeFileSync(join(dir, "Pulumi.dev.yaml"), "config:\n  demo:content: bye\n");
  writeFileSync(join(dir, "index.js"), program(dir, "solo2.txt"));
  const plan = gantry(["pulumi", "preview", dir]);
  assert.is(plan.code, 0, plan.stderr + plan.stdout);
  assert.match(plan.stdout, " ~     pulumi-nodejs:dynamic:Resource site-page update [diff: ~content]");
  assert.match(plan.stdout, '      ~ content: "hello" => "bye"');
  assert.match(plan.stdout, " +- pulumi-nodejs:dynamic:Resource solo replace [diff: ~path]");
  assert.match(plan.stdout, "    ~ 1 to update\n    +-1 to replace\n    2 unchanged");
  const edit = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(edit.code, 0, edit.stderr + edit.stdout);
  assert.match(edit.stdout, "    ~ 1 updated\n    +-1 replaced\n    2 unchanged");
  assert.is(readFileSync(join(dir, "site.html"), "utf8"), "bye");
  assert.ok(existsSync(join(dir, "solo2.txt")));
  assert.not.ok(existsSync(join(dir, "solo.txt")), "the replaced object is deleted");

  const destroy = gantry(["pulumi", "destroy", "--yes", dir]);
  assert.is(destroy.code, 0, destroy.stderr + destroy.stdout);
  assert.match(destroy.stdout, "Destroying (dev):");
  assert.match(destroy.stdout, "    - 4 deleted");
  assert.not.ok(existsSync(join(dir, "site.html")));
  assert.not.ok(existsSync(join(dir, "solo2.txt")));
  const after = JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8"));
  assert.equal(after.resources, []);
  assert.match(gantry(["pulumi", "stack", "output", dir]).stdout, "No output values currently in this stack");
});

test.run();
