// host: a machine resources act on. Other resources take the whole host as
// their `host` property (`host: ${host.web}`) and reach it with connectHost.
//
// local: a sandbox on this machine — a root directory (default
//   <dataDir>/hosts/<instance name>) and a loopback address that services bind.
//   The default address is derived from the host name: FNV-1a hash into
//   127.77.0.0/16 (last octet 1..254). Collisions: at plan time an address
//   already claimed by another host (claim files <dataDir>/hosts/.addresses/<address>)
//   is skipped by probing the next candidate (hash of "<name>#1", "#2", ...),
//   so the choice is deterministic for a given set of existing hosts. Two NEW
//   hosts that hash to the same address in one plan are detected at create,
//   when the claim is taken atomically: the second fails with an error asking
//   for an explicit `address`.
// sim: a host in the simulated fabric (no real files or processes).
// ssh: a real machine reached over SSH at `address` (required); root defaults
//   to "/" (the machine's own filesystem), and destroying the host removes only
//   what gantry keeps there. Connection attributes: host-ssh-attributes.ts.
//
// A host root is only ever deleted when it carries the .gantry-host marker
// written at create; create refuses to adopt a non-empty directory without it.

import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import { isIPv4 } from "node:net";
import { join, resolve } from "node:path";
import { isUnknown, UNKNOWN, type Attrs, type Value } from "../../contract/values.js";
import type { HostDriver, HostSpec } from "../../contract/host-driver.js";
import type { InstanceInfo, ResourceType } from "../../contract/resource-type.js";
import { HOST_DRIVER_NAMES } from "../hosts/host-connections.js";
import { HOST_MARKER } from "../hosts/local-driver.js";
import { SSH_HOST_MARKER } from "../hosts/ssh/remote-files.js";
import { isUnset, reqString } from "./attrs.js";
import { optionsWithSshAttributes, SSH_HOST_ATTRIBUTES, validateSshAttributes } from "./host-ssh-attributes.js";

const MARKER_PATH = `/${HOST_MARKER}`;

function markerPath(driver: Value | undefined): string {
  // an ssh host's marker is in gantry's own directory, not in the top directory of a real machine
  return driver === "ssh" ? SSH_HOST_MARKER : MARKER_PATH;
}
const ADDRESS_DIR = ".addresses";

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The i-th candidate default address of a host name, in 127.77.0.0/16. */
export function candidateAddress(name: string, i = 0): string {
  const h = fnv1a(i === 0 ? name : `${name}#${i}`);
  return `127.77.${(h >>> 8) & 0xff}.${1 + (h % 254)}`;
}

function claimDir(dataDir: string): string {
  return join(dataDir, "hosts", ADDRESS_DIR);
}

function claimedBy(dataDir: string, address: string): string | null {
  try {
    return fs.readFileSync(join(claimDir(dataDir), address), "utf8").trim();
  } catch {
    return null;
  }
}

/** The default address: the first candidate not claimed by another host. */
export function defaultAddress(name: string, dataDir: string): string {
  for (let i = 0; i < 1000; i++) {
    const a = candidateAddress(name, i);
    const owner = claimedBy(dataDir, a);
    if (owner === null || owner === name) return a;
  }
  throw new Error(`host "${name}": no free loopback address found in 127.77.0.0/16; set "address" explicitly`);
}

/** Atomically claims an address for a local host; throws when another host holds it. */
function claimAddress(dataDir: string, address: string, name: string): void {
  const file = join(claimDir(dataDir), address);
  try {
    for (let attempt = 0; ; attempt++) {
      fs.mkdirSync(claimDir(dataDir), { recursive: true });
      try {
        fs.writeFileSync(file, `${name}\n`, { flag: "wx" });
        break;
      } catch (e) {
        // the directory was removed by a release in between (it was empty): make it again
        if ((e as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 3) throw e;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const owner = claimedBy(dataDir, address);
    if (owner !== name) {
      throw new Error(
        `address ${address} of host "${name}" is already used by host "${owner}"; set "address" explicitly`,
      );
    }
  }
}

/** Releases a host's address claim; the claim directory (and <dataDir>/hosts) goes too when nothing is left in it. */
function releaseAddress(dataDir: string, address: string, name: string): void {
  if (claimedBy(dataDir, address) === name) fs.rmSync(join(claimDir(dataDir), address), { force: true });
  removeIfEmpty(claimDir(dataDir));
  removeIfEmpty(join(dataDir, "hosts"));
}

/**
 * rmdir: removes a directory only when it is empty, never its contents (best effort: a directory that stays is
 * harmless).
 */
function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    /* not empty, gone already, or not ours to remove */
  }
}

function isLoopback(address: string): boolean {
  return isIPv4(address) && address.startsWith("127.");
}

function specOf(attrs: Attrs): HostSpec {
  return {
    name: reqString(attrs, "name"),
    driver: reqString(attrs, "driver"),
    address: reqString(attrs, "address"),
    root: reqString(attrs, "root"),
    options: optionsWithSshAttributes(attrs),
  };
}

async function writeMarker(driver: HostDriver, attrs: Attrs, id: Value): Promise<void> {
  const marker = { name: attrs.name, driver: attrs.driver, address: attrs.address, id, created_by: "gantry" };
  await driver.writeFile(markerPath(attrs.driver), `${JSON.stringify(marker, null, 2)}\n`, 0o644);
}

/** A computed-or-optional attribute left for the type to fill. */
function needsDefault(config: Attrs, prior: Attrs | null, key: string): boolean {
  return isUnset(config[key]) || (isUnknown(config[key]) && prior === null);
}

export const hostType: ResourceType = {
  name: "gantry_host",
  description:
    "A host resources act on: local (a sandbox root and loopback address on this machine), ssh (a machine reached " +
    "over SSH) or sim (simulated).",
  schema: {
    driver: {
      kind: "string",
      description: `Host driver: ${HOST_DRIVER_NAMES.map((d) => `"${d}"`).join(", ")}.`,
      required: true,
      forceNew: true,
    },
    address: {
      kind: "string",
      description:
        "IPv4 address services bind (local: loopback 127.x.y.z; default derived from the name in 127.77.0.0/16; " +
        "ssh: the address gantry connects to, required).",
      optional: true,
      computed: true,
      forceNew: true,
    },
    root: {
      kind: "string",
      description:
        "Root directory of the host's filesystem (local: default <dataDir>/hosts/<instance name>; ssh: default /).",
      optional: true,
      computed: true,
      forceNew: true,
    },
    name: {
      kind: "string",
      description: "Host name (default: the instance name).",
      optional: true,
      computed: true,
      forceNew: true,
    },
    options: {
      kind: "map",
      description: "Driver options (sim: latency_ms, fail_ops, unavailable, available, packages).",
    },
    id: { kind: "string", description: "Random UUID generated at create.", computed: true },
    ...SSH_HOST_ATTRIBUTES,
  },

  validate(config) {
    const errs: { attribute: string; message: string }[] = [];
    const driver = config.driver;
    if (typeof driver === "string" && !(HOST_DRIVER_NAMES as readonly string[]).includes(driver)) {
      errs.push({
        attribute: "driver",
        message: `unknown host driver "${driver}" (known drivers: ${HOST_DRIVER_NAMES.join(", ")})`,
      });
    }
    errs.push(...validateSshAttributes(config));
    const address = config.address;
    if (driver === "ssh" && isUnset(address)) {
      errs.push({ attribute: "address", message: 'an ssh host needs an "address" to connect to' });
    }
    if (typeof address === "string") {
      if (!isIPv4(address)) errs.push({ attribute: "address", message: `must be an IPv4 address (got "${address}")` });
      else if (driver === "local" && !isLoopback(address)) {
        errs.push({
          attribute: "address",
          message: `a local host needs a loopback address 127.x.y.z (got "${address}")`,
        });
      }
    }
    const root = config.root;
    if (typeof root === "string" && !root.startsWith("/"))
      errs.push({ attribute: "root", message: `must be an absolute path (got "${root}")` });
    const name = config.name;
    if (typeof name === "string" && !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name)) {
      errs.push({ attribute: "name", message: `must contain only letters, digits, ".", "_", "-" (got "${name}")` });
    }
    const options = config.options;
    if (
      options !== undefined &&
      options !== null &&
      !isUnknown(options) &&
      (typeof options !== "object" || Array.isArray(options))
    ) {
      errs.push({ attribute: "options", message: "must be a map" });
    }
    return errs;
  },

  planChange(prior, config, info: InstanceInfo) {
    const planned: Attrs = { ...config };
    if (needsDefault(config, prior, "name")) planned.name = info.name;
    if (needsDefault(config, prior, "root")) {
      planned.root = config.driver === "ssh" ? "/" : resolve(info.dataDir, "hosts", info.name);
    }
    if (needsDefault(config, prior, "address")) {
      planned.address = typeof planned.name === "string" ? defaultAddress(planned.name, info.dataDir) : UNKNOWN;
    }
    return { planned };
  },

  hostKey(attrs) {
    return typeof attrs.name === "string" ? attrs.name : undefined;
  },

  hostSpec(attrs) {
    try {
      return specOf(attrs);
    } catch {
      return undefined;
    }
  },

  async create(ctx, planned) {
    const spec = specOf(planned);
    if (spec.driver === "local") {
      if (fs.existsSync(spec.root)) {
        const entries = fs.readdirSync(spec.root);
        if (entries.length > 0 && !entries.includes(HOST_MARKER)) {
          throw new Error(
            `host "${spec.name}": root ${spec.root} exists and is not empty but has no ${HOST_MARKER} marker; gantry ` +
              `will not adopt a directory it did not create`,
          );
        }
      }
      claimAddress(ctx.dataDir, spec.address, spec.name);
      fs.mkdirSync(spec.root, { recursive: true });
    }
    const driver = ctx.hosts.connect(spec);
    const id = randomUUID();
    await writeMarker(driver, planned, id);
    ctx.log(`created ${driver.describe}`);
    return { ...planned, id };
  },

  async read(ctx, prior) {
    const driver = ctx.hosts.connect(specOf(prior));
    return (await driver.statFile(markerPath(prior.driver))) === null ? null : prior;
  },

  async update(ctx, prior, planned) {
    // Only options can change in place (driver, address, root and name force a new host).
    const driver = ctx.hosts.connect(specOf(planned));
    const id = prior.id ?? randomUUID();
    await writeMarker(driver, planned, id);
    return { ...planned, id };
  },

  async delete(ctx, prior) {
    const spec = specOf(prior);
    const driver = ctx.hosts.connect(spec);
    if ((await driver.statFile("/")) === null) {
      if (spec.driver === "local") releaseAddress(ctx.dataDir, spec.address, spec.name);
      return; // already gone
    }
    if ((await driver.statFile(markerPath(spec.driver))) === null) {
      throw new Error(
        `host "${spec.name}": refusing to remove root ${spec.root}: it has no ${HOST_MARKER} marker, so gantry did ` +
          `not create it`,
      );
    }
    // Stop everything the driver started on the host, then remove its filesystem.
    for (const name of (await driver.listProcesses?.()) ?? []) {
      ctx.log(`stopping process "${name}" on ${driver.describe}`);
      await driver.stopProcess(name);
    }
    await driver.removeTree("/");
    if (spec.driver === "local") releaseAddress(ctx.dataDir, spec.address, spec.name);
  },
};
