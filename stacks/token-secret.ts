// The secrets of API tokens: 256 random bits as URL-safe text, kept only as their SHA-256.
//
// A slow password hash (bcrypt, scrypt) protects low-entropy secrets that people choose against guessing from a
// stolen hash. A token of 256 random bits cannot be guessed whatever the hash costs, so one SHA-256 is enough, and
// it lets `authenticate` find the token by an indexed lookup of its hash instead of trying every stored record.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new token secret: 32 random bytes, base64url (43 characters). */
export function newTokenSecret(): string {
  return randomBytes(32).toString("base64url");
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
