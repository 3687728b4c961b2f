// Heat's types one by one: suspend/resume/check, the delay's arithmetic, the
// random string's generator, Value's conversions, physical ids.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { OperationContext } from "../../../contract/resource-type.js";
import { delaySeconds, heatDelayType } from "../../../provider/types/heat/heat-delay.js";
import { heatShortId } from "../../../provider/types/heat/heat-physical-id.js";
import {
  CHARACTER_CLASSES,
  characterSets,
  generateRandomString,
  heatRandomStringType,
} from "../../../provider/types/heat/heat-random-string.js";
import { heatTestResourceType } from "../../../provider/types/heat/heat-test-resource.js";
import { convertHeatValue, heatValueType } from "../../../provider/types/heat/heat-value.js";
import { testHosts } from "../../engine-fixture.js";

function ctx(name: string, signal = new AbortController().signal): OperationContext {
  return {
    address: `heat_x.${name}`,
    name,
    dataDir: "/tmp/gantry-heat-types-unit",
    configDir: "/tmp",
    signal,
    hosts: testHosts,
    log: () => {},
    warn: () => {},
    limited: () => {},
  };
}

test("physical ids: Heat's short id, STACK-NAME-SHORTID when the stack is known", async () => {
  const ids = new Set(Array.from({ length: 200 }, () => heatShortId()));
  assert.is(ids.size, 200);
  for (const id of ids) assert.match(id, /^[a-z2-7]{12}$/);
  const a = await heatValueType.create({ ...ctx("v"), stackName: "mystack" }, { value: "x", type: null });
  assert.match(String(a.id), /^mystack-v-[a-z2-7]{12}$/);
});

test("heat_random_string: every minimum met, only the allowed characters, over many strings", () => {
  const sets = characterSets({
    length: 10,
    character_classes: [
      { class: "octdigits", min: 2 },
      { class: "lowercase", min: 3 },
    ],
    character_sequences: [{ sequence: "$%", min: 5 }],
  });
  assert.ok(sets);
  for (let i = 0; i < 500; i++) {
    const s = generateRandomString(10, sets ?? []);
    assert.is(s.length, 10);
    assert.ok((s.match(/[0-7]/g) ?? []).length >= 2, s);
    assert.ok((s.match(/[a-z]/g) ?? []).length >= 3, s);
    assert.ok((s.match(/[$%]/g) ?? []).length >= 5, s);
    assert.ok(/^[0-7a-z$%]+$/.test(s), s);
  }
  // minimums exactly the length: every character is placed by a minimum, and still shuffled
  const exact = characterSets({
    character_classes: [{ class: "digits", min: 2 }],
    character_sequences: [{ sequence: "x", min: 2 }],
  });
  const seen = new Set(Array.from({ length: 200 }, () => generateRandomString(4, exact ?? []).replace(/[0-9]/g, "d")));
  assert.ok(seen.size > 1, [...seen].join(" "));
  for (const s of seen) assert.is(s.split("x").length - 1, 2, s);
});

test("heat_random_string: defaults, sequences with the default classes, the deprecated sequence", () => {
  assert.equal(characterSets({}), [{ chars: CHARACTER_CLASSES.lettersdigits, min: 1 }]);
  assert.equal(characterSets({ character_sequences: [{ sequence: "!", min: 1 }] }), [
    { chars: "!", min: 1 },
    { chars: CHARACTER_CLASSES.lettersdigits, min: 1 },
  ]);
  assert.equal(characterSets({ sequence: "hexdigits" }), [{ chars: CHARACTER_CLASSES.hexdigits, min: 1 }]);
  assert.equal(
    heatRandomStringType.validate?.({ length: 2, character_classes: [{ class: "digits", min: 3 }] }, ctx("r")),
    [
      {
        attribute: "",
        message: "Length property cannot be smaller than combined character class and character sequence minimums",
      },
    ],
  );
  const forceNew = Object.entries(heatRandomStringType.schema)
    .filter(([, a]) => a.forceNew)
    .map(([k]) => k);
  assert.equal(forceNew.sort(), ["character_classes", "character_sequences", "length", "salt", "sequence"]);
});

test("heat_value: Heat's conversions and messages", () => {
  assert.is(convertHeatValue("4.5", "number"), 4.5);
  assert.is(convertHeatValue(true, "string"), "True");
  assert.is(convertHeatValue(12, "string"), "12");
  assert.is(convertHeatValue("False", "boolean"), false);
  assert.equal(convertHeatValue(["a"], "comma_delimited_list"), ["a"]);
  assert.equal(convertHeatValue({ a: 1 }, "json"), { a: 1 });
  assert.equal(convertHeatValue({ a: 1 }, undefined), { a: 1 });
  assert.throws(() => convertHeatValue(1.5, "string"), /Value must be a string; got 1.5/);
  assert.throws(() => convertHeatValue("maybe", "boolean"), /"maybe" is not a valid boolean/);
  assert.throws(() => convertHeatValue("a,b", "comma_delimited_list"), /is not a list/);
  assert.throws(() => convertHeatValue([1], "json"), /is not a map/);
  assert.equal(heatValueType.validate?.({ value: "x", type: "number" }, ctx("v")), [
    { attribute: "value", message: "could not convert string to float: 'x'" },
  ]);
});

test("heat_delay: min_wait plus jitter × multiplier × random, only during the listed actions", () => {
  const attrs = { min_wait: 2, max_jitter: 3, jitter_multiplier: 0.5, actions: ["CREATE", "SUSPEND"] };
  assert.is(
    delaySeconds(attrs, "CREATE", () => 0.5),
    2.75,
  );
  assert.is(
    delaySeconds(attrs, "SUSPEND", () => 0),
    2,
  );
  assert.is(
    delaySeconds(attrs, "DELETE", () => 0.5),
    0,
  );
  assert.is(delaySeconds({ min_wait: 1, actions: ["CREATE"] }, "CREATE"), 1);
});

test("suspend/resume/check: the delay pauses on suspend (cancellable); no check of their own", async () => {
  const prior = { min_wait: 3600, max_jitter: 0, jitter_multiplier: 1, actions: ["SUSPEND"], id: "" };
  assert.equal(await heatDelayType.resume?.(ctx("d"), prior), prior, "RESUME not listed: no pause");
  const ac = new AbortController();
  const suspending = heatDelayType.suspend?.(ctx("d", ac.signal), prior);
  ac.abort();
  try {
    await suspending;
    assert.unreachable("the pause should end with the cancel");
  } catch (e) {
    assert.match((e as Error).message, /cancelled/);
  }
  // Heat 19 has no check for either (the recorded scenarios: "CHECK not supported for OS::Heat::TestResource")
  assert.is(heatTestResourceType.check, undefined, "not checked: Heat says CHECK not supported");
  assert.is(heatValueType.check, undefined, "not checked: Heat says CHECK not supported");
});

test("heat_test_resource: constraint_prop_secs waits while planning (preflight)", async () => {
  const t0 = Date.now();
  assert.equal(await heatTestResourceType.preflight?.(ctx("t"), { constraint_prop_secs: 0.2 }), []);
  assert.ok(Date.now() - t0 >= 200);
});

test.run();
