#!/usr/bin/env node
// Generates gantry's Pulumi resource classes (the package's `gantry/pulumi`
// export) from the engine's resource-type schemas: one class per gantry type
// (`File` for gantry_file), each a pulumi.dynamic.Resource with a typed
// `FileArgs` interface (configurable attributes, camelCase as Pulumi names
// them) and an output per attribute. The generated files are never edited by
// hand: pulumi/resources/ and pulumi/index.ts. The rest of pulumi/ (the
// provider, the resource base class, the runtime) is written by hand.
//
//   node scripts/generate-pulumi-bindings.mjs              # writes pulumi/resources and pulumi/index.ts
//   ... --out DIR                                          # writes DIR/resources and DIR/index.ts
//
// The schemas come from the compiled engine (dist/): build first. A schema
// says more than Terraform's provider-schema JSON (which cdktf/ is made from):
// which attribute changes force a replacement, defaults, allowed values.

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function option(name) {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function load(path) {
  try {
    return await import(pathToFileURL(join(root, "dist", path)).href);
  } catch (e) {
    throw new Error(`could not load dist/${path} (${e.message}); build first (npm run build)`);
  }
}

const { Engine } = await load("engine/engine.js");
const { hostAttribute } = await load("provider/types/host-bound.js");

/** Attributes of a type that are outputs only though the schema lets configuration set them (a cluster's record). */
const OUTPUT_ONLY = {
  gantry_cluster: ["placement", "endpoints", "zookeeper_ids", "tasks"],
};
/** Outputs the provider adds beyond the schema (runtime/cluster-operations.ts), with their type and description. */
const EXTRA_OUTPUTS = {
  gantry_cluster: [
    ["haproxyUrl", "string | undefined", "The first HAProxy route's URL (http://ADDRESS:SERVICE_PORT/)."],
    ["zookeeperConnectString", "string | undefined", "The ZooKeeper ensemble's connect string (host:port,...)."],
    [
      "gantryState",
      "string",
      "gantry's state of the cluster's expansion and the configuration it was applied with (always a secret).",
    ],
  ],
};
/** Outputs always kept secret. */
const SECRET_OUTPUTS = { gantry_cluster: ["gantryState"] };

/** What a host-bound class's \`host\` input says (the schema's description names gantry's own syntax). */
const HOST_ARG =
  "The host to act on: a gantry Host resource, or a host's attributes (HostAttributes). Changing it replaces the " +
  "resource.";

const pulumiName = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const className = (type) => pulumiName(type.replace(/^gantry_/, "_")).replace(/^_?(.)/, (_, c) => c.toUpperCase());
const fileName = (type) => type.replace(/^gantry_/, "").replace(/_/g, "-");
const isConfigurable = (s) => !!s.required || !!s.optional || !s.computed;

/** A TypeScript type for an attribute schema; `input`: every nested value may be a Pulumi input. */
function tsType(s, input, indent) {
  const wrap = (t) => (input ? `pulumi.Input<${t}>` : t);
  switch (s.kind) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "bool":
      return "boolean";
    case "list":
      return s.element ? `${wrap(tsType(s.element, input, indent))}[]` : "any[]";
    case "map":
      return `{ [key: string]: ${s.element ? wrap(tsType(s.element, input, indent)) : "any"} }`;
    case "object": {
      if (!s.attributes) return "{ [key: string]: any }";
      const inner = `${indent}  `;
      const fields = Object.entries(s.attributes).map(([k, a]) => {
        const doc = docLines(a, inner);
        return `${doc}${inner}${pulumiName(k)}${a.required ? "" : "?"}: ${wrap(tsType(a, input, inner))};`;
      });
      return `{\n${fields.join("\n")}\n${indent}}`;
    }
    default:
      return "any";
  }
}

function describe(s) {
  const parts = [s.description.trim()];
  if (s.allowed) parts.push(`One of: ${s.allowed.map((x) => JSON.stringify(x)).join(", ")}.`);
  if (s.default !== undefined) parts.push(`Default: ${JSON.stringify(s.default)}.`);
  if (s.forceNew) parts.push("Changing it replaces the resource.");
  return parts.filter(Boolean).join(" ");
}

/** A doc comment, wrapped to stay within 120 columns. */
function docLines(s, indent, text = describe(s)) {
  if (!text) return "";
  const width = 116 - indent.length;
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length === 1) return `${indent}/** ${lines[0].replace(/\*\//g, "*\\/")} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l.replace(/\*\//g, "*\\/")}`).join("\n")}\n${indent} */\n`;
}

function generateClass(t) {
  const cls = className(t.name);
  const outputOnly = OUTPUT_ONLY[t.name] ?? [];
  const attrs = Object.entries(t.schema).filter(([k]) => k !== "id");
  const args = attrs.filter(([k, s]) => isConfigurable(s) && !outputOnly.includes(k));
  const argLines = args.map(([k, s]) => {
    const type = s === hostAttribute ? "HostInput" : `pulumi.Input<${tsType(s, true, "  ")}>`;
    const doc = docLines(s, "  ", s === hostAttribute ? HOST_ARG : describe(s));
    return `${doc}  ${pulumiName(k)}${s.required ? "" : "?"}: ${type};`;
  });
  const outputs = attrs.map(([k, s]) => {
    const optional = !s.required && !s.computed && s.default === undefined;
    const type = s === hostAttribute ? "HostAttributes" : tsType(s, false, "  ");
    return `${docLines(s, "  ")}  declare readonly ${pulumiName(k)}: pulumi.Output<${type}${optional ? " | undefined" : ""}>;`;
  });
  const extras = EXTRA_OUTPUTS[t.name] ?? [];
  for (const [name, type, description] of extras) {
    outputs.push(`${docLines({ description }, "  ")}  declare readonly ${name}: pulumi.Output<${type}>;`);
  }
  const outputNames = [...attrs.map(([k]) => pulumiName(k)), ...extras.map(([n]) => n)];
  const usesHost = args.some(([, s]) => s === hostAttribute);
  const imports = ["GantryResource", "gantryProvider", ...(usesHost ? ["type HostAttributes", "type HostInput"] : [])];
  return `// Generated by scripts/generate-pulumi-bindings.mjs from gantry's schema of ${t.name}: do not edit, regenerate.

import type * as pulumi from "@pulumi/pulumi";
import { gantryProvider } from "../gantry-provider";
import { ${imports.filter((i) => i !== "gantryProvider").join(", ")} } from "../gantry-resource";

/** The inputs of a ${cls} (gantry's ${t.name}). */
export interface ${cls}Args {
${argLines.join("\n")}
}

const provider = gantryProvider(${JSON.stringify(t.name)});
const OUTPUTS = [${outputNames.map((n) => JSON.stringify(n)).join(", ")}] as const;
const SECRET_OUTPUTS = [${(SECRET_OUTPUTS[t.name] ?? []).map((n) => JSON.stringify(n)).join(", ")}] as const;

${docLines({ description: `${t.description} (gantry's ${t.name}; Pulumi type ${"pulumi-nodejs:dynamic/gantry:"}${cls}.)` }, "")}export class ${cls} extends GantryResource {
  /** gantry's resource type. */
  static readonly gantryType = ${JSON.stringify(t.name)};
  /** Pulumi's type token. */
  static readonly typeToken = "pulumi-nodejs:dynamic/gantry:${cls}";

${outputs.join("\n")}

  constructor(name: string, args: ${cls}Args, opts?: pulumi.CustomResourceOptions) {
    super(provider, ${JSON.stringify(t.name)}, "${cls}", name, args, OUTPUTS, SECRET_OUTPUTS, opts);
  }
}
`;
}

const types = new Engine().types
  .all()
  .filter((t) => t.name.startsWith("gantry_"))
  .sort((a, b) => (a.name < b.name ? -1 : 1));

const out = resolve(option("--out") ?? join(root, "pulumi"));
rmSync(join(out, "resources"), { recursive: true, force: true });
mkdirSync(join(out, "resources"), { recursive: true });
for (const t of types) writeFileSync(join(out, "resources", `${fileName(t.name)}.ts`), generateClass(t));

const index = `// Generated by scripts/generate-pulumi-bindings.mjs from gantry's schemas: do not edit, regenerate.
//
// gantry/pulumi: gantry's resource types as Pulumi resources (dynamic providers). Each class is
// pulumi-nodejs:dynamic/gantry:<Class> and stands for gantry's type in GANTRY_TYPES.

${types.map((t) => `export { ${className(t.name)}, type ${className(t.name)}Args } from "./resources/${fileName(t.name)}";`).join("\n")}
export { GantryResource, type HostAttributes, type HostInput, typeToken } from "./gantry-resource";
export { gantryProvider } from "./gantry-provider";

/** Pulumi's type token of each class → gantry's resource type. */
export const GANTRY_TYPES: Readonly<Record<string, string>> = {
${types.map((t) => `  "pulumi-nodejs:dynamic/gantry:${className(t.name)}": ${JSON.stringify(t.name)},`).join("\n")}
};
`;
writeFileSync(join(out, "index.ts"), index);
process.stdout.write(`generated ${types.length} classes in ${out}\n`);
