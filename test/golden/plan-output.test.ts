// Golden outputs: what the CLI prints for the examples and for a set of
// configurations (plans from empty state, an update plan over applied state,
// a destroy plan, BDE import, bad input), recorded once and compared byte for
// byte, so a reshaping of the code cannot change what users see unnoticed.
// GANTRY_UPDATE_GOLDEN=1 records them anew (then read the diff before committing).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gantry } from "../cli/cli-harness.js";
import { referencePath } from "../services/reference.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const repo = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const expectedDir = join(here, "expected");
const update = process.env.GANTRY_UPDATE_GOLDEN === "1";

function normalize(text: string, dirs: string[]): string {
  let t = text;
  for (const d of dirs) t = t.split(d).join("<dir>");
  t = t.split(repo).join("<repo>");
  // hashes of file contents that hold host paths (the contents themselves are shown in full)
  t = t.replace(/\b[0-9a-f]{64}\b/g, "<sha256>");
  t = t.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
  t = t.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>");
  t = t.replace(/after \d+(\.\d+)?m?s/g, "after <t>");
  t = t.replace(/"elapsed(_ms)?":\d+/g, '"elapsed$1":<t>');
  return t;
}

function golden(name: string, actual: string): void {
  const file = join(expectedDir, name);
  if (update || !existsSync(file)) {
    mkdirSync(expectedDir, { recursive: true });
    writeFileSync(file, actual);
    if (!update) assert.unreachable(`golden file ${name} was missing; recorded it now: run again`);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (expected !== actual) {
    const a = actual.split("\n");
    const e = expected.split("\n");
    const i = a.findIndex((l, k) => l !== e[k]);
    assert.unreachable(
      `${name} differs from the recorded output at line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}`,
    );
  }
}

/**
 * A copy of a case directory (or an example) in a fresh temporary directory:
 * paths in the output then have the same length wherever the repository is.
 */
function copyCase(name: string, from = join(here, "cases")): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-golden-"));
  cpSync(join(from, name), dir, { recursive: true });
  return dir;
}

function run(args: string[], dirs: string[]): { code: number; out: string } {
  const r = gantry([...args, "-no-color"]);
  return { code: r.code, out: normalize(`exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`, dirs) };
}

test("examples/quickstart: plan and plan -json from empty state", () => {
  const state = join(mkdtempSync(join(tmpdir(), "gantry-golden-")), "s.tfstate");
  const dir = copyCase("quickstart", join(repo, "examples"));
  golden("quickstart.plan.txt", run(["plan", "-refresh=false", "-state", state, dir], [dir]).out);
  golden("quickstart.plan.json", run(["plan", "-json", "-refresh=false", "-state", state, dir], [dir]).out);
});

test("examples/mesos-cluster: plan and plan -json from empty state", () => {
  const state = join(mkdtempSync(join(tmpdir(), "gantry-golden-")), "s.tfstate");
  const dir = copyCase("mesos-cluster", join(repo, "examples"));
  golden("mesos-cluster.plan.txt", run(["plan", "-refresh=false", "-state", state, dir], [dir]).out);
  golden("mesos-cluster.plan.json", run(["plan", "-json", "-refresh=false", "-state", state, dir], [dir]).out);
});

test("Terraform JSON: count, for_each, lifecycle, sensitive, outputs on a sim host", () => {
  const dir = copyCase("tf-json");
  golden("tf-json.plan.txt", run(["plan", dir], [dir]).out);
  golden("tf-json.plan.json", run(["plan", "-json", dir], [dir]).out);
  golden("tf-json.graph.dot", run(["graph", dir], [dir]).out);
});

test("YAML: apply, then an update plan (update, replace both orders, delete, create), then destroy", () => {
  const dir = copyCase("yaml-v1");
  const applied = run(["apply", "-auto-approve", "-parallelism", "1", dir], [dir]);
  assert.is(applied.code, 0, applied.out);
  golden("yaml-v1.apply.txt", applied.out);
  cpSync(join(here, "cases", "yaml-v2", "main.gantry.yaml"), join(dir, "main.gantry.yaml"));
  golden("yaml-update.plan.txt", run(["plan", dir], [dir]).out);
  golden("yaml-update.plan.json", run(["plan", "-json", dir], [dir]).out);
  golden("yaml-update.destroy-plan.txt", run(["plan", "-destroy", dir], [dir]).out);
  golden("yaml-update.state-list.txt", run(["state", "list", "-dir", dir], [dir]).out);
});

test("BDE: a spec imported and planned", () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-golden-"));
  const out = join(dir, "mesos.gantry.yaml");
  const imported = run(["import", "bde", referencePath("bde-mesos_full_cluster.json"), "-o", out], [dir]);
  golden("bde.import.txt", imported.out.split(referencePath("bde-mesos_full_cluster.json")).join("<spec>"));
  golden("bde.blueprint.yaml", readFileSync(out, "utf8"));
  golden("bde.plan.txt", run(["plan", "-refresh=false", dir], [dir]).out);
});

test("bad input: located errors", () => {
  const yaml = copyCase("bad-yaml");
  golden("bad-yaml.validate.txt", run(["validate", yaml], [yaml]).out);
  const cyc = copyCase("bad-tfjson");
  golden("bad-tfjson.plan.txt", run(["plan", cyc], [cyc]).out);
  golden("bad-tfjson.validate-json.txt", run(["validate", "-json", cyc], [cyc]).out);
});

test.run();
