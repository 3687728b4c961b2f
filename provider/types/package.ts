// package: a Debian package on a host.
//
// On a local host packages are MACHINE-WIDE (this machine's dpkg/apt, shared by
// every local host), so by default destroying a package resource makes gantry
// forget it rather than uninstall it; set purge_on_destroy to remove it.

import { deepEqual, isUnknown, UNKNOWN, type Attrs } from "../../contract/values.js";
import type { HostDriver } from "../../contract/host-driver.js";
import {
  type HostLimitation,
  limitationOf,
  limitationSentence,
  needsMissingPackage,
  packageWithoutCandidate,
} from "../../contract/host-limitation.js";
import type { OperationContext, ResourceType } from "../../contract/resource-type.js";
import { optBool, optString, reqString, stringList } from "./attrs.js";
import { hostBound, hostDriverOf } from "./host-bound.js";
import { whyMissing } from "./missing-package-reason.js";

/** An installed version satisfies the wanted one: equal, or (with a trailing "*") starting with its prefix. */
export function versionMatches(installed: string, wanted: string): boolean {
  return wanted.endsWith("*") ? installed.startsWith(wanted.slice(0, -1)) : installed === wanted;
}

/**
 * Installs the package unless it is there already; with if_unavailable: skip, a package that cannot be installed is
 * recorded as skipped.
 */
async function ensure(ctx: OperationContext, planned: Attrs): Promise<Attrs> {
  const driver = hostDriverOf(ctx, planned);
  const name = reqString(planned, "name");
  const version = optString(planned, "version");
  const where = `host "${driver.spec.name}" (${driver.spec.driver})`;
  const skip = (limitation: HostLimitation, failure: Error): Attrs => {
    if (planned.if_unavailable !== "skip") throw failure;
    const l = { ...limitation, outcome: "not installed" as const };
    ctx.limited(l);
    return { ...planned, installed_version: null, skipped: limitationSentence(l) };
  };
  const current = await driver.packageVersion(name);
  if (current !== null && (version === undefined || versionMatches(current, version))) {
    ctx.log(`package ${name} ${current} is already installed on ${driver.describe}`);
    return { ...planned, installed_version: current, skipped: null };
  }
  for (const needed of stringList(planned, "requires_packages") ?? [])
    if ((await driver.packageVersion(needed)) === null)
      return skip(
        needsMissingPackage("package", name, driver.spec, needed, await whyMissing(driver, needed)),
        new Error(`package "${name}" is not installed on ${where} because the package it requires, ${needed}, is not`),
      );
  // no candidate: apt would refuse it too (asked once per machine, not once per host)
  if (driver.packageCandidate && (await driver.packageCandidate(name)) === null)
    return skip(
      packageWithoutCandidate(name, driver.spec, false),
      new Error(
        `package "${name}" cannot be installed on ${where}: no installation candidate in the repositories this ` +
          "machine reaches",
      ),
    );
  try {
    return { ...planned, installed_version: await driver.installPackage(name, version), skipped: null };
  } catch (e) {
    const l = limitationOf(e);
    if (l) return skip(l, e as Error);
    if (planned.if_unavailable !== "skip") throw e;
    // any other failure is said as it is, and recorded so that the plan tries again
    ctx.warn(`${(e as Error).message}; its configuration is written but it is not installed`);
    return { ...planned, installed_version: null, skipped: (e as Error).message };
  }
}

/**
 * What keeps a skipped package from being installed now (null when nothing does): it has no candidate, or a package
 * it requires is neither installed nor has one. A driver that cannot tell candidates keeps it skipped.
 */
async function stillSkipped(driver: HostDriver, name: string, attrs: Attrs): Promise<HostLimitation | null> {
  if (!driver.packageCandidate || (await driver.packageCandidate(name)) === null)
    return packageWithoutCandidate(name, driver.spec, true);
  for (const needed of stringList(attrs, "requires_packages"))
    if ((await driver.packageVersion(needed)) === null && (await driver.packageCandidate(needed)) === null)
      return needsMissingPackage("package", name, driver.spec, needed);
  return null;
}

export const packageType: ResourceType = hostBound({
  name: "gantry_package",
  description:
    "A Debian package on a host (apt). On local hosts packages are machine-wide; destroy forgets the package unless " +
    "purge_on_destroy.",
  schema: {
    name: { kind: "string", description: "Debian package name.", required: true, forceNew: true },
    version: {
      kind: "string",
      description:
        'Debian version to install (apt\'s name=version); a trailing "*" matches any version with that prefix (e.g. ' +
        '"1.0.1-*"); any version when unset.',
    },
    purge_on_destroy: {
      kind: "bool",
      description: "Purge the package when the resource is destroyed.",
      default: false,
    },
    if_unavailable: {
      kind: "string",
      description:
        '"fail" (default): a package that cannot be installed fails the apply. "skip": record it as not installed, ' +
        "say so, and go on (services that require it are not started).",
      default: "fail",
      allowed: ["fail", "skip"],
    },
    requires_packages: {
      kind: "list",
      description:
        "Packages that must already be installed on the host; when one is not, this package is skipped (with " +
        "if_unavailable: skip) or fails.",
    },
    skipped: { kind: "string", description: "Why the package was not installed (null when it is).", computed: true },
    installed_version: { kind: "string", description: "Version installed on the host.", computed: true },
  },

  validate(config) {
    const errs: { attribute: string; message: string }[] = [];
    const n = config.name;
    if (typeof n === "string" && !/^[a-z0-9][a-z0-9+.-]+$/.test(n)) {
      errs.push({ attribute: "name", message: `is not a valid Debian package name: "${n}"` });
    }
    return errs;
  },

  planChange(prior, config) {
    const planned: Attrs = { ...config };
    // a package skipped before stays as recorded until refresh finds it installed or installable
    if (
      prior &&
      typeof prior.skipped === "string" &&
      prior.installed_version === null &&
      deepEqual(prior.version ?? null, config.version ?? null)
    ) {
      planned.installed_version = null;
      planned.skipped = prior.skipped;
      return { planned };
    }
    planned.skipped = null;
    const version = config.version;
    if (typeof version === "string" && version.endsWith("*"))
      planned.installed_version =
        typeof prior?.installed_version === "string" && versionMatches(prior.installed_version, version)
          ? prior.installed_version
          : UNKNOWN;
    else if (typeof version === "string") planned.installed_version = version;
    else if (isUnknown(version)) planned.installed_version = UNKNOWN;
    else planned.installed_version = prior?.installed_version ?? UNKNOWN;
    return { planned };
  },

  async preflight(ctx, planned) {
    const driver = hostDriverOf(ctx, planned);
    const name = reqString(planned, "name");
    if (!driver.packageCandidate || (await driver.packageVersion(name)) !== null) return [];
    for (const needed of stringList(planned, "requires_packages"))
      if ((await driver.packageVersion(needed)) === null && (await driver.packageCandidate(needed)) === null)
        return [needsMissingPackage("package", name, driver.spec, needed)];
    const candidate = await driver.packageCandidate(name);
    if (candidate !== null) return [];
    return [packageWithoutCandidate(name, driver.spec, planned.if_unavailable === "skip")];
  },

  async create(ctx, planned) {
    return await ensure(ctx, planned);
  },

  async read(ctx, prior) {
    const driver = hostDriverOf(ctx, prior);
    const name = reqString(prior, "name");
    const v = await driver.packageVersion(name);
    if (v !== null) return { ...prior, installed_version: v, skipped: null };
    if (typeof prior.skipped === "string") {
      // it can be installed now (e.g. a repository was added): no longer
      // skipped, so the next plan's diff plans an update that installs it
      const still = await stillSkipped(driver, name, prior);
      if (!still) {
        ctx.log(`package ${name} was skipped before and can now be installed on ${driver.describe}`);
        return { ...prior, installed_version: null, skipped: null };
      }
      ctx.limited(still);
      return prior;
    }
    return null;
  },

  async update(ctx, _prior, planned) {
    return await ensure(ctx, planned);
  },

  async delete(ctx, prior) {
    const driver = hostDriverOf(ctx, prior);
    const name = reqString(prior, "name");
    if (optBool(prior, "purge_on_destroy") !== true) {
      ctx.log(`forgetting package ${name} on ${driver.describe} (not uninstalled; set purge_on_destroy to remove it)`);
      return;
    }
    if (!driver.removePackage) {
      ctx.warn(`package ${name} cannot be removed: ${driver.describe} has no package removal`);
      return;
    }
    await driver.removePackage(name);
  },
});
