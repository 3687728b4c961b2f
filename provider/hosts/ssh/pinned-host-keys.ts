// Host keys given in configuration (Terraform's connection `host_key` and
// `bastion_host_key`: "ssh-ed25519 AAAA... [comment]" lines) instead of a
// known_hosts file: a host whose key is pinned this way must present one of
// those keys; hosts without pinned keys are checked against the known_hosts
// file as the ssh driver's are.

import { fingerprint, type HostKeyStore, type HostKeyVerdict, type KnownHosts } from "./known-hosts.js";

export class PinnedHostKeys implements HostKeyStore {
  private readonly pins = new Map<string, { keys: Buffer[]; source: string }>();
  /** What the last verify() checked against, for the message that follows it. */
  private lastSource: string;

  constructor(private readonly fallback: KnownHosts) {
    this.lastSource = fallback.file;
  }

  /**
   * Pins `name`'s keys from `text` (one public key per line, as in a .pub file or authorized_keys); throws when
   * no line is a key. `source` names where they were written ("host_key of the connection").
   */
  pin(name: string, text: string, source: string): void {
    const keys: Buffer[] = [];
    for (const raw of text.split("\n")) {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) continue;
      const fields = line.split(/\s+/);
      const blob = fields[0]?.startsWith("ssh-") || fields[0]?.startsWith("ecdsa-") ? fields[1] : fields[0];
      const key = blob && /^[A-Za-z0-9+/]+=*$/.test(blob) ? Buffer.from(blob, "base64") : undefined;
      if (!key || key.length < 8) throw new Error(`${source} is not a public key (such as "ssh-ed25519 AAAA...")`);
      keys.push(key);
    }
    if (keys.length === 0) throw new Error(`${source} is empty`);
    this.pins.set(name, { keys, source });
  }

  get file(): string {
    return this.lastSource;
  }

  get changedAdvice(): string | undefined {
    return this.lastSource === this.fallback.file ? undefined : `correct ${this.lastSource}`;
  }

  get unknownAdvice(): string | undefined {
    return this.lastSource === this.fallback.file
      ? "add it there (ssh-keyscan, after checking the fingerprint) or give the connection's host_key"
      : undefined;
  }

  verify(name: string, keyBlob: Buffer): HostKeyVerdict {
    const pinned = this.pins.get(name);
    if (!pinned) {
      this.lastSource = this.fallback.file;
      return this.fallback.verify(name, keyBlob);
    }
    this.lastSource = pinned.source;
    if (pinned.keys.some((k) => k.equals(keyBlob))) return { status: "known" };
    return { status: "changed", expected: pinned.keys.map(fingerprint) };
  }

  add(): void {
    throw new Error("keys given in configuration are not added to");
  }
}
