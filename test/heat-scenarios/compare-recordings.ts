// Compares a second recording of the scenarios (made with
// `node scripts/record-heat-scenarios.mjs --out DIR`) with the checked-in one,
// through the same comparison the gantry test uses: what differs between two
// runs of the real Heat is what the comparison must tolerate (or the scenario
// is not deterministic enough to hold gantry to).
//
//   node --import tsx test/heat-scenarios/compare-recordings.ts DIR [FILTER...]

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareScenario } from "./scenario-comparison.js";
import { type Recording, type ScenarioCatalogue, scenarioKey } from "./scenario-records.js";

const here = new URL(".", import.meta.url).pathname;
const [otherDir, ...filters] = process.argv.slice(2);
if (!otherDir) {
  console.error("usage: node --import tsx test/heat-scenarios/compare-recordings.ts DIR [FILTER...]");
  process.exit(2);
}
const catalogue = JSON.parse(readFileSync(join(here, "scenarios.json"), "utf8")) as ScenarioCatalogue;
let differing = 0;
for (const s of catalogue.scenarios) {
  const key = scenarioKey(s);
  if (filters.length && !filters.some((f) => key.includes(f))) continue;
  const mine = join(here, "recorded", `${key}.json`);
  const other = join(otherDir, `${key}.json`);
  if (!existsSync(mine) || !existsSync(other)) continue;
  const a = JSON.parse(readFileSync(mine, "utf8")) as Recording;
  const b = JSON.parse(readFileSync(other, "utf8")) as Recording;
  const diffs = compareScenario(s, a, b.steps);
  if (diffs.length) {
    differing++;
    console.log(`${key}:\n  ${diffs.join("\n  ").replaceAll(" in gantry", " in the second run")}`);
  }
}
console.log(`${differing} scenarios differ between the two recordings`);
