// IP network functions (Terraform's docs: "IP Network Functions"): CIDR arithmetic on addresses as big integers.
// IPv4 parts may carry leading zeros (read as decimal, as Terraform does); an IPv4-mapped IPv6 prefix
// (::ffff:a.b.c.d/n) is the IPv4 network it maps.

import { createRequire } from "node:module";
import { asInteger, asString } from "./argument-conversion.js";
import { FunctionError, type FunctionTable } from "./definition.js";

/** ipaddr.js, loaded when an IPv6 address is first read rather than at every start. */
const requireHere = createRequire(import.meta.url);
const ipaddr = (): typeof import("ipaddr.js") => requireHere("ipaddr.js");

interface Network {
  ip: bigint;
  prefix: number;
  bits: 32 | 128;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseAddress(s: string): { ip: bigint; bits: 32 | 128 } | undefined {
  const v4 = IPV4.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { ip: parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n), bits: 32 };
  }
  if (!s.includes(":") || !ipaddr().IPv6.isValid(s)) return undefined;
  const bytes = ipaddr().IPv6.parse(s).toByteArray();
  return { ip: bytes.reduce((a, b) => (a << 8n) | BigInt(b), 0n), bits: 128 };
}

const full = (bits: number) => (1n << BigInt(bits)) - 1n;
const hostMask = (n: Network, prefix = n.prefix) => (1n << BigInt(n.bits - prefix)) - 1n;

function parseCidr(s: string): Network {
  const slash = s.indexOf("/");
  const addr = slash < 0 ? undefined : parseAddress(s.slice(0, slash));
  const len = slash < 0 ? "" : s.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(len) || Number(len) > addr.bits)
    throw new FunctionError(`invalid CIDR expression: invalid CIDR address: ${s}`);
  let { ip, bits } = addr;
  let prefix = Number(len);
  if (bits === 128 && ip >> 32n === 0xffffn && prefix >= 96) {
    ip &= full(32);
    bits = 32;
    prefix -= 96;
  }
  const n: Network = { ip, prefix, bits };
  n.ip &= ~hostMask(n) & full(bits);
  return n;
}

function addressText(ip: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((ip >> s) & 255n)).join(".");
  const parts = Array.from({ length: 8 }, (_, i) => Number((ip >> BigInt((7 - i) * 16)) & 0xffffn));
  const v6 = new (ipaddr().IPv6)(parts);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return v6.toRFC5952String();
}

const cidrText = (n: Network) => `${addressText(n.ip, n.bits)}/${n.prefix}`;

/** go-cidr's SubnetBig. */
function subnet(base: Network, newBits: number, num: number): Network {
  const prefix = base.prefix + newBits;
  if (prefix > base.bits)
    throw new FunctionError(`insufficient address space to extend prefix of ${base.prefix} by ${newBits}`);
  if (num < 0 || BigInt(num) > (1n << BigInt(newBits)) - 1n)
    throw new FunctionError(`prefix extension of ${newBits} does not accommodate a subnet numbered ${num}`);
  return { ip: base.ip | (BigInt(num) << BigInt(base.bits - prefix)), prefix, bits: base.bits };
}

/** go-cidr's HostBig: negative numbers count back from the last address. */
function host(base: Network, num: number): string {
  const max = hostMask(base);
  const n = BigInt(num);
  const magnitude = n < 0n ? -n - 1n : n;
  if (magnitude > max) throw new FunctionError(`prefix of ${base.prefix} does not accommodate a host numbered ${num}`);
  return addressText(base.ip | (n < 0n ? max - magnitude : n), base.bits);
}

/** go-cidr's NextSubnet: the subnet of `prefix` bits after the one holding the last address of `n`. */
function nextSubnet(n: Network, prefix: number): { next: Network; rollover: boolean } {
  const last = n.ip | hostMask(n);
  const cur: Network = { ip: last & ~hostMask(n, prefix) & full(n.bits), prefix, bits: n.bits };
  const after = ((cur.ip | hostMask(cur)) + 1n) & full(n.bits);
  return { next: { ip: after & ~hostMask(cur) & full(n.bits), prefix, bits: n.bits }, rollover: after === 0n };
}

function contains(n: Network, ip: bigint): boolean {
  return (ip & ~hostMask(n) & full(n.bits)) === n.ip;
}

export const IP_NETWORK_FUNCTIONS: FunctionTable = {
  cidrhost: {
    params: ["prefix", "hostnum"],
    impl: ([p, h]) => {
      const hostnum = asInteger(h, 1);
      return host(parseCidr(asString(p, 0)), hostnum);
    },
  },
  cidrnetmask: {
    params: ["prefix"],
    impl: ([p]) => {
      const text = asString(p, 0);
      const n = parseCidr(text);
      if (n.bits !== 32) throw new FunctionError(`IPv6 addresses cannot have a netmask: ${text}`);
      return addressText(full(32) & ~hostMask(n), 32);
    },
  },
  cidrsubnet: {
    params: ["prefix", "newbits", "netnum"],
    impl: ([p, b, num]) => {
      const newbits = asInteger(b, 1);
      const netnum = asInteger(num, 2);
      return cidrText(subnet(parseCidr(asString(p, 0)), newbits, netnum));
    },
  },
  cidrsubnets: {
    params: ["prefix"],
    variadic: "newbits",
    impl: ([p, ...bits]) => {
      const base = (() => {
        try {
          return parseCidr(asString(p, 0));
        } catch (e) {
          throw new FunctionError((e as Error).message, 0);
        }
      })();
      if (bits.length === 0) return [];
      const newbits = bits.map((x, i) => asInteger(x, i + 1));
      const protocol = base.bits === 32 ? "IPv4" : "IPv6";
      // the subnet before the base, with the first new length (go-cidr's PreviousSubnet)
      const firstPrefix = Math.min(base.prefix + newbits[0], base.bits);
      const before = (base.ip - 1n) & full(base.bits);
      let current: Network = {
        ip: before & ~hostMask(base, firstPrefix) & full(base.bits),
        prefix: firstPrefix,
        bits: base.bits,
      };
      return newbits.map((nb, i) => {
        if (nb < 1) throw new FunctionError("must extend prefix by at least one bit", i + 1);
        if (nb > 32) throw new FunctionError("may not extend prefix by more than 32 bits", i + 1);
        const length = base.prefix + nb;
        if (length > base.bits)
          throw new FunctionError(
            `would extend prefix to ${length} bits, which is too long for an ${protocol} address`,
            i + 1,
          );
        const { next, rollover } = nextSubnet(current, length);
        if (rollover || !contains(base, next.ip))
          throw new FunctionError(
            `not enough remaining address space for a subnet with a prefix of ${length} bits ` +
              `after ${cidrText(current)}`,
            i + 1,
          );
        current = next;
        return cidrText(current);
      });
    },
  },
};
