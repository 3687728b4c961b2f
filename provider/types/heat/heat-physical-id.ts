// Physical resource ids as Heat makes them. Most of Heat's own types name
// their object `STACK-RESOURCE-SHORTID` (Resource.physical_resource_name: the
// stack's name, the resource's, and 12 lower-case base32 characters of 60
// random bits); a new object (a replacement) gets a new one, an update in
// place keeps it. OS::Heat::None uses a random UUID.

import { randomBytes, randomUUID } from "node:crypto";
import type { InstanceInfo } from "../../../contract/resource-type.js";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** Heat's short id: 12 characters of RFC 4648 base32 (lower case) over 60 random bits. */
export function heatShortId(): string {
  let bits = randomBytes(8).readBigUInt64BE() >> 4n; // 60 bits
  let out = "";
  for (let i = 0; i < 12; i++) {
    out = BASE32[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

/**
 * `STACK-RESOURCE-SHORTID` for an instance: its stack's name when the instance runs as part of a Heat stack, otherwise
 * the resource's name alone leads (`RESOURCE-SHORTID`).
 */
export function heatPhysicalResourceName(info: InstanceInfo): string {
  const stackName = info.stackName;
  const resource = info.nameInModule ?? info.name;
  return stackName ? `${stackName.replace(/\*+$/, "")}-${resource}-${heatShortId()}` : `${resource}-${heatShortId()}`;
}

/** OS::Heat::None's physical id. */
export function heatUuid(): string {
  return randomUUID();
}
