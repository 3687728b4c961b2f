// Hash and crypto functions (Terraform's docs: "Hash and Crypto Functions").

import { createHash, createPrivateKey, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { v5 as uuidv5 } from "uuid";
import { UNKNOWN, type Value } from "../../../contract/values.js";
import { asInteger, asString } from "./argument-conversion.js";
import { FunctionError, type FunctionTable, planning } from "./definition.js";

/** bcryptjs, loaded when `bcrypt` first runs rather than at every start. */
const requireHere = createRequire(import.meta.url);
const bcryptjs = (): typeof import("bcryptjs") => requireHere("bcryptjs");
import { readConfigFile } from "./filesystem.js";

type Digest = "hex" | "base64";

function hashOfString(alg: string, out: Digest): FunctionTable[string] {
  return { params: ["str"], impl: ([s]) => createHash(alg).update(asString(s, 0), "utf8").digest(out) };
}

function hashOfFile(alg: string, out: Digest): FunctionTable[string] {
  return {
    params: ["path"],
    impl: ([p], ctx) =>
      createHash(alg)
        .update(readConfigFile(asString(p, 0), ctx))
        .digest(out),
  };
}

const NAMESPACES: Record<string, string> = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

function fromBase64Url(s: string): bigint {
  return BigInt(`0x${Buffer.from(s, "base64url").toString("hex") || "0"}`);
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/** RSA PKCS #1 v1.5 decryption (Node refuses this padding in privateDecrypt, so the arithmetic is done here). */
function rsaDecrypt(cipherB64: string, pem: string): string {
  const cipher = Buffer.from(cipherB64, "base64");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cipherB64.replace(/\s/g, "")) || cipher.length === 0)
    throw new FunctionError(
      `failed to decode input ${JSON.stringify(cipherB64)}: cipher text must be base64-encoded`,
      0,
    );
  let jwk: { n?: string; d?: string; kty?: string };
  try {
    jwk = createPrivateKey(pem).export({ format: "jwk" }) as typeof jwk;
  } catch {
    throw new FunctionError("invalid private key: failed to parse private key", 1);
  }
  if (jwk.kty !== "RSA" || !jwk.n || !jwk.d) throw new FunctionError("invalid private key type", 1);
  const n = fromBase64Url(jwk.n);
  const k = Buffer.from(jwk.n, "base64url").length;
  const c = BigInt(`0x${cipher.toString("hex")}`);
  if (cipher.length !== k || c >= n) throw new FunctionError("failed to decrypt: crypto/rsa: decryption error");
  const m = Buffer.from(
    modPow(c, fromBase64Url(jwk.d), n)
      .toString(16)
      .padStart(k * 2, "0"),
    "hex",
  );
  const sep = m.indexOf(0, 2);
  if (m[0] !== 0 || m[1] !== 2 || sep < 10) throw new FunctionError("failed to decrypt: crypto/rsa: decryption error");
  return m.subarray(sep + 1).toString("utf8");
}

export const HASH_AND_CRYPTO_FUNCTIONS: FunctionTable = {
  md5: hashOfString("md5", "hex"),
  sha1: hashOfString("sha1", "hex"),
  sha256: hashOfString("sha256", "hex"),
  sha512: hashOfString("sha512", "hex"),
  base64sha256: hashOfString("sha256", "base64"),
  base64sha512: hashOfString("sha512", "base64"),
  filemd5: hashOfFile("md5", "hex"),
  filesha1: hashOfFile("sha1", "hex"),
  filesha256: hashOfFile("sha256", "hex"),
  filesha512: hashOfFile("sha512", "hex"),
  filebase64sha256: hashOfFile("sha256", "base64"),
  filebase64sha512: hashOfFile("sha512", "base64"),
  bcrypt: {
    params: ["str"],
    variadic: "cost",
    maxArgs: 2,
    impl: ([s, cost], ctx): Value => {
      const text = asString(s, 0);
      const rounds = cost === undefined ? 10 : asInteger(cost, 1);
      if (rounds < 4 || rounds > 31)
        throw new FunctionError(
          `error occured generating password crypto/bcrypt: cost ${rounds} is outside allowed range (4,31)`,
        );
      if (planning(ctx)) return UNKNOWN;
      // Terraform writes the $2a$ prefix; the hash is the same algorithm.
      return bcryptjs()
        .hashSync(text, bcryptjs().genSaltSync(rounds))
        .replace(/^\$2b\$/, "$2a$");
    },
  },
  uuid: { params: [], impl: (_args, ctx) => (planning(ctx) ? UNKNOWN : randomUUID()) },
  uuidv5: {
    params: ["namespace", "name"],
    impl: ([ns, name]) => {
      const given = asString(ns, 0);
      const namespace = NAMESPACES[given] ?? given;
      try {
        return uuidv5(asString(name, 1), namespace);
      } catch (e) {
        throw new FunctionError(`uuidv5() doesn't support namespace ${given} (${(e as Error).message})`);
      }
    },
  },
  rsadecrypt: {
    params: ["ciphertext", "privatekey"],
    impl: ([c, k]) => rsaDecrypt(asString(c, 0), asString(k, 1)),
  },
};
