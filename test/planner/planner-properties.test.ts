// Properties of the planner over random configurations and random drift on the sim driver, through the Engine API
// (fixed seeds, modest runs; the long run is test/stress/planner-properties.ts): apply then plan is empty; destroy
// order is the reverse of create order along every edge; a saved plan applies once; failed operations leave state
// from which a second apply converges without redoing what succeeded; -target touches only the target and what it
// depends on.
import { test } from "uvu";
import fc from "fast-check";
import { PROPERTIES } from "./planner-properties.js";

const RUNS = 12;
for (const [name, property] of Object.entries(PROPERTIES) as [string, () => fc.IAsyncPropertyWithHooks<unknown[]>][])
  test(`planner property: ${name} (${RUNS} random configurations, fixed seed)`, async () => {
    await fc.assert(property(), { seed: 20261202, numRuns: RUNS, endOnFailure: true });
  });

test.run();
