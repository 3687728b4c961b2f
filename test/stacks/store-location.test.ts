// Where the stack store is: --store, else GANTRY_STORE, else ./gantry-stacks.sqlite; or a PostgreSQL URL.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { isPostgresLocation, shownLocation, storeLocation } from "../../stacks/store-location.js";

test("the flag wins over the environment, which wins over the default; relative to the working directory", () => {
  assert.is(storeLocation("a.sqlite", { GANTRY_STORE: "/x/b.sqlite" }, "/w"), "/w/a.sqlite");
  assert.is(storeLocation(undefined, { GANTRY_STORE: "b.sqlite" }, "/w"), "/w/b.sqlite");
  assert.is(storeLocation(undefined, {}, "/w"), "/w/gantry-stacks.sqlite");
  assert.is(storeLocation("", { GANTRY_STORE: "" }, "/w"), "/w/gantry-stacks.sqlite");
  assert.is(storeLocation(":memory:", {}, "/w"), ":memory:");
});

test("a postgres:// URL is kept as it is; shown, its password is hidden", () => {
  for (const url of ["postgres://u:secret@h:5432/db", "postgresql://h/db", "POSTGRES://h/db"]) {
    assert.is(storeLocation(undefined, { GANTRY_STORE: url }, "/w"), url);
    assert.is(storeLocation(url, {}, "/w"), url);
    assert.ok(isPostgresLocation(url));
  }
  assert.is(shownLocation("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
  assert.not.ok(isPostgresLocation("/w/postgres.sqlite"));
});

test.run();
