// Compiles, ahead of time, every JSON Schema gantry declares itself into ajv's standalone code, written beside the
// bundle (contract/precompiled-validators.ts finds it there): the field schemas of declarations
// (templates/block-schemas.ts) and the attribute schemas of the built-in resource types and data sources that say
// more than their kind. A run then checks them without loading ajv. Run by scripts/bundle-cli.mjs after the
// TypeScript build (it reads dist/).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import standaloneCode from "ajv/dist/standalone/index.js";
import { createAttributeAjv, hasNestedRules, toJsonSchema } from "../dist/contract/attribute-check.js";
import { PRECOMPILED_VALIDATORS_FILE, schemaKey } from "../dist/contract/precompiled-validators.js";
import { BUILTIN_DATA_SOURCES, BUILTIN_RESOURCE_TYPES } from "../dist/provider/resource-types.js";
import * as blockSchemas from "../dist/templates/block-schemas.js";
import { createFieldAjv } from "../dist/templates/block-check.js";

/** Every value schema of a block and the blocks nested in it. */
function fieldSchemas(block, out) {
  for (const rule of Object.values(block.fields)) {
    if (rule.kind === "value") out.push(rule.schema);
    else if (rule.kind === "block") fieldSchemas(rule.block, out);
    else if (rule.kind === "labeled") for (const b of Object.values(rule.labels)) fieldSchemas(b, out);
  }
  return out;
}

/** One set's standalone code, as the body of a function returning { schema key: validator }. */
function setCode(ajv, schemas) {
  const keys = [...new Set(schemas.map(schemaKey))];
  const names = {};
  keys.forEach((key, i) => {
    ajv.addSchema(JSON.parse(key), `v${i}`);
    names[`v${i}`] = `v${i}`;
  });
  const code = standaloneCode(ajv, names);
  const keyed =
    `const keys = ${JSON.stringify(keys)};\n` + 'return Object.fromEntries(keys.map((k, i) => [k, exports["v" + i]]));';
  return { count: keys.length, body: `const exports = {};\n${code}\n${keyed}` };
}

/** Writes the module into `dir`; returns how many validators each set has. */
export function writePrecompiledValidators(dir) {
  const blocks = Object.values(blockSchemas).filter((b) => b && typeof b === "object" && b.fields);
  const fields = setCode(
    createFieldAjv({ code: { source: true } }),
    blocks.flatMap((b) => fieldSchemas(b, [])),
  );
  const attributeSchemas = [...BUILTIN_RESOURCE_TYPES, ...BUILTIN_DATA_SOURCES].flatMap((t) =>
    Object.values(t.schema).filter(hasNestedRules).map(toJsonSchema),
  );
  const attributes = setCode(createAttributeAjv({ code: { source: true } }), attributeSchemas);
  writeFileSync(
    join(dir, PRECOMPILED_VALIDATORS_FILE),
    "// Written by scripts/precompile-validators.mjs: ajv's standalone code for gantry's own schemas.\n" +
      '"use strict";\n' +
      `const attributes = (() => {\n${attributes.body}\n})();\n` +
      `module.exports = {\n  attributes,\n  fields: (checks) => {\n${fields.body}\n  },\n};\n`,
  );
  return { fields: fields.count, attributes: attributes.count };
}
