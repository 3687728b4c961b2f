// A real local host (sandbox root + loopback address) created through the
// host type, for resource-type tests.

import type { Attrs } from "../../contract/values.js";
import { makeCtx, planLike, removeDir, tempDir, type TestContext } from "./helpers.js";
import { builtinType } from "../engine-fixture.js";

export interface LocalHostFixture {
  dir: string;
  host: Attrs;
  ctx: (name: string) => TestContext;
  cleanup(): Promise<void>;
}

export async function localHost(address: string, name = "lh"): Promise<LocalHostFixture> {
  const dir = tempDir();
  const hostType = builtinType("host");
  const hctx = makeCtx(dir, name);
  const host = await hostType.create(hctx, planLike(hostType, null, { driver: "local", address }, hctx).planned);
  return {
    dir,
    host,
    ctx: (n) => makeCtx(dir, n),
    async cleanup() {
      try {
        await hostType.delete(hctx, host); // stops every process started on the host
      } finally {
        removeDir(dir);
      }
    },
  };
}
