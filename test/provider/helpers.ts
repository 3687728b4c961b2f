// Shared helpers for provider tests: temp dirs, free ports, operation contexts.

import type { HostLimitation } from "../../contract/host-limitation.js";
import { mkdtempSync, rmSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OperationContext } from "../../contract/resource-type.js";
import { testHosts } from "../engine-fixture.js";

export function tempDir(prefix = "gantry-provider-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A port that is free on `address` right now (bind port 0, read it, release it). */
export function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, address, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestContext extends OperationContext {
  logs: string[];
  warnings: string[];
  limitations: HostLimitation[];
}

export function makeCtx(dir: string, name = "t", address = `test.${name}`): TestContext {
  const logs: string[] = [];
  const warnings: string[] = [];
  const limitations: HostLimitation[] = [];
  return {
    address,
    name,
    dataDir: join(dir, ".gantry"),
    configDir: dir,
    signal: new AbortController().signal,
    hosts: testHosts,
    log: (m) => logs.push(m),
    warn: (m) => warnings.push(m),
    limited: (l) => limitations.push(l),
    logs,
    warnings,
    limitations,
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whether a pid exists (and is not a zombie). */
export async function pidAlive(pid: number): Promise<boolean> {
  try {
    const { readFile } = await import("node:fs/promises");
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

export async function waitFor(
  cond: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Kills a process group hard, ignoring errors (test cleanup). */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    /* gone */
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* gone */
  }
}

import { UNKNOWN, deepEqual, type Attrs, type Value } from "../../contract/values.js";
import type { InstanceInfo, ResourceType } from "../../contract/resource-type.js";

/**
 * What the planner does (per the contract): configuration with defaults
 * applied, computed attributes from prior (update) or UNKNOWN (create), then
 * the type's plan hook. Returns the planned attributes and the action.
 */
export function planLike(
  type: ResourceType,
  prior: Attrs | null,
  config: Attrs,
  info: InstanceInfo,
): { planned: Attrs; action: "create" | "noop" | "update" | "replace"; changed: string[] } {
  const full: Attrs = {};
  for (const [k, s] of Object.entries(type.schema)) {
    if (config[k] !== undefined && config[k] !== null) full[k] = config[k]!;
    else if (s.default !== undefined) full[k] = s.default;
    else if (s.computed) full[k] = prior && k in prior ? prior[k]! : UNKNOWN;
    else full[k] = null;
  }
  const planned = type.planChange ? type.planChange(prior, full, info).planned : full;
  if (prior === null) return { planned, action: "create", changed: Object.keys(planned) };
  const changed = Object.keys(type.schema).filter((k) => !deepEqual(planned[k] ?? null, prior[k] ?? null));
  if (changed.length === 0) return { planned, action: "noop", changed };
  const replace = changed.some((k) => type.schema[k]!.forceNew);
  return { planned, action: replace ? "replace" : "update", changed };
}

/** A SIMULATED host's attributes, as a host resource would give them. */
export function simHost(name: string, options: { [k: string]: Value } | null = null): Attrs {
  return { name, driver: "sim", address: "10.2.0.1", root: "/sim", options, id: "h" };
}
