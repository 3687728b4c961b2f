// Flags the `gantry pulumi` commands share, named as `pulumi` names them.

import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";

export const programDirArg = {
  dir: Args.string({ description: "the Pulumi program's directory (holding Pulumi.yaml)", default: "." }),
};

export const pulumiStackFlag = {
  stack: Flags.string({ char: "s", description: "the stack (a gantry workspace of the program's directory)" }),
};

export const pulumiRunFlags = {
  ...pulumiStackFlag,
  json: Flags.boolean({ char: "j", description: "print one JSON document (steps, outputs, change summary)" }),
  parallel: Flags.integer({ char: "p", description: "resource operations the program runs at once", default: 10 }),
  yes: Flags.boolean({ char: "y", description: "proceed without asking (gantry never asks: accepted for scripts)" }),
  "skip-preview": Flags.boolean({ description: "accepted for scripts: gantry does not preview before an update" }),
};

export const pulumiRefreshFlag = {
  refresh: Flags.boolean({
    char: "r",
    description: "refresh the state of the stack's resources (read through their providers) before the update",
  }),
};

export const pulumiProgramFlags = {
  "program-timeout": Flags.string({
    description:
      "how long the program may run (e.g. 90s, 30m, 2h; 0: no limit); past it, it is stopped and the run fails " +
      "[default: GANTRY_PULUMI_PROGRAM_TIMEOUT, else 1h]",
  }),
};
