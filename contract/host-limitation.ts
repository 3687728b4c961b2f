// What a resource type could not do on a host because something is missing
// there (a package no reachable repository has): the sentence a type warns
// with, written and read back in this one file, so that output can group the
// same limitation across hosts ("mesos-master, marathon: not started on
// node-4, node-5 — ...") while state and JSON keep every sentence as it was.

export interface HostLimitation {
  kind: "package" | "service";
  /** The package's or service's name. */
  name: string;
  host: string;
  driver: string;
  /** "not installed", "cannot be installed" (the apply will fail) or "not started". */
  outcome: "not installed" | "cannot be installed" | "not started";
  /** The packages no reachable repository has that cause it. */
  missing: string[];
}

/** The short reason every limitation here shares (the grouped form shows it once per line). */
export const NO_PACKAGE_REASON = "no package in the reachable repositories";

/** A package that will not be installed because a package it needs cannot be. */
export function packageNeedsMissing(name: string, host: string, driver: string, needed: string): string {
  return (
    `package ${name} will not be installed on host ${host} (${driver}): it needs package ${needed}, which cannot be ` +
    "installed here"
  );
}

/** A package with no installation candidate; `skip`: gantry goes on without it (otherwise the apply fails). */
export function packageWithoutCandidate(name: string, host: string, driver: string, skip: boolean): string {
  return (
    `package ${name} cannot be installed on host ${host} (${driver}): no installation candidate in the repositories ` +
    `this machine reaches; ${
      skip
        ? "gantry will write its configuration but not install it, and will not start the services that need it"
        : "the apply will fail"
    }`
  );
}

/** A service that will not be started because a package it needs cannot be installed. */
export function serviceNeedsMissing(name: string, host: string, driver: string, needed: string): string {
  return (
    `service ${name} will not be started on host ${host} (${driver}): it needs package ${needed}, which cannot be ` +
    "installed here; its configuration is still written"
  );
}

const NEEDS = new RegExp(
  "^(package|service) (\\S+) will not be (installed|started) on host (\\S+) \\(([^)]*)\\): it needs package (\\S+), " +
    "which cannot be installed here(?:; its configuration is still written)?$",
);
const NO_CANDIDATE = new RegExp(
  "^package (\\S+) cannot be installed on host (\\S+) \\(([^)]*)\\): no installation candidate in the " +
    "repositories this machine reaches; (.*)$",
);

/** The limitation a warning sentence of this file states, or null for any other warning. */
export function parseHostLimitation(message: string): HostLimitation | null {
  const n = NEEDS.exec(message);
  if (n)
    return {
      kind: n[1] as "package" | "service",
      name: n[2],
      host: n[4],
      driver: n[5],
      outcome: n[3] === "installed" ? "not installed" : "not started",
      missing: [n[6]],
    };
  const c = NO_CANDIDATE.exec(message);
  if (c)
    return {
      kind: "package",
      name: c[1],
      host: c[2],
      driver: c[3],
      outcome: c[4] === "the apply will fail" ? "cannot be installed" : "not installed",
      missing: [c[1]],
    };
  return null;
}
