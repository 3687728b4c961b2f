// The secrets of gantry's record of a Pulumi stack, encrypted as Pulumi's state keeps them: `{sig, ciphertext}`,
// the ciphertext of the value's JSON under the stack's passphrase; opened and sealed again unchanged.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { PassphraseCrypter } from "../../pulumi-engine/config/passphrase-crypter.js";
import { holdsSealedSecret, StateSecrets, stateHoldsSealedSecrets } from "../../pulumi-engine/state-secrets.js";
import { newState } from "../../planner/state.js";
import { SECRET_SIGNATURE, SIGNATURE_KEY } from "../../pulumi-engine/wire-values.js";

const secret = (value: unknown) => ({ [SIGNATURE_KEY]: SECRET_SIGNATURE, value });

test("sealed with the stack's passphrase, opened again, a value read back sealed as it was", async () => {
  const crypter = await PassphraseCrypter.create("pw");
  const secrets = new StateSecrets(crypter, "state");
  const state = newState("test");
  const attrs = { id: "x", inputs: { plain: 1, pw: secret("hunter2") }, outputs: { list: [secret({ a: [1, 2] })] } };
  state.instances.set("urn:a", {
    address: "urn:a",
    type: "t",
    name: "a",
    dependencies: [],
    attributes: attrs as never,
  });
  state.instances.set("urn:b", { address: "urn:b", type: "t", name: "b", dependencies: [], attributes: { id: "y" } });
  const sealed = secrets.sealState(state);
  assert.is.not(sealed, state, "a new state: the one in memory is not changed");
  assert.is(state.instances.get("urn:a")?.attributes, attrs as never);
  assert.is(sealed.instances.get("urn:b"), state.instances.get("urn:b"), "an instance without secrets is shared");
  const text = JSON.stringify(sealed.instances.get("urn:a")?.attributes);
  assert.not.match(text, "hunter2");
  assert.ok(stateHoldsSealedSecrets(sealed));
  assert.not.ok(stateHoldsSealedSecrets(state));
  const pw = (sealed.instances.get("urn:a")!.attributes as { inputs: { pw: { ciphertext: string } } }).inputs.pw;
  assert.equal(Object.keys(pw), [SIGNATURE_KEY, "ciphertext"]);
  assert.is(crypter.decrypt(pw.ciphertext), '"hunter2"', "the ciphertext of the value's JSON");

  // read back (as from the file), opened, and sealed again: the same ciphertexts
  const read = JSON.parse(JSON.stringify(sealed.instances.get("urn:a")?.attributes));
  const reread = newState("test");
  reread.instances.set("urn:a", { address: "urn:a", type: "t", name: "a", dependencies: [], attributes: read });
  const opened = secrets.openState(reread);
  assert.equal(opened.instances.get("urn:a")?.attributes, attrs);
  assert.not.ok(holdsSealedSecret(opened.instances.get("urn:a")?.attributes));
  assert.equal(secrets.sealState(opened).instances.get("urn:a")?.attributes, read);

  const other = new StateSecrets(await PassphraseCrypter.create("other"), "state.json");
  assert.throws(() => other.openState(reread), /state\.json: a secret in the state cannot be decrypted/);
});

test.run();
