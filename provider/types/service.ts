// service: a long-running process on a host, with an optional health check.
// gantry starts it detached and watches it from run to run: refresh sees a
// process that died, and the next `apply` (or `reconcile`) starts it again.
// Nothing restarts it by itself between runs. `state: stopped` keeps it
// configured but not running.

import { deepEqual, isUnknown, UNKNOWN, type Attrs } from "../../contract/values.js";
import type { HostDriver, ProcessStatus } from "../../contract/host-driver.js";
import {
  type HostLimitation,
  limitationSentence,
  NO_PACKAGE_REASON,
  NOT_INSTALLED_REASON,
  needsMissingPackage,
} from "../../contract/host-limitation.js";
import type { OperationContext, ResourceType } from "../../contract/resource-type.js";
import { isUnset, numberList, optString, reqString, stringList, stringMap } from "./attrs.js";
import {
  healthCheckAttribute,
  healthCheckOf,
  probeWithStatus,
  validateHealthCheck,
  waitHealthy,
} from "./health-check.js";
import { drainBeforeStop, readyAfterStart } from "./haproxy-drain.js";
import { hostBound, hostDriverOf, sameHostObject } from "./host-bound.js";
import { whyMissing } from "./missing-package-reason.js";

/** A change of any of these restarts the process. */
export const RESTART_ATTRIBUTES = ["command", "args", "environment", "cwd", "ports", "restart_triggers"] as const;
const LOG_TAIL_LINES = 20;

export const serviceType: ResourceType = hostBound({
  name: "gantry_service",
  description:
    "A long-running process on a host, started detached and health-checked, restarted on change, stopped on destroy. " +
    "gantry watches it from run to run: refresh sees a process that died and `apply` or `reconcile` starts it again; " +
    "nothing restarts it by itself between runs.",
  // a process is its name on its host: a replacement at the same name is the same object
  sameObject: (a, b) => sameHostObject(a, b, ["name"]),
  schema: {
    name: {
      kind: "string",
      description: "Process name on the host (pid file and log name). Defaults to the instance name.",
      optional: true,
      computed: true,
      forceNew: true,
    },
    command: {
      kind: "string",
      description: "Program to run; with args it is executed directly, without args it is a /bin/sh command line.",
      required: true,
    },
    args: { kind: "list", description: "Arguments." },
    environment: {
      kind: "map",
      description: "Extra environment variables (HOST_ROOT, HOST_ADDRESS, HOST_NAME are always set).",
    },
    cwd: { kind: "string", description: "Working directory as a host path (default: the host root)." },
    ports: {
      kind: "list",
      description: "Ports the process listens on (on the host's address).",
      element: { kind: "number", integer: true, minimum: 1, maximum: 65535, description: "A port number." },
    },
    health_check: healthCheckAttribute,
    state: {
      kind: "string",
      description: '"running" or "stopped".',
      default: "running",
      allowed: ["running", "stopped"],
    },
    restart_triggers: {
      kind: "any",
      description:
        "Any value; when it changes the process is restarted (e.g. the version of the package it runs from, so an " +
        "upgrade restarts it).",
    },
    reload_triggers: {
      kind: "any",
      description:
        "Any value; when it changes (and nothing that needs a restart does), the process is sent reload_signal " +
        "instead of being restarted (e.g. the checksum of its configuration).",
    },
    reload_signal: {
      kind: "string",
      description: "Signal that makes the process reload its configuration.",
      default: "SIGHUP",
    },
    drain: {
      kind: "list",
      description:
        "HAProxy servers that are this process: [{ host (the HAProxy's host), admin_socket, backend, server, " +
        "timeout_ms (30000) }]. Before the process stops (a restart, state stopped, destroy) each is set to drain " +
        "through HAProxy's admin socket and its sessions are waited out (at most timeout_ms); after a restart, once " +
        "the process passes its health check, each takes requests again.",
    },
    requires_packages: {
      kind: "list",
      description:
        "Packages the program comes from. When one is not installed on the host, the service is not started, and " +
        "plan, apply and show say so.",
    },
    pid: { kind: "number", description: "Process id (null when stopped).", computed: true },
    status: {
      kind: "string",
      description:
        "What the health check's `expect` matched last (e.g. ZooKeeper's \"Mode: leader\"); it changes on its own " +
        "(which member leads), so a change is not drift.",
      computed: true,
      volatile: true,
    },
    blocked: {
      kind: "string",
      description: "Why the service is not started (a package it requires is not installed); null when it can run.",
      computed: true,
    },
    started_at: {
      kind: "string",
      description: "Start time of the process (ISO 8601; null when stopped).",
      computed: true,
    },
    healthy: { kind: "bool", description: "Running and passing its health check.", computed: true },
  },

  validate(config) {
    const errs: { attribute: string; message: string }[] = [];
    for (const m of validateHealthCheck(config.health_check, config.ports))
      errs.push({ attribute: "health_check", message: m });
    const name = config.name;
    if (typeof name === "string" && !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name)) {
      errs.push({ attribute: "name", message: `must contain only letters, digits, ".", "_", "-" (got "${name}")` });
    }
    return errs;
  },

  planChange(prior, config, info) {
    const planned: Attrs = { ...config };
    if (isUnset(planned.name) || (isUnknown(planned.name) && prior === null)) planned.name = info.name;
    if (isUnset(planned.state)) planned.state = "running";
    planned.status = prior?.status ?? null;
    planned.blocked = prior?.blocked ?? null;
    if (
      prior &&
      typeof prior.blocked === "string" &&
      RESTART_ATTRIBUTES.every((k) => deepEqual(prior[k] ?? null, config[k] ?? null))
    ) {
      // still blocked (refresh re-checks): nothing to do until the package is there
      planned.healthy = prior.healthy ?? false;
      planned.pid = prior.pid ?? null;
      planned.started_at = prior.started_at ?? null;
      return { planned };
    }
    if (planned.state === "stopped") {
      planned.healthy = false;
      planned.pid = null;
      planned.started_at = null;
    } else if (planned.state === "running") {
      planned.healthy = true;
      const keep =
        prior !== null &&
        prior.state === "running" &&
        prior.healthy === true &&
        RESTART_ATTRIBUTES.every((k) => deepEqual(prior[k] ?? null, config[k] ?? null));
      planned.pid = keep ? (prior!.pid ?? null) : UNKNOWN;
      planned.started_at = keep ? (prior!.started_at ?? null) : UNKNOWN;
    } else {
      planned.healthy = UNKNOWN;
      planned.pid = UNKNOWN;
      planned.started_at = UNKNOWN;
    }
    return { planned };
  },

  async preflight(ctx, planned) {
    const driver = hostDriverOf(ctx, planned);
    const out: HostLimitation[] = [];
    for (const pkg of stringList(planned, "requires_packages"))
      if (
        (await driver.packageVersion(pkg)) === null &&
        driver.packageCandidate &&
        (await driver.packageCandidate(pkg)) === null
      )
        out.push(needsMissingPackage("service", String(planned.name), driver.spec, pkg));
    return out;
  },

  async create(ctx, planned) {
    const driver = hostDriverOf(ctx, planned);
    const name = reqString(planned, "name");
    const blocked = await missingPackages(driver, planned);
    if (blocked) return blockedAttrs(ctx, planned, blocked);
    const existing = await driver.inspectProcess(name);
    if (existing.running) {
      ctx.warn(`process "${name}" was already running on ${driver.describe} (pid ${existing.pid}); restarting it`);
      await driver.stopProcess(name);
    }
    if (planned.state === "stopped") return stoppedAttrs(planned);
    return await startHealthy(ctx, driver, planned);
  },

  async read(ctx, prior) {
    const driver = hostDriverOf(ctx, prior);
    const name = reqString(prior, "name");
    const blocked = await missingPackages(driver, prior);
    if (blocked) return blockedAttrs(ctx, prior, blocked);
    const st = await driver.inspectProcess(name);
    if (!st.running) return { ...stoppedAttrs(prior), blocked: null };
    const hc = healthCheckOf(prior.health_check, numberList(prior, "ports"));
    const r = hc ? await probeWithStatus(driver, hc) : { reason: null, status: null };
    return { ...runningAttrs(prior, st), healthy: r.reason === null, status: r.status, blocked: null };
  },

  async update(ctx, prior, planned) {
    const driver = hostDriverOf(ctx, planned);
    const name = reqString(planned, "name");
    const blocked = await missingPackages(driver, planned);
    if (blocked) {
      if ((await driver.inspectProcess(name)).running) await driver.stopProcess(name);
      return blockedAttrs(ctx, planned, blocked);
    }
    const st = await driver.inspectProcess(name);
    if (planned.state === "stopped") {
      if (st.running) {
        await drainBeforeStop(ctx, prior);
        await driver.stopProcess(name);
      }
      return stoppedAttrs(planned);
    }
    const changed = RESTART_ATTRIBUTES.filter((k) => !deepEqual(prior[k] ?? null, planned[k] ?? null));
    if (
      st.running &&
      changed.length === 0 &&
      !deepEqual(prior.reload_triggers ?? null, planned.reload_triggers ?? null) &&
      driver.signalProcess
    ) {
      const signal = optString(planned, "reload_signal") ?? "SIGHUP";
      ctx.log(`reloading "${name}" (${signal}): reload_triggers changed`);
      await driver.signalProcess(name, signal);
      const hc = healthCheckOf(planned.health_check, numberList(planned, "ports"));
      const reason = await waitHealthy(driver, name, hc, ctx.signal);
      if (reason !== null)
        throw new Error(`service "${name}" on ${driver.describe} is unhealthy after reload: ${reason}`);
      const now = await driver.inspectProcess(name);
      const status = hc ? (await probeWithStatus(driver, hc, ctx.signal)).status : null;
      return { ...runningAttrs(planned, now.running ? now : st), healthy: true, status, blocked: null };
    }
    if (st.running && changed.length === 0) {
      const hc = healthCheckOf(planned.health_check, numberList(planned, "ports"));
      const r = hc ? await probeWithStatus(driver, hc, ctx.signal) : { reason: null, status: null };
      if (r.reason === null) return { ...runningAttrs(planned, st), healthy: true, status: r.status, blocked: null };
      ctx.log(`restarting "${name}": unhealthy (${r.reason})`);
    } else if (st.running) {
      ctx.log(`restarting "${name}": ${changed.join(", ")} changed`);
    }
    if (st.running) {
      await drainBeforeStop(ctx, prior);
      await driver.stopProcess(name);
    }
    const started = await startHealthy(ctx, driver, planned);
    if (st.running) await readyAfterStart(ctx, planned);
    return started;
  },

  async delete(ctx, prior) {
    const driver = hostDriverOf(ctx, prior);
    const name = reqString(prior, "name");
    if ((await driver.inspectProcess(name)).running) await drainBeforeStop(ctx, prior);
    await driver.stopProcess(name);
    const st = await driver.inspectProcess(name);
    if (st.running)
      throw new Error(`process "${name}" is still running on ${driver.describe} (pid ${st.pid}) after stop`);
  },
});

/**
 * Why a service cannot run: packages it requires are not installed; null when all are. The cause is said as the
 * plan said it: the packages no reachable repository has, when there are any (a package that has a candidate but was
 * left out, Docker's beside Mesos', is missing because of them), otherwise every package not installed yet.
 */
async function missingPackages(driver: HostDriver, attrs: Attrs): Promise<HostLimitation | null> {
  const notInstalled: string[] = [];
  for (const pkg of stringList(attrs, "requires_packages"))
    if ((await driver.packageVersion(pkg)) === null) notInstalled.push(pkg);
  if (!notInstalled.length) return null;
  const unavailable: string[] = [];
  for (const pkg of notInstalled) if ((await whyMissing(driver, pkg)) === NO_PACKAGE_REASON) unavailable.push(pkg);
  const name = String(attrs.name);
  return unavailable.length
    ? needsMissingPackage("service", name, driver.spec, unavailable, NO_PACKAGE_REASON)
    : needsMissingPackage("service", name, driver.spec, notInstalled, NOT_INSTALLED_REASON);
}

function blockedAttrs(ctx: OperationContext, attrs: Attrs, limitation: HostLimitation): Attrs {
  ctx.limited(limitation);
  const blocked = `not started: ${limitationSentence(limitation)}`;
  return { ...attrs, pid: null, started_at: null, healthy: false, status: null, blocked };
}

function stoppedAttrs(attrs: Attrs): Attrs {
  return { ...attrs, state: "stopped", pid: null, started_at: null, healthy: false };
}

function runningAttrs(attrs: Attrs, st: ProcessStatus): Attrs {
  return {
    ...attrs,
    state: "running",
    pid: st.pid ?? null,
    started_at: st.startedAt !== undefined ? new Date(st.startedAt).toISOString() : null,
  };
}

async function startHealthy(ctx: OperationContext, driver: HostDriver, planned: Attrs): Promise<Attrs> {
  const name = reqString(planned, "name");
  const ports = numberList(planned, "ports");
  const command = reqString(planned, "command");
  const st = await driver.startProcess({
    name,
    command,
    args: stringList(planned, "args"),
    env: stringMap(planned, "environment"),
    cwd: optString(planned, "cwd"),
    ports,
  });
  ctx.log(`started "${name}" (pid ${st.pid ?? "?"}) on ${driver.describe}`);
  const hc = healthCheckOf(planned.health_check, ports);
  let reason: string | null;
  try {
    reason = await waitHealthy(driver, name, hc, ctx.signal);
  } catch (e) {
    await driver.stopProcess(name).catch(() => undefined);
    throw e;
  }
  if (reason !== null) {
    const log = await logTail(driver, name);
    await driver.stopProcess(name).catch(() => undefined);
    throw new Error(
      `service "${name}" on ${driver.describe} failed its health check: ${reason}; it was stopped.` +
        (log ? `\nlast log lines:\n${log}` : ""),
    );
  }
  const now = await driver.inspectProcess(name);
  const status = hc ? (await probeWithStatus(driver, hc)).status : null;
  return { ...runningAttrs(planned, now.running ? now : st), healthy: true, status, blocked: null };
}

async function logTail(driver: HostDriver, name: string): Promise<string> {
  if (!driver.readProcessLog) return "";
  const text = (await driver.readProcessLog(name, 8192).catch(() => null)) ?? "";
  return text.trimEnd().split("\n").slice(-LOG_TAIL_LINES).join("\n");
}
