// Flags the `gantry pulumi config` commands share, named as `pulumi config` names them.

import * as Flags from "@oclif/core/flags";
import { pulumiStackFlag } from "./pulumi-flags.js";

export const pulumiConfigFlags = {
  ...pulumiStackFlag,
  cwd: Flags.string({ char: "C", description: "the Pulumi program's directory (holding Pulumi.yaml)", default: "." }),
};

export const configPathFlag = {
  path: Flags.boolean({ description: "the key is a path to a property in a map or list" }),
};
