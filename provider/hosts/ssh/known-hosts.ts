// Host keys pinned in an OpenSSH known_hosts file. A host's key must be listed
// for the name it is reached by ("address", or "[address]:port" off port 22;
// plain, wildcard or hashed "|1|salt|hash" patterns); an unknown key is refused
// unless first contact is allowed (then it is appended), a changed key always.

import { createHash, createHmac } from "node:crypto";
import * as fs from "node:fs";
import { dirname } from "node:path";

export type HostKeyVerdict =
  | { status: "known" }
  | { status: "unknown" }
  | { status: "changed"; expected: string[] }
  | { status: "revoked" };

/** OpenSSH's fingerprint of a key blob: "SHA256:" and the unpadded base64 of its SHA-256. */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

/** The key type a key blob starts with ("ssh-ed25519", "ecdsa-sha2-nistp256", ...). */
export function keyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return "unknown";
  const n = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + n).toString("latin1");
}

interface Entry {
  marker: string | null;
  patterns: string[];
  type: string;
  key: Buffer;
}

/** Where a connection's host keys are pinned: a known_hosts file, or keys given in configuration. */
export interface HostKeyStore {
  /** Named in messages ("/root/.ssh/known_hosts", "the connection's host_key"). */
  readonly file: string;
  verify(name: string, keyBlob: Buffer): HostKeyVerdict;
  /** Records a key on first contact (accept_new_host_key). */
  add(name: string, keyBlob: Buffer): void;
  /** What to do about an unknown key (default: add it to the file or allow first contact). */
  readonly unknownAdvice?: string;
  /** What to do about a changed key of a reinstalled host (default: remove its line from the file). */
  readonly changedAdvice?: string;
}

export class KnownHosts implements HostKeyStore {
  constructor(readonly file: string) {}

  /** What the file says of `keyBlob` presented by `name`. A missing file knows no host. */
  verify(name: string, keyBlob: Buffer): HostKeyVerdict {
    const type = keyType(keyBlob);
    const expected: string[] = [];
    for (const e of this.entries()) {
      if (!matchesHost(e.patterns, name)) continue;
      if (e.marker === "@revoked") {
        if (e.key.equals(keyBlob)) return { status: "revoked" };
        continue;
      }
      if (e.marker !== null) continue; // @cert-authority: certificates are not used here
      if (e.key.equals(keyBlob)) return { status: "known" };
      if (e.type === type) expected.push(fingerprint(e.key));
    }
    // OpenSSH too only calls a key "changed" when a key of the same type is pinned for the name.
    return expected.length > 0 ? { status: "changed", expected } : { status: "unknown" };
  }

  /** Appends `name`'s key (first contact). */
  add(name: string, keyBlob: Buffer): void {
    fs.mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    fs.appendFileSync(this.file, `${name} ${keyType(keyBlob)} ${keyBlob.toString("base64")}\n`, { mode: 0o600 });
  }

  private entries(): Entry[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new Error(`cannot read known_hosts file ${this.file}: ${(e as Error).message}`);
    }
    const out: Entry[] = [];
    for (const raw of text.split("\n")) {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) continue;
      const fields = line.split(/\s+/);
      const marker = fields[0]!.startsWith("@") ? fields.shift()! : null;
      if (fields.length < 3) continue;
      out.push({ marker, patterns: fields[0]!.split(","), type: fields[1]!, key: Buffer.from(fields[2]!, "base64") });
    }
    return out;
  }
}

/** OpenSSH's host pattern list: any positive match and no negated ("!") match. */
function matchesHost(patterns: string[], name: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith("|1|")) {
      const [, , salt, hash] = p.split("|");
      if (salt && hash && createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64") === hash) {
        matched = true;
      }
      continue;
    }
    const negated = p.startsWith("!");
    if (wildcard(negated ? p.slice(1) : p, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function wildcard(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, "i").test(name);
}
