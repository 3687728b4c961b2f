// Helpers for the framework (Marathon, Chronos) tests: the planner's view of
// a change, an operation context, the reference facts, a refused port.

import type { HostLimitation } from "../../contract/host-limitation.js";
import { readFileSync } from "node:fs";
import * as net from "node:net";
import { planAttributes } from "../../planner/instances.js";
import { deepEqual, type Attrs } from "../../contract/values.js";
import type { OperationContext, ResourceType } from "../../contract/resource-type.js";
import { testHosts } from "../engine-fixture.js";

export const REFERENCE_DIR = new URL("../../../shared/reference/", import.meta.url).pathname;

export function readReference(file: string): any {
  // /work/main/test/frameworks → /work/shared/reference
  return JSON.parse(readFileSync(REFERENCE_DIR + file, "utf8"));
}

export interface Ctx extends OperationContext {
  logs: string[];
  warnings: string[];
  limitations: HostLimitation[];
}

export function makeCtx(name = "t"): Ctx {
  const logs: string[] = [];
  const warnings: string[] = [];
  const limitations: HostLimitation[] = [];
  return {
    address: `test.${name}`,
    name,
    dataDir: "/tmp/gantry-frameworks-test/.gantry",
    configDir: "/tmp/gantry-frameworks-test",
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

/**
 * What the planner decides for one instance (planner/plan.ts diffInstance):
 * planned attributes from planAttributes, the changed keys, and whether the
 * change is an update or a replacement.
 */
export function planChange(
  type: ResourceType,
  prior: Attrs | null,
  configured: Attrs,
): { action: "create" | "noop" | "update" | "replace"; planned: Attrs; changed: string[] } {
  const ctx = makeCtx();
  const { planned, requiresReplace } = planAttributes(type, prior, configured, ctx);
  if (prior === null) return { action: "create", planned, changed: Object.keys(planned) };
  const changed = Object.keys({ ...planned, ...prior }).filter((k) => !deepEqual(planned[k] ?? null, prior[k] ?? null));
  if (changed.length === 0) return { action: "noop", planned, changed };
  const forcing = changed.filter((k) => type.schema[k]?.forceNew || requiresReplace.includes(k));
  return { action: forcing.length ? "replace" : "update", planned, changed };
}

/** A base URL on 127.0.0.1 where nothing listens (connections are refused). */
export function refusedUrl(): Promise<string> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}
