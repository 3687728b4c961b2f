// package: a Debian package on a host.
//
// On a local host packages are MACHINE-WIDE (this machine's dpkg/apt, shared by
// every local host), so by default destroying a package resource makes gantry
// forget it rather than uninstall it; set purge_on_destroy to remove it.

import { UNKNOWN, type Attrs } from "../../planner/values.js";
import type { ResourceType } from "../resource-type.js";
import { optBool, optString, reqString } from "./attrs.js";
import { hostAttribute, hostDriverOf, hostKeyOf, validateHostValue } from "./host-ref.js";

/** An installed version satisfies the wanted one: equal, or (with a trailing "*") starting with its prefix. */
export function versionMatches(installed: string, wanted: string): boolean {
  return wanted.endsWith("*") ? installed.startsWith(wanted.slice(0, -1)) : installed === wanted;
}

export const packageType: ResourceType = {
  name: "package",
  description:
    "A Debian package on a host (apt). On local hosts packages are machine-wide; destroy forgets the package unless purge_on_destroy.",
  schema: {
    host: hostAttribute,
    name: { kind: "string", description: "Debian package name.", required: true, forceNew: true },
    version: {
      kind: "string",
      description: 'Debian version to install (apt\'s name=version); a trailing "*" matches any version with that prefix (e.g. "1.0.1-*"); any version when unset.',
    },
    purge_on_destroy: { kind: "bool", description: "Purge the package when the resource is destroyed.", default: false },
    installed_version: { kind: "string", description: "Version installed on the host.", computed: true },
  },

  validate(config) {
    const errs = validateHostValue(config.host);
    const n = config.name;
    if (typeof n === "string" && !/^[a-z0-9][a-z0-9+.-]+$/.test(n)) {
      errs.push({ attribute: "name", message: `is not a valid Debian package name: "${n}"` });
    }
    return errs;
  },

  plan(prior, config) {
    const planned: Attrs = { ...config };
    const version = config.version;
    if (typeof version === "string" && version.endsWith("*"))
      planned.installed_version = typeof prior?.installed_version === "string" && versionMatches(prior.installed_version, version) ? prior.installed_version : UNKNOWN;
    else if (typeof version === "string") planned.installed_version = version;
    else if (version === UNKNOWN) planned.installed_version = UNKNOWN;
    else planned.installed_version = prior?.installed_version ?? UNKNOWN;
    return { planned };
  },

  hostKey: hostKeyOf,

  async create(ctx, planned) {
    const driver = hostDriverOf(planned);
    const name = reqString(planned, "name");
    const version = optString(planned, "version");
    const current = await driver.packageVersion(name);
    if (current !== null && (version === undefined || versionMatches(current, version))) {
      ctx.log(`package ${name} ${current} is already installed on ${driver.describe}`);
      return { ...planned, installed_version: current };
    }
    const installed = await driver.installPackage(name, version);
    return { ...planned, installed_version: installed };
  },

  async read(_ctx, prior) {
    const v = await hostDriverOf(prior).packageVersion(reqString(prior, "name"));
    return v === null ? null : { ...prior, installed_version: v };
  },

  async update(_ctx, prior, planned) {
    const driver = hostDriverOf(planned);
    const name = reqString(planned, "name");
    const version = optString(planned, "version");
    const current = await driver.packageVersion(name);
    if (current !== null && (version === undefined || versionMatches(current, version))) {
      return { ...planned, installed_version: current };
    }
    return { ...planned, installed_version: await driver.installPackage(name, version) };
  },

  async delete(ctx, prior) {
    const driver = hostDriverOf(prior);
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
};
