// The environment commands and processes of a local host run with: this
// process's environment plus HOST_ROOT (the root, or a short link to a long one: see socket-safe-root.ts),
// HOST_ADDRESS and HOST_NAME.

import type { HostSpec } from "../../../contract/host-driver.js";
import { socketSafeRoot } from "./socket-safe-root.js";

export function hostEnvironment(spec: HostSpec, extra?: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST_ROOT: socketSafeRoot(spec.root),
    HOST_ADDRESS: spec.address,
    HOST_NAME: spec.name,
    ...(extra ?? {}),
  };
}
