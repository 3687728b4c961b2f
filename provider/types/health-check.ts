// Service health checks: { type: "tcp"|"http"|"exec", port, path, command,
// expect_status, timeout_ms, retries, interval_ms }. A probe runs through the
// host driver; waitHealthy retries it while the process keeps running.

import { setTimeout as delay } from "node:timers/promises";
import { isUnknown, type Value } from "../../contract/values.js";
import type { HostDriver } from "../../contract/host-driver.js";
import type { AttributeSchema } from "../../contract/resource-type.js";

export interface HealthCheck {
  type: "tcp" | "http" | "exec";
  /** tcp: text to send (e.g. ZooKeeper's "srvr"); the answer must match `expect`. */
  send?: string;
  /**
   * Regular expression the answer (tcp with send, http body) must match; the match is reported as the service's status.
   */
  expect?: string;
  port?: number;
  path: string;
  command?: string;
  /** Exact HTTP status wanted; any 2xx/3xx when absent. */
  expectStatus?: number;
  timeoutMs: number;
  retries: number;
  intervalMs: number;
}

export const HEALTH_DEFAULTS = { timeout_ms: 2000, retries: 30, interval_ms: 500, path: "/" } as const;

const count = (description: string): AttributeSchema => ({ kind: "number", integer: true, minimum: 0, description });

/** The schema of `health_check`: its fields, their kinds and values (checked once by the planner). */
export const healthCheckAttribute: AttributeSchema = {
  kind: "object",
  description:
    "{ type: tcp|http|exec, port, path, command, expect_status, timeout_ms (2000), retries (30), interval_ms (500) " +
    "}; " +
    "port defaults to ports[0].",
  attributes: {
    type: { kind: "string", allowed: ["tcp", "http", "exec"], required: true, description: "How to probe." },
    port: count("Port to probe (default: the service's first port)."),
    path: { kind: "string", description: "http: the path asked for." },
    command: { kind: "string", description: "exec: the command that must exit 0." },
    expect_status: count("http: the exact status wanted (default: any 2xx or 3xx)."),
    timeout_ms: count("Time one probe may take."),
    retries: count("Probes before the service counts as unhealthy."),
    interval_ms: count("Time between probes."),
    send: { kind: "string", description: "tcp: text to send (e.g. ZooKeeper's srvr)." },
    expect: {
      kind: "string",
      description: "A regular expression the answer must match; what it matches is the status.",
    },
  },
};

/** What the schema cannot say about a configured health_check (unknown parts pass). */
export function validateHealthCheck(v: Value | undefined, ports: Value | undefined): string[] {
  if (v === undefined || v === null || isUnknown(v) || typeof v !== "object" || Array.isArray(v)) return [];
  const o = v as { [k: string]: Value };
  const errs: string[] = [];
  const type = o.type;
  const hasPorts = Array.isArray(ports) ? ports.length > 0 : isUnknown(ports);
  if ((type === "tcp" || type === "http") && (o.port === undefined || o.port === null) && !hasPorts) {
    errs.push(`a ${type} check needs a port (health_check.port or ports)`);
  }
  if (type === "exec" && (o.command === undefined || o.command === null)) errs.push("an exec check needs a command");
  if (typeof o.expect === "string") {
    try {
      new RegExp(o.expect, "m");
    } catch (e) {
      errs.push(`expect is not a regular expression: ${(e as Error).message}`);
    }
  }
  return errs;
}

/** The effective check, or null when none is configured. */
export function healthCheckOf(v: Value | undefined, ports: number[]): HealthCheck | null {
  if (v === undefined || v === null || typeof v !== "object" || Array.isArray(v) || isUnknown(v)) return null;
  const o = v as { [k: string]: Value };
  const num = (k: string, d?: number): number | undefined => (typeof o[k] === "number" ? (o[k] as number) : d);
  const type = o.type as HealthCheck["type"];
  return {
    type,
    port: num("port", ports[0]),
    path: typeof o.path === "string" ? o.path : HEALTH_DEFAULTS.path,
    command: typeof o.command === "string" ? o.command : undefined,
    send: typeof o.send === "string" ? o.send : undefined,
    expect: typeof o.expect === "string" ? o.expect : undefined,
    expectStatus: num("expect_status"),
    timeoutMs: num("timeout_ms", HEALTH_DEFAULTS.timeout_ms)!,
    retries: Math.max(1, num("retries", HEALTH_DEFAULTS.retries)!),
    intervalMs: num("interval_ms", HEALTH_DEFAULTS.interval_ms)!,
  };
}

/** One probe: null when healthy, else the reason. */
export async function probe(driver: HostDriver, hc: HealthCheck, signal?: AbortSignal): Promise<string | null> {
  return (await probeWithStatus(driver, hc, signal)).reason;
}

/** One probe, with what matched `expect` (e.g. ZooKeeper's "Mode: leader") as the status. */
export async function probeWithStatus(
  driver: HostDriver,
  hc: HealthCheck,
  signal?: AbortSignal,
): Promise<{ reason: string | null; status: string | null }> {
  if (hc.type === "tcp" && hc.send !== undefined && driver.tcpExchange) {
    if (hc.port === undefined) return { reason: "tcp check has no port", status: null };
    const answer = await driver.tcpExchange(hc.port, hc.send, hc.timeoutMs);
    const where = `${driver.spec.address}:${hc.port}`;
    if (answer === null) return { reason: `nothing accepts TCP connections on ${where}`, status: null };
    if (hc.expect === undefined) return { reason: null, status: null };
    const m = new RegExp(hc.expect, "m").exec(answer);
    if (m) return { reason: null, status: m[0] };
    const first = answer.split("\n")[0]!.trim().slice(0, 120);
    return {
      reason: `${where} answered ${JSON.stringify(first)} to ${JSON.stringify(hc.send.trim())}, not /${hc.expect}/`,
      status: null,
    };
  }
  return { reason: await probeOnce(driver, hc, signal), status: null };
}

async function probeOnce(driver: HostDriver, hc: HealthCheck, signal?: AbortSignal): Promise<string | null> {
  switch (hc.type) {
    case "tcp":
      if (hc.port === undefined) return "tcp check has no port";
      return (await driver.checkTcp(hc.port, hc.timeoutMs))
        ? null
        : `nothing accepts TCP connections on ${driver.spec.address}:${hc.port}`;
    case "http": {
      if (hc.port === undefined) return "http check has no port";
      const r = await driver.checkHttp(hc.port, hc.path, hc.timeoutMs);
      const url = `http://${driver.spec.address}:${hc.port}${hc.path}`;
      if (r.status === undefined) return `GET ${url} failed (no response)`;
      const good = hc.expectStatus !== undefined ? r.status === hc.expectStatus : r.ok;
      return good
        ? null
        : `GET ${url} answered ${r.status}${hc.expectStatus !== undefined ? ` (expected ${hc.expectStatus})` : ""}`;
    }
    case "exec": {
      if (!hc.command) return "exec check has no command";
      try {
        const r = await driver.run(hc.command, { timeoutMs: hc.timeoutMs, signal });
        return r.exitCode === 0 ? null : `check command exited with code ${r.exitCode}: ${hc.command}`;
      } catch (e) {
        return (e as Error).message;
      }
    }
    default:
      return `unknown health check type ${JSON.stringify(hc.type)}`;
  }
}

/**
 * Waits until the process passes its check (retries × interval). Without a
 * check, healthy means "running". Stops early when the process exits.
 * Returns null when healthy, else the reason.
 */
export async function waitHealthy(
  driver: HostDriver,
  processName: string,
  hc: HealthCheck | null,
  signal?: AbortSignal,
): Promise<string | null> {
  const attempts = hc ? hc.retries : 1;
  let reason: string | null = "not checked";
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await delay(hc!.intervalMs, undefined, { signal });
    const st = await driver.inspectProcess(processName);
    if (!st.running) return `process "${processName}" is not running (it exited)`;
    if (!hc) return null;
    reason = await probe(driver, hc, signal);
    if (reason === null) return null;
  }
  return `${reason} (after ${attempts} attempt${attempts === 1 ? "" : "s"})`;
}
