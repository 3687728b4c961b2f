// The environment commands and processes of a local host run with: this
// process's environment plus HOST_ROOT, HOST_ADDRESS and HOST_NAME.

import type { HostSpec } from "../../../contract/host-driver.js";

export function hostEnvironment(spec: HostSpec, extra?: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST_ROOT: spec.root,
    HOST_ADDRESS: spec.address,
    HOST_NAME: spec.name,
    ...(extra ?? {}),
  };
}
