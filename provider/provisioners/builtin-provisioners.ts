// The provisioners an engine knows by default: local-exec on this machine;
// remote-exec and file over ssh (the ssh host driver's connection code).

import type { Provisioner } from "../../contract/provisioner.js";
import { fileProvisioner } from "./file.js";
import { localExecProvisioner } from "./local-exec.js";
import { remoteExecProvisioner } from "./remote-exec.js";

export const BUILTIN_PROVISIONERS: readonly Provisioner[] = [
  localExecProvisioner,
  remoteExecProvisioner,
  fileProvisioner,
];
