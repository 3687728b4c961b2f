// Loaded before every test file (test/run-all.mjs): uvu swallows an error
// thrown by a `test.before` hook (its runner returns from a `finally`), so a
// failed setup shows only "(0 / N)". This prints the error first, then
// rethrows, so the failure says what went wrong.
import { test } from "uvu";

const before = test.before;
const each = before.each;
test.before = (fn) =>
  before(async (...args) => {
    try {
      return await fn(...args);
    } catch (e) {
      console.error("test.before failed:", e);
      throw e;
    }
  });
test.before.each = each;
