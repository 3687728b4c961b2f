import { constants, generateKeyPairSync, publicEncrypt } from "node:crypto";
import bcryptjs from "bcryptjs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { call, fails, isUnknown, results } from "./call.js";

test("hashes of strings and files", () => {
  results([
    ['md5("hello world")', "5eb63bbbe01eeed093cb22bb8f5acdc3"],
    ['sha1("hello world")', "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"],
    ['sha256("hello world")', "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"],
    [
      'sha512("hello world")',
      "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f" +
        "989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f",
    ],
    ['base64sha256("hello world")', "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="],
    [
      'base64sha512("hello world")',
      "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==",
    ],
    ['filemd5("hello.txt")', "5d41402abc4b2a76b9719d911017c592"],
    ['filesha1("hello.txt")', "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"],
    ['filesha256("hello.txt")', "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"],
    [
      'filesha512("hello.txt")',
      "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7" +
        "2323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043",
    ],
    ['filebase64sha256("hello.txt")', "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="],
    [
      'filebase64sha512("hello.txt")',
      "m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==",
    ],
  ]);
  fails('filemd5("nope.txt")', /no file exists at "nope.txt"/);
});

test("uuidv5 with the named namespaces and a UUID namespace", () => {
  results([
    ['uuidv5("dns", "www.terraform.io")', "a5008fae-b28c-5ba5-96cd-82b4c53552d6"],
    ['uuidv5("url", "https://www.terraform.io/")', "9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"],
    ['uuidv5("oid", "1.3.6.1.4")', "af9d40a5-7a36-5c07-b23a-851cd99fbfa5"],
    ['uuidv5("x500", "CN=Example,C=GB")', "84e09961-4aa4-57f8-95b7-03edb1073253"],
    ['uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")', "a5008fae-b28c-5ba5-96cd-82b4c53552d6"],
  ]);
  fails('uuidv5("tada", "tada")', /uuidv5\(\) doesn't support namespace tada/);
});

test("bcrypt, uuid: random, and unknown while planning", () => {
  const hash = call('bcrypt("hello", 5)') as string;
  assert.match(hash, /^\$2a\$05\$/);
  assert.ok(bcryptjs.compareSync("hello", hash));
  assert.match(call('bcrypt("hello")') as string, /^\$2a\$10\$/);
  fails('bcrypt("hello", 3)', /cost 3 is outside allowed range \(4,31\)/);
  assert.match(call("uuid()") as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  isUnknown("uuid()", { phase: "plan" });
  isUnknown('bcrypt("x")', { phase: "plan" });
  assert.is(typeof call("uuid()", { phase: "apply" }), "string");
});

test("rsadecrypt decrypts PKCS #1 v1.5 ciphertext with a PEM private key", () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }) as string;
  const cipher = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from("message ☃"));
  const s = { variable: (n: string) => (n === "key" ? pem : cipher.toString("base64")) };
  assert.is(call("rsadecrypt(var.c, var.key)", s), "message ☃");
  assert.throws(() => call('rsadecrypt("notbase64!", var.key)', s), /cipher text must be base64-encoded/);
  assert.throws(() => call('rsadecrypt(var.c, "not a key")', s), /invalid private key/);
  assert.throws(
    () => call(`rsadecrypt("${Buffer.alloc(128, 1).toString("base64")}", var.key)`, s),
    /failed to decrypt/,
  );
});

test.run();
