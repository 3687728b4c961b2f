import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import type { Blueprint } from "../../blueprints/blueprint.js";
import { assertMarathonApp, formatAppErrors, marathonAppErrors } from "../../provider/formats/marathon-app-schema.js";
import { referencePath } from "./reference.js";

const blueprint: Pick<Blueprint, "apps"> = {
  apps: [
    {
      id: "/prod/web",
      cmd: "python3 -m http.server $PORT0",
      cpus: 0.25,
      mem: 64,
      instances: 3,
      portDefinitions: [{ port: 10000, protocol: "tcp", name: "http" }],
      healthChecks: [
        {
          protocol: "HTTP",
          path: "/",
          portIndex: 0,
          gracePeriodSeconds: 30,
          intervalSeconds: 10,
          maxConsecutiveFailures: 3,
        },
      ],
      constraints: [["hostname", "UNIQUE"]],
      labels: { HAPROXY_GROUP: "external" },
      upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.2 },
    },
    {
      id: "/prod/cache",
      container: {
        type: "DOCKER",
        docker: {
          image: "redis:7",
          network: "BRIDGE",
          portMappings: [{ containerPort: 6379, hostPort: 0, servicePort: 10001, protocol: "tcp" }],
        },
      },
      cpus: 0.5,
      mem: 256,
      instances: 1,
    },
  ],
};

test("the schema copy beside the validator is byte-identical to shared/reference", () => {
  const copy = readFileSync(new URL("../../provider/formats/marathon-app-definition.schema.json", import.meta.url));
  const original = readFileSync(referencePath("marathon-app-definition.schema.json"));
  assert.ok(copy.equals(original), "provider/formats/marathon-app-definition.schema.json differs from the reference");
});

test("apps from a blueprint validate against the official schema", () => {
  for (const app of blueprint.apps) {
    assert.equal(marathonAppErrors(app), [], String(app.id));
    assertMarathonApp(app);
  }
});

test("missing id is rejected at /id", () => {
  const { id: _id, ...noId } = blueprint.apps[0]!;
  const errs = marathonAppErrors(noId);
  assert.ok(
    errs.some((e) => e.path === "/id" && /required/.test(e.message)),
    formatAppErrors(errs),
  );
  assert.throws(() => assertMarathonApp(noId), /\/id: is required/);
});

test("cpus as a string is rejected at /cpus", () => {
  const errs = marathonAppErrors({ ...blueprint.apps[0]!, cpus: "1" });
  assert.equal(errs, [{ path: "/cpus", message: "must be number" }]);
  assert.throws(
    () => assertMarathonApp({ ...blueprint.apps[0]!, cpus: "1" }),
    /Marathon app \/prod\/web does not match[\s\S]*\/cpus: must be number/,
  );
});

test("unknown fields, cmd with args, bad ids, nested errors and date-time formats are caught with their paths", () => {
  const base = blueprint.apps[0]!;
  assert.equal(marathonAppErrors({ ...base, cpu: 1 }), [{ path: "/cpu", message: "is not an allowed property" }]);
  assert.ok(marathonAppErrors({ ...base, args: ["x"] }).some((e) => e.path === "" && /cmd and args/.test(e.message)));
  assert.ok(marathonAppErrors({ ...base, id: "/Prod/Web" }).some((e) => e.path === "/id" && /pattern/.test(e.message)));
  assert.ok(
    marathonAppErrors({ ...base, portDefinitions: [{ port: "80" }] }).some((e) => e.path === "/portDefinitions/0/port"),
  );
  assert.ok(marathonAppErrors({ ...base, instances: -1 }).some((e) => e.path === "/instances"));
  assert.ok(
    marathonAppErrors({ ...base, version: "yesterday" }).some(
      (e) => e.path === "/version" && /date-time/.test(e.message),
    ),
  );
  assert.equal(marathonAppErrors({ ...base, version: "2016-04-15T10:00:00.000Z" }), []);
  assert.ok(marathonAppErrors("not an app").length > 0);
});

test.run();
