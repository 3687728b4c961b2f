// Reading a state file: the file serializeState wrote is read line by line (planner/state-file-lines.ts), any other
// layout as one JSON text; both give the same state, and a file that is not a state fails with the same message.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseStateFileLines } from "../../planner/state-file-lines.js";
import {
  deserializeState,
  type InstanceState,
  newState,
  readState,
  serializeState,
  type State,
} from "../../planner/state.js";

const dir = mkdtempSync(join(tmpdir(), "gantry-state-file-"));
let files = 0;

function fileWith(text: string): string {
  const path = join(dir, `s${files++}.tfstate`);
  writeFileSync(path, text);
  return path;
}

/** readState of the text, and the state (or error) parsing the whole text gives. */
function bothWays(text: string): { read: State | Error; whole: State | Error } {
  const path = fileWith(text);
  const attempt = (f: () => State) => {
    try {
      return f();
    } catch (e) {
      return e as Error;
    }
  };
  return { read: attempt(() => readState(path, "test")), whole: attempt(() => deserializeState(text, path)) };
}

function sample(): State {
  const s = newState("0.1.0");
  s.serial = 7;
  s.lineage = "lin";
  s.outputs = { o: { value: ["a", "é"], type: ["list", "string"] }, p: { value: 1, sensitive: true } };
  const records: InstanceState[] = [
    {
      address: "gantry_noop.a",
      type: "gantry_noop",
      name: "a",
      attributes: { input: "x ✓ \u2028", id: "1", nested: { deep: [1, null] } },
      dependencies: [],
    },
    {
      address: 'gantry_noop.b["k,\\n"]',
      type: "gantry_noop",
      name: "b",
      key: "k,\n",
      attributes: { input: "y", id: "2" },
      dependencies: ["gantry_noop.a"],
      status: "tainted",
      deposed: [{ id: "0" }],
      createBeforeDestroy: true,
      keepOnDestroy: true,
      warnings: ["w"],
      sensitiveAttributes: ["input"],
    },
    {
      address: "module.m.gantry_noop.c[0]",
      type: "gantry_noop",
      name: "c",
      key: 0,
      attributes: { id: "3" },
      dependencies: [],
    },
    {
      address: "data.gantry_noop.d",
      mode: "data",
      type: "gantry_noop",
      name: "d",
      attributes: {},
      dependencies: [],
    },
  ];
  for (const r of records) s.instances.set(r.address, r);
  s.checks = [{ object_kind: "resource", config_addr: "gantry_noop.a", status: "pass" } as never];
  return s;
}

test("the file serializeState wrote is read line by line, to the state parsing it whole gives", () => {
  const text = serializeState(sample());
  assert.ok(parseStateFileLines(fileWith(text)), "read line by line");
  const { read, whole } = bothWays(text);
  assert.equal(read, whole);
  assert.is(serializeState(read as State), text, "written again byte for byte");
});

test("a record with only an instance's own members is the instance's record; the others are copied", () => {
  const { read } = bothWays(serializeState(sample()));
  const s = read as State;
  assert.equal(Object.keys(s.instances.get("gantry_noop.a")!), [
    "address",
    "type",
    "name",
    "dependencies",
    "attributes",
  ]);
  const b = s.instances.get('gantry_noop.b["k,\\n"]')!;
  assert.is(b.key, "k,\n");
  assert.is(b.createBeforeDestroy, true);
  assert.is(b.keepOnDestroy, true);
  assert.equal(b.sensitiveAttributes, ["input"]);
  assert.is(s.instances.get("module.m.gantry_noop.c[0]")!.key, 0);
  assert.is(s.instances.get("data.gantry_noop.d")!.mode, "data");
});

test("other layouts are parsed whole, to the same state", () => {
  const text = serializeState(sample());
  const compact = JSON.stringify(JSON.parse(text));
  const layouts = [
    serializeState(newState("0.1.0")), // no resources: an empty line in the list
    compact,
    JSON.stringify(JSON.parse(text), null, 2),
    text.replaceAll("\n", "\r\n"),
    text.trimEnd(), // no newline at the end
    `${text}\n`,
    text.replace('\n "resources": [', '\n "extra": 1,\n "resources": ['),
    text.replace(/,\n "resources": \[/, ',\n "resources": [1],\n "resources": ['), // the last of two wins
  ];
  for (const layout of layouts) {
    const { read, whole } = bothWays(layout);
    assert.not.instance(whole, Error);
    assert.equal(read, whole);
  }
  assert.is(parseStateFileLines(fileWith(compact)), undefined);
});

test("a file that is not JSON, or not a state, fails as when parsed whole", () => {
  const text = serializeState(sample());
  const broken = [
    text.replace('"name":"a"', '"name":a'), // a resource's line
    text.replace('"serial": 7', '"serial": 7 7'), // the head
    text.replace(/,\n "resources"/, '\n "resources"'), // no comma before "resources"
    `\uFEFF${text}`,
    text.replace('"serial": 7', '"serial": "7"'),
    text.replace('"version": 2', '"version": 3'),
    text.replace(/\n \]\n\}\n$/, "\n ]\n}\n}\n"),
    text.replace(/\n \]\n\}\n$/, "\n ]\n"),
    `{\n "resources": [\n  {"address":"x"}\n ]\n}\n`, // `{` alone before "resources"
    `{\n "serial": 1,\n "lineage": "l",\n "resources": [\n  null\n ]\n}\n`,
    "",
  ];
  for (const layout of broken) {
    const { read, whole } = bothWays(layout);
    assert.instance(whole, Error, layout.slice(0, 40));
    assert.instance(read, Error);
    assert.is((read as Error).message, (whole as Error).message);
  }
});

test("a state of format version 1 has its types read in full", () => {
  const resource = { address: "noop.a", type: "noop", name: "a", dependencies: ["noop.b"], attributes: {} };
  const head = `{\n "version": 1,\n "serial": 1,\n "lineage": "l",\n "outputs": {}`;
  const text = `${head},\n "resources": [\n  ${JSON.stringify(resource)}\n ]\n}\n`;
  const { read, whole } = bothWays(text);
  assert.equal(read, whole);
  const a = (read as State).instances.get("gantry_noop.a")!;
  assert.is(a.type, "gantry_noop");
  assert.equal(a.dependencies, ["gantry_noop.b"]);
  assert.is((read as State).version, 2);
});

test("a resource's line longer than a piece read at once", () => {
  const s = sample();
  s.instances.get("gantry_noop.a")!.attributes.big = "é".repeat(200_000);
  const text = serializeState(s);
  assert.ok(parseStateFileLines(fileWith(text)));
  const { read, whole } = bothWays(text);
  assert.equal(read, whole);
});

test.run();
