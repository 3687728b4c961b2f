// examples/pulumi-mesos under Pulumi's mocks: the program registers one
// gantry Cluster that is examples/mesos-cluster's (the same blueprint, attribute
// for attribute, with the stack config of Pulumi.dev.yaml), which gantry's own
// check accepts (the engine expands it), and exports where the platform answers.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { gantry, mockPulumi, outputValue } from "./pulumi-mocks.js";
import { toGantryAttrs } from "../../pulumi/runtime/property-names.js";
import { clusterType } from "../../provider/types/cluster.js";

const EXAMPLES = new URL("../../examples/", import.meta.url).pathname;
const stackConfig = parse(readFileSync(`${EXAMPLES}pulumi-mesos/Pulumi.dev.yaml`, "utf8")).config as Record<
  string,
  string
>;

const registered = mockPulumi(
  "pulumi-mesos",
  (type) =>
    type === gantry.Cluster.typeToken
      ? {
          endpoints: { haproxy_stats: ["http://127.0.81.7:9090/haproxy?stats"] },
          haproxyUrl: "http://127.0.81.7:10000/",
          zookeeperConnectString: "127.0.81.1:2181,127.0.81.2:2181,127.0.81.3:2181",
          placement: { "lb-1": "node-7" },
        }
      : {},
  stackConfig,
);
const program = await import("../../examples/pulumi-mesos/index.js");

/** examples/mesos-cluster's cluster with its variables at their defaults. */
function yamlCluster(): Record<string, unknown> {
  const doc = parse(readFileSync(`${EXAMPLES}mesos-cluster/cluster.gantry.yaml`, "utf8"));
  const vars = Object.fromEntries(Object.entries(doc.variables).map(([k, v]) => [k, (v as any).default]));
  const fill = (v: unknown): unknown => {
    if (typeof v === "string") {
      const whole = /^\$\{var\.(\w+)\}$/.exec(v);
      return whole
        ? vars[whole[1]]
        : v.replace(/\$\{var\.(\w+)(?: \+ (\d+))?\}/g, (_, n, add) => String(add ? vars[n] + Number(add) : vars[n]));
    }
    if (Array.isArray(v)) return v.map(fill);
    // a property set to a variable that is null is not set (the inventory's ssh settings on local hosts)
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v)
          .map(([k, x]) => [k, fill(x)])
          .filter(([, x]) => x !== null),
      );
    return v;
  };
  return fill(doc.resources["cluster.mesos"]) as Record<string, unknown>;
}

test("the program registers examples/mesos-cluster's cluster, attribute for attribute", async () => {
  await outputValue(program.web);
  const clusters = registered.filter((r) => r.type === gantry.Cluster.typeToken);
  assert.is(clusters.length, 1);
  const { __provider: _p, __gantry: meta, ...inputs } = clusters[0].inputs;
  assert.is(meta.name, "mesos");
  const { attrs, unknown } = toGantryAttrs(clusterType.schema, inputs);
  assert.equal(unknown, []);
  assert.equal(JSON.parse(JSON.stringify(attrs)), yamlCluster());
});

test("gantry's check of the registered cluster finds nothing wrong (the engine expands it)", async () => {
  const c = registered.find((r) => r.type === gantry.Cluster.typeToken)!;
  const result = await gantry.gantryProvider("gantry_cluster").check!({}, c.inputs);
  assert.equal(result.failures ?? [], []);
});

test("the stack outputs: where HAProxy answers, its stats, the ZooKeeper connect string", async () => {
  assert.is(await outputValue(program.web), "http://127.0.81.7:10000/");
  assert.equal(await outputValue(program.haproxyStats), ["http://127.0.81.7:9090/haproxy?stats"]);
  assert.is(await outputValue(program.zookeeper), "127.0.81.1:2181,127.0.81.2:2181,127.0.81.3:2181");
  assert.equal(await outputValue(program.placement), { "lb-1": "node-7" });
});

test.run();
