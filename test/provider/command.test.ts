import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { planLike } from "./helpers.js";
import { localHost } from "./local-host.js";
import { builtinType } from "../engine-fixture.js";

const command = builtinType("command");

test("runs once; creates guard skips; read is null when the created path disappears", async () => {
  const h = await localHost("127.0.77.60");
  try {
    const ctx = h.ctx("init");
    const config = {
      host: h.host,
      command: 'mkdir -p data && echo "$GREETING from $HOST_NAME" | tee data/done && echo run >> data/count',
      creates: "/data/done",
      environment: { GREETING: "hi" },
    };
    const s = await command.create(ctx, planLike(command, null, config, ctx).planned);
    assert.is(s.ran, true);
    assert.is(s.exit_code, 0);
    assert.is(s.stdout, "hi from lh\n");
    assert.is(s.timeout_seconds, 300);
    assert.equal(await command.read(ctx, s), s);
    assert.is(planLike(command, s, config, ctx).action, "noop");

    // Already created: a new instance skips the command.
    const skipped = await command.create(ctx, planLike(command, null, config, ctx).planned);
    assert.is(skipped.ran, false);
    assert.is(skipped.exit_code, null);

    rmSync(join(String(h.host.root), "data/done"));
    assert.is(await command.read(ctx, s), null, "creates path gone → instance gone");
    const again = await command.create(ctx, planLike(command, null, config, ctx).planned);
    assert.is(again.ran, true);
    assert.ok(existsSync(join(String(h.host.root), "data/done")));
  } finally {
    await h.cleanup();
  }
});

test("unless guard; failure names exit code and stderr; destroy_command; timeout", async () => {
  const h = await localHost("127.0.77.61");
  try {
    const ctx = h.ctx("c");
    const marker = join(String(h.host.root), "ran");
    const skipped = await command.create(
      ctx,
      planLike(command, null, { host: h.host, command: "touch ran", unless: "true" }, ctx).planned,
    );
    assert.is(skipped.ran, false);
    assert.is(existsSync(marker), false);
    const ran = await command.create(
      ctx,
      planLike(
        command,
        null,
        { host: h.host, command: "touch ran", unless: "test -e ran", destroy_command: "rm ran" },
        ctx,
      ).planned,
    );
    assert.is(ran.ran, true);
    assert.ok(existsSync(marker));
    await command.delete(ctx, ran);
    assert.is(existsSync(marker), false, "destroy_command ran");

    await command
      .create(ctx, planLike(command, null, { host: h.host, command: "echo bad thing >&2; exit 4" }, ctx).planned)
      .then(
        () => assert.unreachable("non-zero exit must fail"),
        (e: Error) => {
          assert.match(e.message, /command exited with code 4 on local host lh/);
          assert.match(e.message, /bad thing/);
        },
      );
    await command
      .create(ctx, planLike(command, null, { host: h.host, command: "sleep 5", timeout_seconds: 0.2 }, ctx).planned)
      .then(
        () => assert.unreachable("timeout"),
        (e: Error) => assert.match(e.message, /timed out/),
      );
    // Changing command replaces; changing a guard updates in place without running.
    const base = { host: h.host, command: "echo x", unless: "false" };
    const s = await command.create(ctx, planLike(command, null, base, ctx).planned);
    assert.is(planLike(command, s, { ...base, command: "echo y" }, ctx).action, "replace");
    const upd = planLike(command, s, { ...base, unless: "true" }, ctx);
    assert.is(upd.action, "update");
    const s2 = await command.update(ctx, s, upd.planned);
    assert.is(s2.stdout, "x\n");
    assert.is(s2.unless, "true");
  } finally {
    await h.cleanup();
  }
});

test.run();
