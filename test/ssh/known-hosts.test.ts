// known_hosts as the ssh driver reads it: plain, hashed, wildcard and negated
// patterns, non-default ports, changed and revoked keys, first contact.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { fingerprint, keyType, KnownHosts } from "../../provider/hosts/ssh/known-hosts.js";
import { knownHostsName } from "../../provider/hosts/ssh/ssh-settings.js";

/** An ssh-ed25519 public key blob (string "ssh-ed25519", string key). */
function ed25519Blob(): Buffer {
  const der = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" });
  const raw = der.subarray(der.length - 32);
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return Buffer.concat([str(Buffer.from("ssh-ed25519")), str(raw)]);
}

const a = ed25519Blob();
const b = ed25519Blob();
const line = (names: string, key: Buffer, marker = "") => `${marker}${names} ssh-ed25519 ${key.toString("base64")}`;

function file(lines: string[]): { kh: KnownHosts; path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "gantry-kh-"));
  const path = join(dir, "known_hosts");
  writeFileSync(path, `# comment\n\n${lines.join("\n")}\n`);
  return { kh: new KnownHosts(path), path, dir };
}

test("fingerprint and key type as OpenSSH prints them", () => {
  assert.is(keyType(a), "ssh-ed25519");
  assert.match(fingerprint(a), /^SHA256:[A-Za-z0-9+/]{43}$/);
});

test("plain, wildcard, negated and hashed patterns; ports", () => {
  const salt = randomBytes(20);
  const hashed = `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update("10.0.0.9").digest("base64")}`;
  const { kh, dir } = file([
    line("10.0.0.1,web1", a),
    line("[10.0.0.2]:2222", a),
    line("10.1.*,!10.1.0.5", a),
    line(hashed, a),
  ]);
  try {
    assert.equal(kh.verify("10.0.0.1", a), { status: "known" });
    assert.equal(kh.verify("web1", a), { status: "known" });
    assert.equal(kh.verify(knownHostsName({ address: "10.0.0.2", port: 2222 }), a), { status: "known" });
    assert.equal(kh.verify("10.0.0.2", a), { status: "unknown" }, "port 22 is another name");
    assert.equal(kh.verify("10.1.3.4", a), { status: "known" });
    assert.equal(kh.verify("10.1.0.5", a), { status: "unknown" }, "negated");
    assert.equal(kh.verify("10.0.0.9", a), { status: "known" }, "hashed");
    assert.equal(kh.verify("10.0.0.1", b), { status: "changed", expected: [fingerprint(a)] });
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("revoked keys; first contact appends the key; a missing file knows nobody", () => {
  const { kh, path, dir } = file([line("*", b, "@revoked ")]);
  try {
    assert.equal(kh.verify("10.0.0.1", b), { status: "revoked" });
    assert.equal(kh.verify("10.0.0.1", a), { status: "unknown" });
    kh.add("10.0.0.1", a);
    assert.match(readFileSync(path, "utf8"), `\n${line("10.0.0.1", a)}\n`);
    assert.equal(kh.verify("10.0.0.1", a), { status: "known" });
    assert.equal(new KnownHosts(join(dir, "none")).verify("x", a), { status: "unknown" });
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test.run();
