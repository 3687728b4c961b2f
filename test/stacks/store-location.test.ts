// Where the stack store is: --store, else GANTRY_STORE, else ./gantry-stacks.sqlite; PostgreSQL not yet.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { GantryError } from "../../contract/diagnostics.js";
import { storeLocation } from "../../stacks/store-location.js";

test("the flag wins over the environment, which wins over the default; relative to the working directory", () => {
  assert.is(storeLocation("a.sqlite", { GANTRY_STORE: "/x/b.sqlite" }, "/w"), "/w/a.sqlite");
  assert.is(storeLocation(undefined, { GANTRY_STORE: "b.sqlite" }, "/w"), "/w/b.sqlite");
  assert.is(storeLocation(undefined, {}, "/w"), "/w/gantry-stacks.sqlite");
  assert.is(storeLocation("", { GANTRY_STORE: "" }, "/w"), "/w/gantry-stacks.sqlite");
  assert.is(storeLocation(":memory:", {}, "/w"), ":memory:");
});

test("a postgres:// URL is refused, naming issue #13 and hiding the password", () => {
  for (const url of ["postgres://u:secret@h:5432/db", "postgresql://h/db"]) {
    const err = (() => {
      try {
        storeLocation(undefined, { GANTRY_STORE: url });
      } catch (e) {
        return e as GantryError;
      }
    })();
    assert.instance(err, GantryError);
    assert.match(err!.message, "not yet supported (issue #13)");
    assert.not.match(JSON.stringify(err!.diagnostics), "secret");
  }
});

test.run();
