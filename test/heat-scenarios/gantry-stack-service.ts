// Opens gantry's stack service for the scenario test: the SQLite stack store
// at ":memory:" and one Engine. The stack service and the SQLite store are
// being written (issue #9) and are not on main yet; until they are, this says
// which file is missing and the scenario test skips. When they land, check
// the two constructor calls below against their final signatures.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "../../engine/engine.js";
import type { StackOperations } from "../../stacks/stack-operations.js";

const NEEDED = ["stacks/stack-service.ts", "stacks/sqlite-stack-store.ts"];

export type OpenedService =
  | { service: StackOperations; close: () => Promise<void>; missing?: undefined }
  | { service?: undefined; close?: undefined; missing: string };

/** The files of the stack service that are not there yet (repository-relative), if any. */
export function missingStackServiceFiles(): string[] {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  return NEEDED.filter((f) => !existsSync(`${root}${f}`));
}

/**
 * The service over a fresh in-memory store, with a scratch data directory; `close` closes both.
 * (As written on the stack-service and stack-store branches: `SqliteStackStore.open(file)` and
 * `new StackService({ engine, store, dataRoot })`.)
 */
export async function openStackService(): Promise<OpenedService> {
  const missing = missingStackServiceFiles();
  if (missing.length) return { missing: missing.join(" and ") };
  // Specifiers in variables: the type checker does not resolve them, so this file compiles before they exist.
  const storeSpec = "../../stacks/sqlite-stack-store.js";
  const serviceSpec = "../../stacks/stack-service.js";
  const storeModule = await import(storeSpec);
  const serviceModule = await import(serviceSpec);
  const store = storeModule.SqliteStackStore.open(":memory:");
  const dataRoot = mkdtempSync(join(tmpdir(), "gantry-heat-scenarios-"));
  // Heat's action_retry_limit as Heat has it, without its pauses of 2^n seconds between attempts
  const service: StackOperations = new serviceModule.StackService({
    store,
    engine: new Engine(),
    dataRoot,
    retryPauseMs: () => 1,
  });
  return {
    service,
    close: async () => {
      await service.close();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}
