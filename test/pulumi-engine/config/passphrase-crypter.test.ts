// The passphrase secrets provider against values Pulumi's own tests carry (salts made by Pulumi with known
// passphrases), and round trips of what gantry writes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { IncorrectPassphraseError, PassphraseCrypter } from "../../../pulumi-engine/config/passphrase-crypter.js";

// [passphrase, encryptionsalt] from pulumi/pulumi: pkg/secrets/passphrase/manager_test.go,
// pkg/backend/diy/backend_test.go, tests/roundtrip/roundtrip_test.go, tests/smoke/smoke_test.go (the default
// passphrase of Pulumi's test environment).
/** The error a promise rejects with (fails when it resolves). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

const VECTORS: [string, string][] = [
  ["password", "v1:fozI5u6B030=:v1:F+6ZduKKd8G0/V7L:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ=="],
  ["abc123", "v1:4iF78gb0nF0=:v1:Co6IbTWYs/UdrjgY:FSrAWOFZnj9ealCUDdJL7LrUKXX9BA=="],
  ["123abc", "v1:C7H2a7/Ietk=:v1:yfAd1zOi6iY9DRIB:dumdsr+H89VpHIQWdB01XEFqYaYjAg=="],
  ["TestConfigRoundtripComments", "v1:ThS5UPxP9qc=:v1:UZYAXF+ylaJ0rGhv:9OTvBnOEDFgxs7btjzSu+LZ470vLpg=="],
  ["correct horse battery staple", "v1:3ZcVRCMzEbk=:v1:A4wYnaSVLIkK0AhS:2SrOnSDh9wVGmoyZt97KYJN3WfDDHA=="],
];

test("every salt Pulumi made opens with its passphrase", async () => {
  for (const [phrase, state] of VECTORS) {
    const c = await PassphraseCrypter.fromState(phrase, state);
    assert.is(c.state, state);
  }
});

test("a secure value Pulumi wrote decrypts (tests/roundtrip: foo:d)", async () => {
  const c = await PassphraseCrypter.fromState(VECTORS[3][0], VECTORS[3][1]);
  assert.is(c.decrypt("v1:T1ftqhY0hqr+EJK6:+jvd5PMecFx80tcavzuZY4tLatgIfoe/xR72GA=="), "secret-value");
});

test("a wrong passphrase is Pulumi's 'incorrect passphrase'; so is another stack's salt", async () => {
  for (const phrase of ["wrong", "", "Password"]) {
    try {
      await PassphraseCrypter.fromState(phrase, VECTORS[0][1]);
      assert.unreachable("opened with a wrong passphrase");
    } catch (e) {
      assert.instance(e, IncorrectPassphraseError);
      assert.is((e as Error).message, "incorrect passphrase");
    }
  }
});

test("malformed salts are refused in Pulumi's words", async () => {
  // pkg/secrets/passphrase/manager_test.go's brokenState
  const broken = "fozI5u6B030=:v1:F+6ZduL:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==";
  assert.is((await rejection(PassphraseCrypter.fromState("password", broken))).message, "unknown state version");
  assert.is((await rejection(PassphraseCrypter.fromState("password", "v1"))).message, "malformed state value");
});

test("encrypt then decrypt; a new salt opens with its passphrase only; tampering is detected", async () => {
  const c = await PassphraseCrypter.create("s3cret");
  assert.match(c.state, /^v1:[A-Za-z0-9+/]{11}=:v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/=]+$/);
  const ct = c.encrypt("hunter2 ✓");
  assert.match(ct, /^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/=]+$/);
  assert.is.not(c.encrypt("hunter2 ✓"), ct, "a fresh nonce every time");
  assert.is(c.decrypt(ct), "hunter2 ✓");
  const again = await PassphraseCrypter.fromState("s3cret", c.state);
  assert.is(again.decrypt(ct), "hunter2 ✓");
  assert.instance(await rejection(PassphraseCrypter.fromState("other", c.state)), IncorrectPassphraseError);
  const [v, nonce, body] = ct.split(":");
  const flipped = Buffer.from(body, "base64");
  flipped[0] ^= 1;
  assert.throws(() => c.decrypt(`${v}:${nonce}:${flipped.toString("base64")}`), /message authentication failed/);
  assert.throws(() => c.decrypt("v2:a:b"), /unknown value version/);
  assert.throws(() => c.decrypt("v1:abc"), /bad value/);
});

test.run();
