import { test } from "uvu";
import * as assert from "uvu/assert";
import { testEngine } from "../../engine-fixture.js";
import { HeatTypesStack } from "./heat-stack-fixture.js";

test("heat_value and heat_test_resource: create, update in place keeps the id, replacement makes a new one", async () => {
  const s = new HeatTypesStack(testEngine());
  const r1 = await s.apply({
    heat_value: { v: { value: "3", type: "number" } },
    heat_test_resource: { t: { value: "one" } },
    heat_none: { n: { properties: { flavor: "m1.small" } } },
  });
  assert.equal(r1.result.failed, []);
  console.log(s.attrs("heat_value.v"), s.attrs("heat_test_resource.t"), s.attrs("heat_none.n"));
});

test.run();
