// The build's precompiled validators (dist/bundle/precompiled-validators.cjs, contract/precompiled-validators.ts)
// answer exactly as ajv compiling the same schema at run time: same verdict, same errors (keyword, path, params,
// message, data, schema's `expected`), for values of every JSON type. Needs `npm run build`.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createAttributeAjv } from "../../contract/attribute-check.js";
import { PRECOMPILED_VALIDATORS_FILE, type PrecompiledValidators } from "../../contract/precompiled-validators.js";
import { createFieldAjv, FIELD_KEYWORD_CHECKS } from "../../templates/block-check.js";

const file = join(import.meta.dirname, "../../dist/bundle", PRECOMPILED_VALIDATORS_FILE);

const SAMPLES: unknown[] = [
  null,
  true,
  0,
  1.5,
  70000,
  "x",
  "all",
  "noop.a",
  "gantry_noop.a[0].id",
  "no such!",
  [],
  ["noop.a", "bad address!", 3],
  [1, 80, -1],
  {},
  { a: 1, b: "x" },
  { condition: "${true}", error_message: "m" },
];

type Checked = { valid: boolean; errors: unknown[] };

function run(validate: (data: unknown) => boolean, data: unknown): Checked {
  const v = validate as ((data: unknown) => boolean) & { errors?: Record<string, unknown>[] | null };
  const valid = v(structuredClone(data));
  const errors = (v.errors ?? []).map((e) => ({
    keyword: e.keyword,
    instancePath: e.instancePath,
    params: e.params,
    message: e.message,
    data: e.data,
    expected: (e.parentSchema as { expected?: string } | undefined)?.expected,
  }));
  return { valid, errors };
}

test("every precompiled validator answers as ajv's compiled one", () => {
  assert.ok(existsSync(file), `${file} is written by npm run build`);
  const mod = createRequire(import.meta.url)(file) as PrecompiledValidators;
  const sets = [
    { name: "fields", validators: mod.fields(FIELD_KEYWORD_CHECKS), ajv: createFieldAjv() },
    { name: "attributes", validators: mod.attributes, ajv: createAttributeAjv() },
  ];
  for (const { name, validators, ajv } of sets) {
    const keys = Object.keys(validators);
    assert.ok(keys.length > 10, `${name}: ${keys.length} validators`);
    for (const key of keys) {
      const compiled = ajv.compile(JSON.parse(key));
      for (const sample of SAMPLES)
        assert.equal(
          run(validators[key], sample),
          run(compiled, sample),
          `${name} ${key} on ${JSON.stringify(sample)}`,
        );
    }
  }
});

test.run();
