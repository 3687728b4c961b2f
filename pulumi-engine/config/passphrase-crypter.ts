// Pulumi's passphrase secrets provider (pkg/secrets/passphrase/manager.go, sdk/go/common/resource/config/crypt.go):
//   - key: PBKDF2-HMAC-SHA256 of the passphrase with the stack's salt, 1,000,000 iterations, 32 bytes;
//   - a value: AES-256-GCM with a random 12-byte nonce, no additional data, written `v1:<nonce b64>:<ciphertext+tag
//     b64>` (standard base64 with padding);
//   - the stack's `encryptionsalt`: `v1:<salt b64>:` followed by the encryption of the word "pulumi" under that key,
//     which is how a wrong passphrase is told apart (Pulumi: "incorrect passphrase").
// Deriving the key takes about a second, so it is done once, off the event loop, per crypter.

import { createCipheriv, createDecipheriv, pbkdf2, randomBytes } from "node:crypto";

export const PBKDF2_ITERATIONS = 1_000_000;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CHECK_WORD = "pulumi";

/** Pulumi's error for a passphrase that does not open the stack's salt. */
export class IncorrectPassphraseError extends Error {
  constructor() {
    super("incorrect passphrase");
    this.name = "IncorrectPassphraseError";
  }
}

/** Pulumi's words when a value cannot be decrypted for lack of the right passphrase. */
export const INCORRECT_PASSPHRASE_DECRYPT =
  "failed to decrypt: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase or set " +
  "PULUMI_CONFIG_PASSPHRASE_FILE to a file containing the passphrase";

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(Buffer.from(passphrase, "utf8"), salt, PBKDF2_ITERATIONS, KEY_BYTES, "sha256", (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Go's base64.StdEncoding.DecodeString: padded standard alphabet only. */
function decodeBase64(text: string): Buffer {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text))
    throw new Error(`bad value: illegal base64 data`);
  return Buffer.from(text, "base64");
}

export class PassphraseCrypter {
  private constructor(
    private readonly key: Buffer,
    /** The stack's `encryptionsalt` this crypter opens. */
    readonly state: string,
  ) {}

  /**
   * The crypter of a stack's `encryptionsalt` (`v1:<salt>:v1:<nonce>:<ciphertext>`). Throws
   * IncorrectPassphraseError when the passphrase does not decrypt the check word, Error("malformed state value")
   * or Error("unknown state version") for a salt Pulumi would refuse too.
   */
  static async fromState(passphrase: string, state: string): Promise<PassphraseCrypter> {
    const first = state.indexOf(":");
    const second = first < 0 ? -1 : state.indexOf(":", first + 1);
    if (first < 0 || second < 0) throw new Error("malformed state value");
    if (state.slice(0, first) !== "v1") throw new Error("unknown state version");
    const salt = decodeBase64(state.slice(first + 1, second));
    const crypter = new PassphraseCrypter(await deriveKey(passphrase, salt), state);
    let word: string | undefined;
    try {
      word = crypter.decrypt(state.slice(second + 1));
    } catch {
      word = undefined;
    }
    if (word !== CHECK_WORD) throw new IncorrectPassphraseError();
    return crypter;
  }

  /** A new salt for a stack (Pulumi's NewPassphraseSecretsManager): 8 random bytes, and its crypter. */
  static async create(passphrase: string): Promise<PassphraseCrypter> {
    const salt = randomBytes(8);
    const key = await deriveKey(passphrase, salt);
    const check = encryptWith(key, CHECK_WORD);
    return new PassphraseCrypter(key, `v1:${salt.toString("base64")}:${check}`);
  }

  /** Encrypt one value: `v1:<nonce>:<ciphertext>`. */
  encrypt(plaintext: string): string {
    return encryptWith(this.key, plaintext);
  }

  /** Decrypt one `v1:<nonce>:<ciphertext>` value; throws with Go's words ("bad value", "cipher: message ..."). */
  decrypt(value: string): string {
    const parts = value.split(":");
    if (parts.length !== 3) throw new Error("bad value");
    if (parts[0] !== "v1") throw new Error("unknown value version");
    const nonce = decodeBase64(parts[1]);
    const sealed = decodeBase64(parts[2]);
    if (nonce.length !== NONCE_BYTES) throw new Error("bad value: nonce size is incorrect");
    if (sealed.length < TAG_BYTES) throw new Error("cipher: message authentication failed");
    const decipher = createDecipheriv("aes-256-gcm", this.key, nonce);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new Error("cipher: message authentication failed");
    }
  }
}

function encryptWith(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const sealed = Buffer.concat([body, cipher.getAuthTag()]);
  return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
}
