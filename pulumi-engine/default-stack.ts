// The stack a `gantry pulumi` command works on when none is named (gantry has no "current stack" to select).
export const DEFAULT_STACK = "dev";
