// The version gantry records in state files and saved plans.

export const GANTRY_VERSION = "0.1.0";
