import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Attrs } from "../../contract/values.js";
import { freePort, planLike, waitFor } from "./helpers.js";
import { localHost } from "./local-host.js";
import { builtinType } from "../engine-fixture.js";

const service = builtinType("service");

// Counts SIGHUPs in a file under the host root and serves TCP.
const SERVER = `
const fs = require("fs");
let reloads = 0;
process.on("SIGHUP", () => fs.writeFileSync(process.env.HOST_ROOT + "/reloads", String(++reloads)));
require("net").createServer((s) => s.end("ok")).listen(Number(process.env.PORT), process.env.HOST_ADDRESS);
`;

test("a change of reload_triggers signals the running process instead of restarting it", async () => {
  const address = "127.0.77.71";
  const h = await localHost(address);
  const port = await freePort(address);
  try {
    const ctx = h.ctx("reloader");
    const config: Attrs = {
      host: h.host,
      command: process.execPath,
      args: ["-e", SERVER],
      environment: { PORT: String(port) },
      ports: [port],
      health_check: { type: "tcp", interval_ms: 100, retries: 50 },
      reload_triggers: "config-v1",
    };
    const s1 = await service.create(ctx, planLike(service, null, config, ctx).planned);
    const plan2 = planLike(service, s1, { ...config, reload_triggers: "config-v2" }, ctx);
    assert.is(plan2.planned.pid, s1.pid, "the plan keeps the pid: no restart");
    const s2 = await service.update(ctx, s1, plan2.planned);
    assert.is(s2.pid, s1.pid, "same process after the reload");
    await waitFor(() => {
      try {
        return readFileSync(join(String(h.host.root), "reloads"), "utf8") === "1";
      } catch {
        return false;
      }
    }, 30_000);
    const plan3 = planLike(
      service,
      s2,
      { ...config, reload_triggers: "config-v2", environment: { PORT: String(port), X: "1" } },
      ctx,
    );
    const s3 = await service.update(ctx, s2, plan3.planned);
    assert.is.not(s3.pid, s1.pid, "a change of environment restarts");
  } finally {
    await h.cleanup();
  }
});

test.run();
