// gantry/pulumi in a program under Pulumi's mocks: each class registers as
// pulumi-nodejs:dynamic/gantry:<Class> with its serialized provider, its inputs
// in Pulumi's names, a Host given as `host` as that host's attributes, the
// meta its provider needs (which inputs are secrets among it), and its
// outputs; a cluster's state output is always a secret.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry, isSecret, mockPulumi, pulumi, outputValue } from "./pulumi-mocks.js";

const registered = mockPulumi("mock-program", (type, name, inputs) => {
  if (type === gantry.Host.typeToken) return { name, root: `/tmp/hosts/${name}` };
  if (type === gantry.File.typeToken) return { sha256: "computed", mode: inputs.mode ?? "0644" };
  if (type === gantry.Cluster.typeToken) {
    return {
      endpoints: { zookeeper: "127.0.71.1:2181" },
      haproxyUrl: "http://127.0.71.1:10000/",
      zookeeperConnectString: "127.0.71.1:2181",
      gantryState: "{}",
    };
  }
  return {};
});

const host = new gantry.Host("web", { driver: "local", address: "127.0.71.9" });
const page = new gantry.File("index", { host, path: "/srv/index.html", content: pulumi.secret("s3cret page") });
const cluster = new gantry.Cluster("tiny", {
  hosts: [{ name: "n1", address: "127.0.71.1", cpus: 1, memoryMb: 1024 }],
  nodeGroups: [{ name: "zk", roles: ["zookeeper"], instances: 1, instanceType: "SMALL" }],
});

test("each class registers as a dynamic resource of gantry's module, with its provider serialized", async () => {
  await outputValue(page.sha256);
  await outputValue(cluster.haproxyUrl);
  const types = registered.map((r) => `${r.type} ${r.name}`).sort();
  assert.equal(types, [
    "pulumi-nodejs:dynamic/gantry:Cluster tiny",
    "pulumi-nodejs:dynamic/gantry:File index",
    "pulumi-nodejs:dynamic/gantry:Host web",
  ]);
  for (const r of registered) {
    assert.type(r.inputs.__provider, "string");
    assert.ok(r.inputs.__provider.length < 8000, `${r.name}: provider of ${r.inputs.__provider.length} characters`);
    assert.ok(r.inputs.__provider.includes("provider-operations.js"), "it loads gantry by module path");
  }
  assert.equal(gantry.GANTRY_TYPES[gantry.File.typeToken], "gantry_file");
});

test("inputs: Pulumi's names, a Host as its attributes, the meta with the secret inputs named", async () => {
  await outputValue(page.sha256);
  const file = registered.find((r) => r.name === "index")!;
  assert.is(file.inputs.path, "/srv/index.html");
  assert.equal(file.inputs.host, {
    name: "web",
    driver: "local",
    address: "127.0.71.9",
    root: "/tmp/hosts/web",
    id: "web-id",
  });
  assert.is(file.inputs.__gantry.name, "index");
  assert.equal(file.inputs.__gantry.secrets, ["content"]);
  assert.is(file.inputs.__gantry.configDir, process.cwd());
  assert.is(file.inputs.__gantry.dataDir, `${process.cwd()}/.gantry`);
  const c = registered.find((r) => r.name === "tiny")!;
  assert.equal(c.inputs.nodeGroups[0].instanceType, "SMALL");
  assert.equal(c.inputs.hosts[0].memoryMb, 1024);
  assert.equal(c.inputs.__gantry.secrets, []);
});

test("outputs: the provider's values, secrets kept secret, the cluster's state always secret", async () => {
  assert.is(await outputValue(page.sha256), "computed");
  assert.is(await outputValue(page.mode), "0644");
  assert.is(await outputValue(host.root), "/tmp/hosts/web");
  assert.is(await outputValue(cluster.haproxyUrl), "http://127.0.71.1:10000/");
  assert.is(await outputValue(cluster.zookeeperConnectString), "127.0.71.1:2181");
  assert.is(await isSecret(page.content), true);
  assert.is(await isSecret(page.path), false);
  const c = registered.find((r) => r.name === "tiny")!;
  assert.equal(c.additionalSecretOutputs, ["gantryState"]);
  const f = registered.find((r) => r.name === "index")!;
  assert.equal(f.additionalSecretOutputs, []);
});

test.run();
