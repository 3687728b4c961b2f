// Zero dropped requests while routes change: examples/mesos-cluster on local
// hosts, 8 keep-alive HTTP clients through HAProxy the whole time, while the web
// app scales 3 → 10 → 2, rolls every instance to a new command one by one, loses
// an instance to SIGKILL (repaired by reconcile). Every
// request is counted; one failed request (an error status, a reset, a refused
// or timed-out connection) fails the test. The configuration changes are applied
// with -refresh=false to keep the test short; the longer
// test/stress/route-changes.ts refreshes every time, as a user's apply does.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { describeFigures } from "./http-load.js";
import { runRouteChanges } from "./route-changes-scenario.js";

test("no request fails through HAProxy while the app scales, rolls, and loses an instance", async () => {
  const { figures, steps } = await runRouteChanges({ refresh: false, log: (l) => console.log(l) });
  console.log(`  ${describeFigures(figures)}`);
  assert.equal(
    steps.map((s) => s.what),
    [
      "scale 3 → 10",
      "scale 10 → 2",
      "rolling replacement of every instance (new command)",
      "kill one instance, reconcile repairs it",
    ],
  );
  for (const s of steps) assert.ok(s.sent > 0, `requests were sent during "${s.what}"`);
  assert.ok(figures.sent >= 200, `load ran: ${figures.sent} requests`);
  assert.is(figures.failed, 0, describeFigures(figures));
});

test.run();
