// Fuzzing gantry's front ends: generated documents shaped like each language (native YAML, Terraform JSON and HCL,
// HOT, BDE specs) and mutated real files, each loaded through the engine (validate, as every door does). The
// property: loading either gives a valid model or a GantryError whose every error names a file that was given and,
// where the language has lines, a line in it; nothing else is thrown (no TypeError, RangeError, stack trace), and a
// plan never changes the state file. Used by front-end-fuzz.test.ts (fixed seeds, few cases) and
// fuzz-front-ends.ts (the long run).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { stringify as yamlStringify } from "yaml";
import { GantryError, DiagnosticBag, type Diagnostic } from "../../contract/diagnostics.js";
import type { Engine } from "../../engine/engine.js";
import type { SourceFile } from "../../planner/model.js";
import { bdeToBlueprint } from "../../templates/bde-spec.js";
import { blueprintYaml } from "../../templates/blueprint-yaml.js";
import { locate } from "../../templates/locate.js";

export const FRONT_ENDS = ["yaml", "tfjson", "hcl", "hot", "bde"] as const;
export type FrontEndName = (typeof FRONT_ENDS)[number];

/** One case: the files of a configuration directory (in memory). */
export interface FuzzCase {
  files: SourceFile[];
  /** For BDE: also run through `gantry import bde`'s conversion. */
  bdeImport?: boolean;
}

export type Outcome = { kind: "valid" } | { kind: "located" } | { kind: "crash"; detail: string };

const ROOT = new URL("../../", import.meta.url).pathname;

// ---------------------------------------------------------------------------------------------------------------
// values

const IDENT = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
const ODD_STRINGS = [
  "",
  " ",
  "\t\n",
  "${",
  "${}",
  "}",
  "%{",
  "%{ if }",
  "$${x}",
  "${var.}",
  "${var.x",
  "${1 +}",
  "${[}",
  "${local.a[0]}",
  "${gantry_noop.a.output}",
  "${gantry_noop.a[*].id}",
  "${each.key}",
  "${count.index}",
  "${self.x}",
  "${path.module}",
  "${terraform.workspace}",
  "${upper(1)}",
  "${nosuchfunction(1)}",
  "${length(null)}",
  "${1/0}",
  "${-9007199254740993}",
  '${jsondecode("{")}',
  "${tolist(1)}",
  "${{a=1}.b}",
  "${[for x in 1: x]}",
  "${a ? b : c}",
  "${var.x == null ? 1 : 2}",
  '${file("/etc/passwd")}',
  '${templatefile("x", {})}',
  '${cidrsubnet("10.0.0.0/8", 99, 1)}',
  "${range(1e9)}",
  '${format("%999999999d", 1)}',
  '${regex("(", "a")}',
  '${split("", 1)}',
  "\u0000",
  "\ud800",
  "日本語",
  "🙂",
  "\u202e",
  "a\r\nb",
  "../../etc/passwd",
  "/srv/../../etc",
  "$(rm -rf /)",
  "`id`",
  "'\"",
  "true",
  "null",
  "1e999",
  "0x10",
  "NaN",
  "-0",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  2 ** 32,
  2 ** 53 - 1,
  -(2 ** 53) + 1,
  2 ** 53,
  1e21,
  123456789.12345679,
  65536,
  -65536,
];

export const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: IDENT },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 100 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const KEYS = fc.oneof(
  { weight: 4, arbitrary: IDENT },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** Any JSON-like value, nested up to `depth`. */
export function anyValue(depth = 4): fc.Arbitrary<unknown> {
  const { v } = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", maxDepth: depth },
      { weight: 5, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(tie("v"), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.dictionary(KEYS, tie("v"), { maxKeys: 4 }) },
    ),
  }));
  return v;
}

/** A value usually of the expected shape, sometimes anything else. */
function usually<T>(expected: fc.Arbitrary<T>, depth = 2): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: expected }, { weight: 1, arbitrary: anyValue(depth) });
}

/** An optional field: absent (undefined is dropped by the serializers) or present. */
function maybe<T>(a: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | undefined> {
  return fc.option(a, { freq, nil: undefined });
}

/** Drops undefined members (so that serializers leave them out). */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------------------------
// documents shaped like gantry's configuration (shared by YAML, .tf.json and HCL)

const TYPES = [
  "gantry_noop",
  "gantry_file",
  "gantry_host",
  "gantry_command",
  "gantry_service",
  "gantry_package",
  "gantry_cluster",
  "gantry_marathon_app",
  "gantry_chronos_job",
  "gantry_haproxy_config",
  "terraform_data",
  "null_resource",
  "gantry_nosuchtype",
  "noop",
  "file",
];
const RES_NAMES = ["a", "b", "c", "web", "h"];
const REFS = [
  "gantry_noop.a.output",
  "gantry_noop.b.id",
  "gantry_noop.a[0].id",
  'gantry_noop.c["x"].output',
  "gantry_host.h",
  "var.n",
  "var.s",
  "local.l",
  "each.value",
  "count.index",
  "module.m.out",
  "data.gantry_file.d.content",
];
const expression = fc.oneof(
  fc.constantFrom(...REFS).map((r) => `\${${r}}`),
  fc
    .tuple(fc.constantFrom(...REFS), fc.constantFrom("+", "-", "==", "&&", "[0]", ".x", "[*]"))
    .map(([r, op]) => `\${${r}${op.startsWith("[") || op.startsWith(".") ? op : ` ${op} 1`}}`),
  fc.constantFrom(...REFS).map((r) => `x-\${${r}}-%{ if true }y%{ endif }`),
);
const attrValue = fc.oneof({ weight: 3, arbitrary: anyValue(3) }, { weight: 2, arbitrary: expression });
const typeName = fc.constantFrom(...TYPES);
const depList = fc.array(
  fc.oneof(
    fc.constantFrom(...RES_NAMES).map((n) => `gantry_noop.${n}`),
    fc.constantFrom(...REFS),
    scalar,
  ),
  { maxLength: 3 },
);
const lifecycle = fc.record(
  {
    create_before_destroy: usually(fc.boolean()),
    prevent_destroy: usually(fc.boolean()),
    ignore_changes: usually(fc.oneof(fc.constant("all"), fc.array(IDENT, { maxLength: 2 }))),
    replace_triggered_by: usually(fc.array(fc.constantFrom(...REFS), { maxLength: 2 })),
    precondition: usually(fc.array(fc.record({ condition: attrValue, error_message: scalar }), { maxLength: 1 })),
  },
  { requiredKeys: [] },
);
const FILE_ATTRS = ["host", "path", "content", "mode", "input", "triggers_replace", "command", "driver", "address"];
const resourceBody = fc
  .tuple(
    fc.dictionary(fc.oneof(fc.constantFrom(...FILE_ATTRS), IDENT), attrValue, { maxKeys: 4 }),
    maybe(usually(fc.oneof(fc.integer({ min: -2, max: 4 }), expression)), 5),
    maybe(usually(fc.oneof(fc.array(IDENT, { maxLength: 3 }), fc.dictionary(IDENT, scalar), expression)), 5),
    maybe(depList, 4),
    maybe(lifecycle, 4),
    maybe(fc.constantFrom("${gantry_host.h}", "gantry_host.h", "local.x", 3)),
  )
  .map(([attrs, count, forEach, dependsOn, lc, provider]) =>
    compact({ ...attrs, count, for_each: forEach, depends_on: dependsOn, lifecycle: lc, provider }),
  );
const variableBody = fc.record(
  {
    type: usually(
      fc.constantFrom("string", "number", "bool", "list(string)", "map(number)", "object({a=string})", "any", "list"),
    ),
    default: anyValue(2),
    description: scalar,
    sensitive: usually(fc.boolean()),
    nullable: usually(fc.boolean()),
    validation: usually(fc.array(fc.record({ condition: attrValue, error_message: scalar }), { maxLength: 1 })),
  },
  { requiredKeys: [] },
);
const outputBody = fc.record(
  { value: attrValue, sensitive: usually(fc.boolean()), description: scalar, depends_on: depList },
  { requiredKeys: [] },
);

/** The parts of a configuration, before each language lays them out. */
interface ConfigParts {
  variables: Record<string, unknown>;
  locals: Record<string, unknown>;
  resources: [string, string, unknown][];
  outputs: Record<string, unknown>;
  extra: Record<string, unknown>;
}

const configParts: fc.Arbitrary<ConfigParts> = fc.record({
  variables: fc.dictionary(fc.oneof(fc.constantFrom("n", "s"), IDENT), usually(variableBody), { maxKeys: 3 }),
  locals: fc.dictionary(fc.oneof(fc.constantFrom("l"), IDENT), attrValue, { maxKeys: 3 }),
  resources: fc.array(fc.tuple(typeName, fc.oneof(fc.constantFrom(...RES_NAMES), KEYS), usually(resourceBody, 2)), {
    maxLength: 5,
  }),
  outputs: fc.dictionary(IDENT, usually(outputBody), { maxKeys: 2 }),
  extra: fc.dictionary(
    fc.constantFrom("module", "data", "terraform", "moved", "import", "check", "provider", "removed", "bogus"),
    anyValue(3),
    { maxKeys: 2 },
  ),
});

function yamlOfParts(p: ConfigParts): unknown {
  const resources: Record<string, unknown> = {};
  for (const [t, n, body] of p.resources) resources[`${t}.${n}`] = body;
  return compact({
    variables: Object.keys(p.variables).length ? p.variables : undefined,
    locals: Object.keys(p.locals).length ? p.locals : undefined,
    resources,
    outputs: Object.keys(p.outputs).length ? p.outputs : undefined,
    ...p.extra,
  });
}

function tfJsonOfParts(p: ConfigParts): unknown {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const [t, n, body] of p.resources) (resource[t] ??= {})[n] = body;
  return compact({
    variable: Object.keys(p.variables).length ? p.variables : undefined,
    locals: Object.keys(p.locals).length ? p.locals : undefined,
    resource,
    output: Object.keys(p.outputs).length ? p.outputs : undefined,
    ...p.extra,
  });
}

// HCL: blocks and attributes written out; string values that hold "${...}" are written as bare expressions or
// templates at random.
function hclString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => c);
}
function hclExpr(v: unknown, depth = 0): string {
  if (v === null) return "null";
  if (typeof v === "string") {
    const m = /^\$\{(.*)\}$/s.exec(v);
    if (m && !m[1].includes("${") && depth % 2 === 0) return m[1];
    return hclString(v);
  }
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "0";
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => hclExpr(x, depth + 1)).join(", ")}]`;
  if (typeof v === "object")
    return `{\n${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${/^[A-Za-z_][\w-]*$/.test(k) ? k : hclString(k)} = ${hclExpr(x, depth + 1)}`)
      .join("\n")}\n}`;
  return "null";
}
function hclBody(body: unknown, blockKeys: string[]): string {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return `  # ${typeof body}\n`;
  let out = "";
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const name = /^[A-Za-z_][\w-]*$/.test(k) ? k : hclString(k);
    if (blockKeys.includes(k) && v !== null && typeof v === "object" && !Array.isArray(v))
      out += `  ${name} {\n${hclBody(v, [])}  }\n`;
    else if (blockKeys.includes(k) && Array.isArray(v))
      for (const item of v) out += `  ${name} {\n${hclBody(item, [])}  }\n`;
    else out += `  ${name} = ${hclExpr(v)}\n`;
  }
  return out;
}
function hclOfParts(p: ConfigParts): string {
  const label = (s: string) => hclString(s);
  let out = "";
  for (const [n, body] of Object.entries(p.variables))
    out += `variable ${label(n)} {\n${hclBody(body, ["validation"])}}\n`;
  if (Object.keys(p.locals).length) out += `locals {\n${hclBody(p.locals, [])}}\n`;
  for (const [t, n, body] of p.resources)
    out += `resource ${label(t)} ${label(n)} {\n${hclBody(body, ["lifecycle", "precondition", "provisioner"])}}\n`;
  for (const [n, body] of Object.entries(p.outputs)) out += `output ${label(n)} {\n${hclBody(body, [])}}\n`;
  for (const [k, body] of Object.entries(p.extra)) out += `${k} "x" {\n${hclBody(body, ["backend"])}}\n`;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// HOT documents

const HOT_VERSIONS = [
  "2013-05-23",
  "2015-04-30",
  "2016-10-14",
  "2018-08-31",
  "2021-04-16",
  "newton",
  "wallaby",
  "2099-01-01",
  "AWSTemplateFormatVersion",
];
const HOT_TYPES = [
  "OS::Heat::None",
  "OS::Heat::TestResource",
  "OS::Heat::RandomString",
  "OS::Heat::Value",
  "OS::Heat::Delay",
  "OS::Heat::SoftwareConfig",
  "OS::Heat::StructuredConfig",
  "OS::Heat::ResourceGroup",
  "OS::Heat::ResourceChain",
  "OS::Heat::Stack",
  "OS::Nova::Server",
  "Gantry::Cluster",
  "nested.yaml",
  "My::Custom",
];
const HOT_NAMES = ["r", "s", "group", "chain"];
const hotFunction: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("p", "q", "nope").map((p) => ({ get_param: p })),
  fc.constantFrom(...HOT_NAMES).map((r) => ({ get_resource: r })),
  fc
    .tuple(fc.constantFrom(...HOT_NAMES), fc.constantFrom("value", "show", "resource.0", "refs", "x"))
    .map(([r, a]) => ({
      get_attr: [r, a],
    })),
  anyValue(2).map((v) => ({ str_replace: { template: "a $x b", params: { $x: v } } })),
  anyValue(2).map((v) => ({ list_join: [",", v] })),
  anyValue(2).map((v) => ({ if: ["c", v, null] })),
  anyValue(2).map((v) => ({ repeat: { for_each: { "%x%": v }, template: "%x%" } })),
  anyValue(2).map((v) => ({ yaql: { expression: "$.data.x", data: { x: v } } })),
  anyValue(2).map((v) => ({ map_merge: v })),
  anyValue(2).map((v) => ({ digest: ["sha256", v] })),
  anyValue(2).map((v) => ({ str_split: [",", v] })),
  anyValue(2).map((v) => ({ list_concat: v })),
  anyValue(2).map((v) => ({ contains: [v, [1]] })),
  anyValue(2).map((v) => ({ equals: [v, 1] })),
  anyValue(2).map((v) => ({ Fn__GetAtt: v })),
  fc.constant({ get_file: "x.txt" }),
  fc.constant({ get_param: ["p", 0, "k"] }),
  fc.constant({ resolve: 1 }),
);
const hotValue = fc.oneof({ weight: 3, arbitrary: anyValue(3) }, { weight: 2, arbitrary: hotFunction });
const hotResource = fc.record(
  {
    type: usually(fc.constantFrom(...HOT_TYPES)),
    properties: usually(fc.dictionary(fc.oneof(IDENT, fc.constantFrom("value", "count", "resource_def")), hotValue)),
    depends_on: usually(fc.oneof(fc.constantFrom(...HOT_NAMES), fc.array(fc.constantFrom(...HOT_NAMES)))),
    condition: usually(fc.oneof(fc.constantFrom("c", "d"), fc.boolean())),
    deletion_policy: usually(fc.constantFrom("Delete", "Retain", "Snapshot", "delete")),
    update_policy: anyValue(2),
    metadata: anyValue(2),
    external_id: scalar,
  },
  { requiredKeys: ["type"] },
);
const hotParameter = fc.record(
  {
    type: usually(fc.constantFrom("string", "number", "json", "comma_delimited_list", "boolean", "list")),
    default: anyValue(2),
    hidden: usually(fc.boolean()),
    label: scalar,
    constraints: usually(
      fc.array(
        fc.oneof(
          fc.record({ length: fc.record({ min: scalar, max: scalar }, { requiredKeys: [] }) }),
          fc.record({ range: fc.record({ min: scalar, max: scalar }, { requiredKeys: [] }) }),
          fc.record({ allowed_values: anyValue(2) }),
          fc.record({ allowed_pattern: fc.constantFrom("[a-z]+", "(", ".*", "\\") }),
          fc.record({ custom_constraint: scalar }),
        ),
        { maxLength: 2 },
      ),
    ),
    immutable: usually(fc.boolean()),
  },
  { requiredKeys: [] },
);
const hotTemplate = fc
  .record(
    {
      heat_template_version: usually(fc.constantFrom(...HOT_VERSIONS)),
      description: scalar,
      parameters: usually(fc.dictionary(fc.oneof(fc.constantFrom("p", "q"), IDENT), usually(hotParameter))),
      parameter_groups: anyValue(2),
      conditions: usually(fc.dictionary(fc.constantFrom("c", "d"), fc.oneof(hotFunction, fc.boolean(), scalar))),
      resources: usually(fc.dictionary(fc.oneof(fc.constantFrom(...HOT_NAMES), KEYS), usually(hotResource))),
      outputs: usually(
        fc.dictionary(IDENT, usually(fc.record({ value: hotValue, condition: scalar }, { requiredKeys: [] }))),
      ),
    },
    { requiredKeys: ["heat_template_version"] },
  )
  .map(compact);
const hotEnvironment = fc
  .record(
    {
      parameters: fc.dictionary(fc.constantFrom("p", "q", "x"), anyValue(2)),
      parameter_defaults: fc.dictionary(fc.constantFrom("p", "q"), anyValue(2)),
      resource_registry: usually(
        fc.dictionary(fc.constantFrom("My::Custom", "OS::*", "resources", "hooks"), fc.oneof(scalar, anyValue(2))),
      ),
      event_sinks: anyValue(1),
      encrypted_param_names: anyValue(1),
      bogus: anyValue(1),
    },
    { requiredKeys: [] },
  )
  .map(compact);

// ---------------------------------------------------------------------------------------------------------------
// BDE specs

const bdeGroup = fc
  .record(
    {
      name: usually(fc.constantFrom("master", "worker", "zookeeper", "slave")),
      roles: usually(
        fc.array(
          fc.constantFrom("mesos_master", "mesos_slave", "zookeeper", "mesos_docker", "marathon", "chronos", "x"),
          { maxLength: 3 },
        ),
      ),
      instanceNum: usually(fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constantFrom(...NUMBERS))),
      instanceType: usually(fc.constantFrom("SMALL", "MEDIUM", "LARGE", "EXTRA_LARGE", "HUGE")),
      cpuNum: usually(fc.integer({ min: -1, max: 64 })),
      memCapacityMB: usually(fc.oneof(fc.integer({ min: -1, max: 1 << 20 }), fc.constantFrom(...NUMBERS))),
      haFlag: usually(fc.constantFrom("on", "off", "ft")),
      storage: anyValue(2),
      placementPolicies: usually(
        fc.record(
          {
            instancePerHost: usually(fc.integer({ min: -1, max: 4 })),
            groupRacks: anyValue(2),
            groupAssociations: usually(
              fc.array(fc.record({ reference: scalar, type: fc.constantFrom("STRICT", "WEAK", "x") }), {
                maxLength: 2,
              }),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
      configuration: anyValue(2),
      bogusField: scalar,
    },
    { requiredKeys: [] },
  )
  .map(compact);
const bdeSpec = fc
  .record(
    {
      nodeGroups: usually(fc.array(usually(bdeGroup), { maxLength: 4 })),
      configuration: anyValue(2),
      name: scalar,
      distro: scalar,
    },
    { requiredKeys: [] },
  )
  .map(compact);

// ---------------------------------------------------------------------------------------------------------------
// mutations

type Path = (string | number)[];

/** Every path in a JSON-like tree (the root is []). */
function pathsOf(v: unknown, at: Path = [], out: Path[] = [], limit = 400): Path[] {
  if (out.length >= limit) return out;
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out, limit));
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) pathsOf(x, [...at, k], out, limit);
  return out;
}

export interface TreeMutation {
  at: number;
  op: "replace" | "delete" | "add" | "wrap" | "duplicate";
  key: string;
  value: unknown;
}

const treeMutation: fc.Arbitrary<TreeMutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom("replace", "replace", "delete", "add", "wrap", "duplicate"),
  key: fc.oneof(IDENT, fc.constantFrom(...ODD_STRINGS)),
  value: fc.oneof(anyValue(3), hotFunction, expression),
});

/** Applies mutations to a deep copy of a tree. */
export function mutateTree(tree: unknown, muts: TreeMutation[]): unknown {
  let root: unknown = structuredClone(tree);
  for (const mutation of muts) {
    // the value is copied: a generated value may be shared (a constant), and must never become part of a cycle
    const m = { ...mutation, value: structuredClone(mutation.value) };
    const paths = pathsOf(root);
    const p = paths[m.at % paths.length]!;
    if (p.length === 0) {
      if (m.op === "replace") root = m.value;
      else if (m.op === "wrap") root = [root];
      continue;
    }
    const parent = p.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as
      | Record<string, unknown>
      | unknown[];
    const last = p[p.length - 1]!;
    const cur = (parent as Record<string | number, unknown>)[last];
    switch (m.op) {
      case "replace":
        (parent as Record<string | number, unknown>)[last] = m.value;
        break;
      case "delete":
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last as string];
        break;
      case "add":
        if (Array.isArray(parent)) parent.push(m.value);
        else parent[m.key] = m.value;
        break;
      case "wrap":
        (parent as Record<string | number, unknown>)[last] = m.key.length % 2 ? [cur] : { [m.key]: cur };
        break;
      case "duplicate":
        if (Array.isArray(parent)) parent.push(structuredClone(cur));
        else parent[`${String(last)}${m.key}`] = structuredClone(cur);
        break;
    }
  }
  return root;
}

export interface TextMutation {
  at: number;
  op: "insert" | "delete" | "replace" | "dupline" | "dropline" | "truncate";
  text: string;
  len: number;
}

const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom("insert", "delete", "replace", "dupline", "dropline", "truncate"),
  text: fc.oneof(
    fc.constantFrom(...ODD_STRINGS),
    fc.constantFrom("{", "}", "[", "]", ":", ",", "\n", "  ", "\t", '"', "'", "#", "&a", "*a", "!!str ", "- ", "="),
    fc.string({ unit: "binary", maxLength: 4 }),
  ),
  len: fc.integer({ min: 1, max: 20 }),
});

export function mutateText(text: string, muts: TextMutation[]): string {
  let t = text;
  for (const m of muts) {
    const at = t.length ? m.at % t.length : 0;
    switch (m.op) {
      case "insert":
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case "delete":
        t = t.slice(0, at) + t.slice(at + m.len);
        break;
      case "replace":
        t = t.slice(0, at) + m.text + t.slice(at + m.text.length);
        break;
      case "dupline":
      case "dropline": {
        const lines = t.split("\n");
        const i = m.at % lines.length;
        if (m.op === "dupline") lines.splice(i, 0, lines[i]!);
        else lines.splice(i, 1);
        t = lines.join("\n");
        break;
      }
      case "truncate":
        t = t.slice(0, Math.max(at, t.length - m.len * 10));
        break;
    }
  }
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// seed corpus: real files

export interface Corpus {
  yaml: string[];
  tfjson: string[];
  hcl: string[];
  hot: string[];
  hotEnv: string[];
  bde: string[];
}

function filesIn(dir: string, test: (n: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(test)
    .sort()
    .map((n) => readFileSync(join(dir, n), "utf8"));
}

/** Real files of each language: examples, test fixtures, Heat's own templates (when /work/shared/peer is there). */
export function loadCorpus(): Corpus {
  const ex = (p: string) => join(ROOT, "examples", p);
  const golden = (p: string) => join(ROOT, "test/golden/cases", p);
  const heat = "/work/shared/peer/heat";
  const yaml = [
    ...filesIn(ex("quickstart"), (n) => n.endsWith(".gantry.yaml")),
    ...filesIn(ex("mesos-cluster"), (n) => n.endsWith(".gantry.yaml")),
    ...["yaml-v1", "yaml-v2", "bad-yaml"].flatMap((c) => filesIn(golden(c), (n) => n.endsWith(".gantry.yaml"))),
  ];
  const tfjson = ["tf-json", "bad-tfjson"].flatMap((c) => filesIn(golden(c), (n) => n.endsWith(".tf.json")));
  const hcl = filesIn(ex("terraform"), (n) => n.endsWith(".tf"));
  const hot = [
    ...filesIn(ex("heat"), (n) => n.endsWith(".yaml")),
    ...filesIn(join(heat, "templates"), (n) => n.endsWith(".yaml")),
  ];
  const hotEnv = filesIn(join(heat, "environments"), (n) => n.endsWith(".yaml"));
  const bde = filesIn("/work/shared/reference", (n) => /^bde-mesos.*\.json$/.test(n));
  return { yaml, tfjson, hcl, hot, hotEnv, bde };
}

// ---------------------------------------------------------------------------------------------------------------
// cases per front end

function parseLoose(text: string, json: boolean): unknown {
  try {
    if (json) return JSON.parse(text);
    return undefined;
  } catch {
    return undefined;
  }
}

/** Text of a tree in a language (YAML is sometimes written as JSON, which YAML reads too). */
function yamlText(tree: unknown, flow: boolean): string {
  try {
    return flow ? JSON.stringify(tree) : yamlStringify(tree, { aliasDuplicateObjects: false });
  } catch {
    return String(tree);
  }
}

async function parseYamlTree(text: string): Promise<unknown> {
  const { parse } = await import("yaml");
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** Parsed trees of the corpus, ready for tree mutations. */
export interface ParsedCorpus {
  corpus: Corpus;
  yamlTrees: unknown[];
  tfjsonTrees: unknown[];
  hotTrees: unknown[];
  hotEnvTrees: unknown[];
  bdeTrees: unknown[];
}

export async function parseCorpus(corpus: Corpus): Promise<ParsedCorpus> {
  const trees = async (texts: string[]) =>
    (await Promise.all(texts.map(parseYamlTree))).filter((t) => t !== undefined && t !== null);
  return {
    corpus,
    yamlTrees: await trees(corpus.yaml),
    tfjsonTrees: corpus.tfjson.map((t) => parseLoose(t, true)).filter((t) => t !== undefined),
    hotTrees: await trees(corpus.hot),
    hotEnvTrees: await trees(corpus.hotEnv),
    bdeTrees: corpus.bde.map((t) => parseLoose(t, true)).filter((t) => t !== undefined),
  };
}

const pick = <T>(list: T[]): fc.Arbitrary<T> => fc.nat({ max: Math.max(0, list.length - 1) }).map((i) => list[i]!);

/** Generated, tree-mutated and text-mutated inputs, in one arbitrary per front end. */
export function caseArbitrary(fe: FrontEndName, pc: ParsedCorpus): fc.Arbitrary<FuzzCase> {
  const one = (path: string) => (content: string) => ({ files: [{ path, content }] });
  const muts = fc.array(treeMutation, { minLength: 1, maxLength: 4 });
  const tmuts = fc.array(textMutation, { minLength: 1, maxLength: 3 });
  const fromTexts = (texts: string[], path: string) =>
    texts.length ? [fc.tuple(pick(texts), tmuts).map(([t, m]) => one(path)(mutateText(t, m)))] : [];
  const fromTrees = (trees: unknown[], path: string, write: (t: unknown) => string) =>
    trees.length ? [fc.tuple(pick(trees), muts).map(([t, m]) => one(path)(write(mutateTree(t, m))))] : [];
  switch (fe) {
    case "yaml":
      return fc.oneof(
        fc
          .tuple(configParts, fc.boolean(), fc.array(treeMutation, { maxLength: 2 }))
          .map(([p, flow, m]) => one("main.gantry.yaml")(yamlText(mutateTree(yamlOfParts(p), m), flow))),
        fc
          .tuple(configParts, tmuts)
          .map(([p, m]) => one("main.gantry.yaml")(mutateText(yamlText(yamlOfParts(p), false), m))),
        ...fromTrees(pc.yamlTrees, "main.gantry.yaml", (t) => yamlText(t, false)),
        ...fromTexts(pc.corpus.yaml, "main.gantry.yaml"),
      );
    case "tfjson":
      return fc.oneof(
        fc
          .tuple(configParts, fc.array(treeMutation, { maxLength: 2 }))
          .map(([p, m]) => one("main.tf.json")(JSON.stringify(mutateTree(tfJsonOfParts(p), m)))),
        fc
          .tuple(configParts, tmuts)
          .map(([p, m]) => one("main.tf.json")(mutateText(JSON.stringify(tfJsonOfParts(p), null, 1), m))),
        ...fromTrees(pc.tfjsonTrees, "main.tf.json", (t) => JSON.stringify(t, null, 2)),
        ...fromTexts(pc.corpus.tfjson, "main.tf.json"),
      );
    case "hcl":
      return fc.oneof(
        { weight: 3, arbitrary: configParts.map((p) => one("main.tf")(hclOfParts(p))) },
        fc.tuple(configParts, tmuts).map(([p, m]) => one("main.tf")(mutateText(hclOfParts(p), m))),
        ...fromTexts(pc.corpus.hcl, "main.tf"),
      );
    case "hot": {
      const withEnv = (template: string, env: string | undefined, files: string | undefined): FuzzCase => ({
        files: [
          { path: "stack.hot.yaml", content: template },
          ...(env === undefined ? [] : [{ path: "stack.hot-env-000.yaml", content: env }]),
          ...(files === undefined ? [] : [{ path: "stack.hot-files.json", content: files }]),
        ],
      });
      const envText = fc.option(
        fc.oneof(
          hotEnvironment.map((e) => yamlText(e, false)),
          ...(pc.hotEnvTrees.length
            ? [fc.tuple(pick(pc.hotEnvTrees), muts).map(([t, m]) => yamlText(mutateTree(t, m), false))]
            : []),
          ...(pc.corpus.hotEnv.length
            ? [fc.tuple(pick(pc.corpus.hotEnv), tmuts).map(([t, m]) => mutateText(t, m))]
            : []),
        ),
        { freq: 3, nil: undefined },
      );
      const filesText = fc.option(
        fc.oneof(
          fc
            .dictionary(
              fc.constantFrom("x.txt", "nested.yaml", "file:///x"),
              fc.oneof(
                scalar,
                hotTemplate.map((t) => yamlText(t, false)),
              ),
            )
            .map((d) => JSON.stringify(d)),
          anyValue(2).map((v) => JSON.stringify(v) ?? "null"),
        ),
        { freq: 4, nil: undefined },
      );
      return fc.oneof(
        fc
          .tuple(hotTemplate, fc.array(treeMutation, { maxLength: 2 }), envText, filesText)
          .map(([t, m, e, f]) => withEnv(yamlText(mutateTree(t, m), false), e, f)),
        ...(pc.hotTrees.length
          ? [
              fc
                .tuple(pick(pc.hotTrees), muts, envText)
                .map(([t, m, e]) => withEnv(yamlText(mutateTree(t, m), false), e, undefined)),
            ]
          : []),
        ...(pc.corpus.hot.length
          ? [fc.tuple(pick(pc.corpus.hot), tmuts).map(([t, m]) => withEnv(mutateText(t, m), undefined, undefined))]
          : []),
      );
    }
    case "bde": {
      const bde = (content: string, bdeImport: boolean): FuzzCase => ({
        files: [{ path: "cluster.bde.json", content }],
        bdeImport,
      });
      return fc.oneof(
        fc
          .tuple(bdeSpec, fc.array(treeMutation, { maxLength: 2 }), fc.boolean())
          .map(([s, m, i]) => bde(JSON.stringify(mutateTree(s, m)), i)),
        ...(pc.bdeTrees.length
          ? [
              fc
                .tuple(pick(pc.bdeTrees), muts, fc.boolean())
                .map(([t, m, i]) => bde(JSON.stringify(mutateTree(t, m), null, 2), i)),
            ]
          : []),
        ...(pc.corpus.bde.length
          ? [fc.tuple(pick(pc.corpus.bde), tmuts, fc.boolean()).map(([t, m, i]) => bde(mutateText(t, m), i))]
          : []),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the property

const LEAKS = [
  /\n\s+at .+:\d+:\d+/,
  /Cannot read propert/,
  /is not a function/,
  /is not iterable/,
  /Maximum call stack/,
  /Invalid array length/,
  /\[object Object\]/,
  /Cannot convert/,
  /undefined is not/,
  /of undefined/,
  /of null/,
];

const MAX_LINES_CHECKED = 4;
const hasLines = (file: string) => /\.(ya?ml|json|tf)$/.test(file);

/** Why a GantryError is not a located error, or undefined when it is. */
export function unlocated(e: GantryError, files: SourceFile[], dir: string): string | undefined {
  const names = new Set(files.map((f) => f.path));
  // a HOT stack's files map holds files too (nested templates, get_file): an error in one is located by its name
  const filesMap = files.find((f) => f.path === "stack.hot-files.json");
  if (filesMap)
    try {
      for (const k of Object.keys(JSON.parse(filesMap.content) ?? {})) names.add(k);
    } catch {
      /* not a map: its own error */
    }
  const errors = e.diagnostics.filter((d) => d.severity === "error");
  if (!errors.length) return "a GantryError with no error diagnostic";
  let lines = 0;
  for (const d of errors) {
    const text = `${d.summary}\n${d.detail ?? ""}`;
    const leak = LEAKS.find((re) => re.test(text));
    if (leak) return `leaks an internal error: ${d.summary}`;
    const origins = [d.origin, ...(d.related ?? []).map((r) => r.origin)].filter((o) => o !== undefined);
    const inFile = origins.find((o) => names.has(o.file));
    if (!inFile) return `not located in a file: ${d.summary}`;
    const given = files.some((f) => f.path === inFile.file);
    // lines are resolved as the CLI shows them; the first few of each case (each .tf one parses the block again)
    if (given && hasLines(inFile.file) && lines++ < MAX_LINES_CHECKED && !locate(inFile, dir, files))
      return `no line: ${d.summary} (${inFile.file})`;
  }
  return undefined;
}

function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack?.split("\n").slice(1, 6).join("\n")}`;
  return `thrown ${typeof e}: ${String(e)}`;
}

/** Loads one case through the engine (validate) and judges the result. */
export async function runCase(engine: Engine, c: FuzzCase, dir: string): Promise<Outcome> {
  const judge = (e: unknown, files: SourceFile[]): Outcome => {
    if (!(e instanceof GantryError)) return { kind: "crash", detail: describeThrown(e) };
    const why = unlocated(e, files, dir);
    return why ? { kind: "crash", detail: why } : { kind: "located" };
  };
  let files = c.files;
  if (c.bdeImport) {
    // `gantry import bde`: the conversion, then the blueprint it writes loads as native YAML
    const bag = new DiagnosticBag();
    let props: Record<string, unknown> | undefined;
    try {
      props = bdeToBlueprint(files[0]!.path, files[0]!.content, bag, {
        driver: "sim",
        addressStart: "127.0.90.1",
        distroVersion: "1.0.1",
      }) as Record<string, unknown> | undefined;
      bag.throwIfErrors();
      if (!props) return { kind: "crash", detail: "bdeToBlueprint gave nothing and no error" };
      files = [{ path: "cluster.gantry.yaml", content: blueprintYaml("# imported\n", "c", props) }];
    } catch (e) {
      return judge(e, files);
    }
  }
  try {
    const ws = engine.workspace({ dir, files });
    await engine.validate(ws);
    return { kind: "valid" };
  } catch (e) {
    return judge(e, files);
  }
}

/** A state file to plan against: one gantry_noop applied. */
export async function stateDir(engine: Engine): Promise<{ dir: string; statePath: string }> {
  const dir = mkdtempSync(join(tmpdir(), "gantry-fuzz-state-"));
  writeFileSync(join(dir, "main.gantry.yaml"), 'resources:\n  gantry_noop.a:\n    input: "kept"\n');
  const ws = engine.workspace({ dir });
  const outcome = await engine.apply(ws, {});
  if (outcome.status !== "applied") throw new Error("could not apply the state fixture");
  rmSync(join(dir, "main.gantry.yaml"));
  return { dir, statePath: join(dir, "gantry.tfstate") };
}

/**
 * Plans a case against a state file (in memory files, the state on disk) and checks that the state file's bytes
 * did not change. Returns a problem or undefined.
 */
export async function planKeepsState(engine: Engine, c: FuzzCase, st: { dir: string; statePath: string }) {
  const before = readFileSync(st.statePath);
  try {
    const ws = engine.workspace({ dir: st.dir, files: c.files, statePath: st.statePath });
    await engine.plan(ws, {});
  } catch (e) {
    if (!(e instanceof GantryError)) return `plan threw ${describeThrown(e)}`;
  }
  const after = readFileSync(st.statePath);
  return before.equals(after) ? undefined : "the plan changed the state file";
}

/** A short text of a case, to reproduce it. */
export function showCase(c: FuzzCase): string {
  return c.files.map((f) => `--- ${basename(f.path)}\n${f.content.slice(0, 2000)}`).join("\n");
}

export type { Diagnostic };
