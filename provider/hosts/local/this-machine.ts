// The LocalMachine of this process, for local drivers created without one.
//
// This is the only module-level state of the local driver, kept because
// drivers are still created one per host (connect.ts) without an owner to
// share a machine object. An engine that creates the drivers should create
// one LocalMachine per run and give it to every LocalDriver it creates
// (`new LocalDriver(spec, machine)`); this default then goes unused and can
// be removed.

import { LocalMachine } from "./local-machine.js";

export const thisMachine = new LocalMachine();
