import { test } from "uvu";
import * as assert from "uvu/assert";
import { LocalCommandRunner } from "../../provider/hosts/local/local-command-runner.js";

const runner = new LocalCommandRunner();

test("runs a program without a shell, with added environment, and reports its exit code", async () => {
  const r = await runner.run("/bin/sh", ["-c", 'echo "$GANTRY_T $1"; echo err >&2; exit 3', "sh", "a b;c"], {
    GANTRY_T: "t1",
  });
  assert.equal(r, { exitCode: 3, stdout: "t1 a b;c\n", stderr: "err\n" });
});

test("a program that cannot be started answers 127 with the reason", async () => {
  const r = await runner.run("gantry-surely-not-a-program", []);
  assert.is(r.exitCode, 127);
  assert.match(r.stderr, /ENOENT/);
});

test.run();
