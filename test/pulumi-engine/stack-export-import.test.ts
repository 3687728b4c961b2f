// `gantry pulumi stack export` / `stack import`: the stack's record in Pulumi's deployment format v3 (manifest with
// its magic, the passphrase provider's salt, resources after what they need, secrets encrypted or, shown,
// `{sig, plaintext}`), and a deployment imported back: the next `up` changes nothing.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { setStackConfigValue } from "../../pulumi-engine/config/stack-config-writer.js";
import { Engine } from "../../engine/engine.js";
import { exportPulumiStack, importPulumiStack } from "../../pulumi-engine/pulumi-operation.js";
import { gantry } from "../cli/cli-harness.js";
import { FILE_PROVIDER, programDir, runProgram, steps } from "./program-dir.js";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG = "4dabf18193072939515e22adb298388d";
const env = { ...process.env, PULUMI_CONFIG_PASSPHRASE: "export me" };

test("export writes deployment v3; a shown export imported back leaves nothing to change", async () => {
  process.env.PULUMI_CONFIG_PASSPHRASE = "export me";
  const dir = programDir("exp", {});
  await setStackConfigValue({ dir, stack: "dev", key: "pw", value: "hunter2", secret: true, env });
  writeFileSync(
    join(dir, "index.js"),
    `${FILE_PROVIDER}
const cfg = new pulumi.Config();
const f = new FileRes("f", { path: ${JSON.stringify(join(dir, "f.txt"))}, content: "x" });
exports.size = f.size;
exports.pw = cfg.requireSecret("pw");
`,
  );
  const up = await runProgram(dir, "up");
  assert.ok(up.outcome.ok, `${up.outcome.error}\n${up.logs}`);

  const doc = await exportPulumiStack(new Engine(), dir, "dev", { env });
  assert.is(doc.version, 3);
  const m = doc.deployment.manifest;
  assert.is(m.magic, createHash("sha256").update(m.version).digest("hex"));
  assert.is(doc.deployment.secrets_providers?.type, "passphrase");
  assert.match(doc.deployment.secrets_providers?.state.salt ?? "", /^v1:/);
  const urns = doc.deployment.resources.map((r) => r.urn as string);
  assert.equal(
    urns.map((u) => u.split("::").pop()),
    ["exp-dev", "default", "f"],
    "the stack, then the provider, then the resource using it",
  );
  const stack = doc.deployment.resources[0] as { outputs: Record<string, Record<string, unknown>> };
  assert.is(stack.outputs.pw[SIG], SECRET_SIG);
  assert.match(String(stack.outputs.pw.ciphertext), /^v1:/);
  assert.not.match(JSON.stringify(doc), "hunter2");

  const shown = await exportPulumiStack(new Engine(), dir, "dev", { env, showSecrets: true });
  const shownStack = shown.deployment.resources[0] as { outputs: Record<string, Record<string, unknown>> };
  assert.equal(shownStack.outputs.pw, { [SIG]: SECRET_SIG, plaintext: '"hunter2"' });

  const n = await importPulumiStack(new Engine(), dir, shown, { env });
  assert.is(n, 3);
  const again = await runProgram(dir, "up");
  assert.ok(again.outcome.ok, again.logs);
  assert.equal(
    steps(again.events).filter((s) => !s.startsWith("same ")),
    [],
  );
  assert.equal(again.outcome.outputs.size, 1);

  // through the CLI: the document on standard output; a deployment of another stack is refused
  const cli = gantry(["pulumi", "stack", "export", "-C", dir], { env: { PULUMI_CONFIG_PASSPHRASE: "export me" } });
  assert.is(cli.code, 0, cli.stderr);
  assert.is(JSON.parse(cli.stdout).version, 3);
  const other = JSON.parse(JSON.stringify(shown).replaceAll("urn:pulumi:dev::", "urn:pulumi:prod::"));
  try {
    await importPulumiStack(new Engine(), dir, other, { env });
    assert.unreachable("a deployment of another stack is refused");
  } catch (e) {
    assert.match((e as Error).message, "is from a different stack");
  }
  const gone = await runProgram(dir, "destroy");
  assert.ok(gone.outcome.ok, gone.logs);
});

test.run();
