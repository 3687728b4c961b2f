// Where `gantry serve` keeps its stacks' working data: always an absolute directory, since host roots and the
// commands run in them are resolved from other working directories (a relative `--store` once made HAProxy's
// configuration check look for its file under the host's root twice over).
import { isAbsolute } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stackDataRoot } from "../../server/stack-data-root.js";

test("beside the store file, absolute even when the store is given relative", () => {
  assert.is(stackDataRoot("s.sqlite", "/srv/heat"), "/srv/heat/.gantry/stacks");
  assert.is(stackDataRoot("db/s.sqlite", "/srv/heat"), "/srv/heat/db/.gantry/stacks");
  assert.is(stackDataRoot("/var/lib/gantry/s.sqlite", "/srv/heat"), "/var/lib/gantry/.gantry/stacks");
  assert.is(stackDataRoot("postgres://u@h/db", "/srv/heat"), "/srv/heat/.gantry/stacks");
  assert.ok(isAbsolute(stackDataRoot(":memory:")));
});

test.run();
