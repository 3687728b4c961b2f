// What gantry cannot do on a host because something is missing there (a
// package no reachable repository has), as data: every driver (local, sim,
// ssh) and every resource type reports it in this one shape, the planner and
// the apply carry it beside the resource it concerns, the engine emits it, and
// each door renders it (the CLI groups the same limitation across hosts:
// "services mesos-master, marathon: not started on node-4, node-5 — ...").
// The long sentence of one limitation is written here too (state, -verbose).

import type { HostSpec } from "./host-driver.js";

export interface HostLimitation {
  kind: "package" | "service";
  /** The package's or service's name. */
  name: string;
  host: string;
  /** The host's driver ("local", "sim", "ssh"). */
  driver: string;
  /** "not installed", "cannot be installed" (the apply will fail) or "not started". */
  outcome: "not installed" | "cannot be installed" | "not started";
  /** Why, short and shared by every limitation of the same cause (the grouped form shows it once per line). */
  reason: string;
  /** The packages no reachable repository has that cause it. */
  missing: string[];
  /** What the driver itself said (apt's error), when it said more than the reason. */
  detail?: string;
}

/** A limitation and the resource instance it concerns. */
export interface AddressedHostLimitation {
  address: string;
  limitation: HostLimitation;
}

/** The reason of a package that no repository the host reaches has. */
export const NO_PACKAGE_REASON = "no package in the reachable repositories";

type HostOf = Pick<HostSpec, "name" | "driver">;

/** A package with no installation candidate; `skip`: gantry goes on without it (otherwise the apply fails). */
export function packageWithoutCandidate(name: string, host: HostOf, skip: boolean, detail?: string): HostLimitation {
  return {
    kind: "package",
    name,
    host: host.name,
    driver: host.driver,
    outcome: skip ? "not installed" : "cannot be installed",
    reason: NO_PACKAGE_REASON,
    missing: [name],
    ...(detail === undefined ? {} : { detail }),
  };
}

/** The reason of a package that is not installed, whether or not a repository has it. */
export const NOT_INSTALLED_REASON = "a package it needs is not installed";

/** A package or service left out because packages it needs cannot be installed (or are not, with `reason`). */
export function needsMissingPackage(
  kind: HostLimitation["kind"],
  name: string,
  host: HostOf,
  needed: string | string[],
  reason = NO_PACKAGE_REASON,
): HostLimitation {
  return {
    kind,
    name,
    host: host.name,
    driver: host.driver,
    outcome: kind === "service" ? "not started" : "not installed",
    reason,
    missing: typeof needed === "string" ? [needed] : needed,
  };
}

/** The long form: one sentence for one limitation (state, -verbose, the resource's own line in a plan). */
export function limitationSentence(l: HostLimitation): string {
  const where = `on host ${l.host} (${l.driver})`;
  const said = l.detail ? ` (${l.detail})` : "";
  if (l.kind === "package" && l.missing.length === 1 && l.missing[0] === l.name)
    return (
      `package ${l.name} cannot be installed ${where}: ${l.reason}${said}; ` +
      (l.outcome === "cannot be installed"
        ? "the apply will fail"
        : "gantry writes its configuration but does not install it, and does not start the services that need it")
    );
  const verb = l.outcome === "not started" ? "started" : "installed";
  const needs = `it needs package${l.missing.length > 1 ? "s" : ""} ${l.missing.join(", ")}`;
  const written = l.kind === "service" ? "; its configuration is still written" : "";
  return `${l.kind} ${l.name} will not be ${verb} ${where}: ${needs} — ${l.reason}${written}`;
}

/**
 * What a driver throws when a package cannot be installed on its host because no repository the host reaches has
 * it: the limitation says so as data, the message as a sentence.
 */
export class PackageUnavailableError extends Error {
  override readonly name = "PackageUnavailableError";
  constructor(
    readonly limitation: HostLimitation,
    message: string,
  ) {
    super(message);
  }
}

/** The limitation an error carries (a driver's PackageUnavailableError, also across copies of this module). */
export function limitationOf(e: unknown): HostLimitation | undefined {
  if (e instanceof PackageUnavailableError) return e.limitation;
  const l = (e as { limitation?: unknown } | null)?.limitation;
  return e instanceof Error && e.name === "PackageUnavailableError" && l && typeof l === "object"
    ? (l as HostLimitation)
    : undefined;
}
