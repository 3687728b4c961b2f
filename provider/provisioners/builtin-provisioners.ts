// The provisioners an engine knows by default. remote-exec and file come
// with the ssh host driver.

import type { Provisioner } from "../../contract/provisioner.js";
import { localExecProvisioner } from "./local-exec.js";

export const BUILTIN_PROVISIONERS: readonly Provisioner[] = [localExecProvisioner];
