// The secrets of API tokens: 256 random bits as URL-safe text behind the prefix "gt_", kept only as their SHA-256.
//
// The prefix makes a token recognisable and keeps it from ever beginning with "-": base64url's alphabet has "-",
// and a token that began with it would be read as an option by command lines that take it as an argument value
// (`openstack --os-token -Abc…`).
//
// A slow password hash (bcrypt, scrypt) protects low-entropy secrets that people choose against guessing from a
// stolen hash. A token of 256 random bits cannot be guessed whatever the hash costs, so one SHA-256 is enough, and
// it lets `authenticate` find the token by an indexed lookup of its hash instead of trying every stored record.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** What every token secret begins with. */
export const TOKEN_PREFIX = "gt_";

/** A new token secret: "gt_" and 32 random bytes (`bytes`, given by tests), base64url: 46 characters. */
export function newTokenSecret(bytes: Buffer = randomBytes(32)): string {
  return `${TOKEN_PREFIX}${bytes.toString("base64url")}`;
}

/** The stored form of a token secret: its SHA-256, hex. */
export function tokenHash(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/**
 * Whether `secret` hashes to `stored`. The comparison takes the same time wherever the two differ (the lookup by
 * hash that found `stored` reveals nothing about the secret: finding a preimage of SHA-256 is not feasible).
 */
export function tokenMatches(secret: string, stored: string): boolean {
  const a = Buffer.from(tokenHash(secret), "hex");
  const b = Buffer.from(stored, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
