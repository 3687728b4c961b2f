// Property values and their wire form: every marker through a real google.protobuf.Struct and back, the shapes the
// SDK's deserializer reads, secrets kept or revealed, and Pulumi's annotateSecrets.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  Archive,
  Asset,
  annotateSecrets,
  containsSecrets,
  containsUnknowns,
  fromWire,
  mapFromWire,
  mapToWire,
  OutputValue,
  type PropertyMap,
  ResourceReference,
  revealSecrets,
  SIGNATURE_KEY,
  Secret,
  toWire,
  UNKNOWN,
  UNKNOWN_SENTINEL,
} from "../../../pulumi-engine/plugins/property-value.js";
import { loadPulumiSdkModules } from "../../../pulumi-engine/plugins/pulumi-sdk-modules.js";

const sample: PropertyMap = {
  s: "text",
  n: 1.5,
  b: true,
  nil: null,
  list: [1, "two", { three: 3 }],
  secret: new Secret({ password: "p", nested: [new Secret("deep")] }),
  unknown: UNKNOWN,
  file: new Asset({ path: "./a.txt" }),
  text: new Asset({ text: "hello" }, "abc123"),
  remote: new Archive({ uri: "https://example.com/a.tgz" }),
  bundle: new Archive({ assets: { "a.txt": new Asset({ text: "a" }), sub: new Archive({ path: "./dir" }) } }),
  ref: new ResourceReference("urn:pulumi:dev::p::t::r", "id-1", "1.2.3"),
  out: new OutputValue("v", true, ["urn:pulumi:dev::p::t::d"]),
  pending: new OutputValue(undefined),
};

test("every value survives a real Struct round trip", () => {
  const { Struct } = loadPulumiSdkModules().structPb;
  const struct = Struct.fromJavaScript(mapToWire(sample) as never);
  const back = mapFromWire(Struct.deserializeBinary(struct.serializeBinary()).toJavaScript() as never);
  assert.equal(back, sample);
});

test("the wire shapes are Pulumi's", () => {
  assert.equal(toWire(new Secret("x")), { [SIGNATURE_KEY]: "1b47061264138c4ac30d75fd1eb44270", value: "x" });
  assert.is(toWire(UNKNOWN), UNKNOWN_SENTINEL);
  assert.is(UNKNOWN_SENTINEL, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  assert.equal(toWire(new Asset({ text: "hi" })), { [SIGNATURE_KEY]: "c44067f5952c0a294b673a41bacd8c17", text: "hi" });
  assert.equal(toWire(new Archive({ path: "d" })), { [SIGNATURE_KEY]: "0def7320c3a5731c473e5ecbe6d01bc7", path: "d" });
  assert.equal(toWire(new ResourceReference("urn:x")), {
    [SIGNATURE_KEY]: "5cf8f73096256a8f31e491e813e4eb8e",
    urn: "urn:x",
    packageVersion: "",
  });
  assert.equal(toWire(new OutputValue(1, true)), {
    [SIGNATURE_KEY]: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
    value: 1,
    secret: true,
  });
  assert.equal(toWire({ a: undefined as never, b: 1 }), { b: 1 }, "undefined members are left out");
});

test("a provider without secrets gets what they hold", () => {
  assert.equal(toWire(sample.secret, { keepSecrets: false }), { password: "p", nested: ["deep"] });
  assert.equal(toWire(new OutputValue("v", true), { keepSecrets: false }), "v");
  assert.equal(revealSecrets(sample.secret), { password: "p", nested: ["deep"] });
  assert.ok(containsSecrets(sample));
  assert.not.ok(containsSecrets({ a: [1, { b: "c" }] }));
  assert.ok(containsUnknowns({ a: [new Secret(UNKNOWN)] }));
  assert.ok(containsUnknowns({ a: new OutputValue(undefined) }));
});

test("annotateSecrets marks outputs whose inputs of the same name held secrets, walking objects", () => {
  const ins: PropertyMap = { a: new Secret("x"), obj: { k: new Secret(1), plain: 2 }, list: [new Secret("y")], c: 3 };
  const outs: PropertyMap = { a: "x", obj: { k: 1, plain: 2, extra: 4 }, list: ["y"], c: 3, only: "out" };
  assert.equal(annotateSecrets(outs, ins), {
    a: new Secret("x"),
    obj: { k: new Secret(1), plain: 2, extra: 4 },
    list: new Secret(["y"]),
    c: 3,
    only: "out",
  });
});

test("unknown signatures are refused by name", () => {
  assert.throws(() => fromWire({ [SIGNATURE_KEY]: "feedface" }), /unknown Pulumi value signature feedface/);
});

test.run();
