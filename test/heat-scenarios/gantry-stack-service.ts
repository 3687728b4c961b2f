// Opens gantry's stack service for the scenario test: the SQLite stack store
// at ":memory:" and one Engine. The stack service and the SQLite store are
// being written (issue #9) and are not on main yet; until they are, this says
// which file is missing and the scenario test skips. When they land, adjust
// the two constructor calls below to their real signatures if they differ.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Engine } from "../../engine/engine.js";
import type { StackOperations } from "../../stacks/stack-operations.js";

const NEEDED = ["stacks/stack-service.ts", "stacks/sqlite-stack-store.ts"];

export type OpenedService =
  | { service: StackOperations; missing?: undefined }
  | { service?: undefined; missing: string };

/** The files of the stack service that are not there yet (repository-relative), if any. */
export function missingStackServiceFiles(): string[] {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  return NEEDED.filter((f) => !existsSync(`${root}${f}`));
}

export async function openStackService(): Promise<OpenedService> {
  const missing = missingStackServiceFiles();
  if (missing.length) return { missing: missing.join(" and ") };
  // Specifiers in variables: the type checker does not resolve them, so this file compiles before they exist.
  const storeSpec = "../../stacks/sqlite-stack-store.js";
  const serviceSpec = "../../stacks/stack-service.js";
  const storeModule = await import(storeSpec);
  const serviceModule = await import(serviceSpec);
  const store = new storeModule.SqliteStackStore(":memory:");
  const service: StackOperations = new serviceModule.StackService({ store, engine: new Engine() });
  return { service };
}
