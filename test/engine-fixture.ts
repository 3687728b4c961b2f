// The engine a test file works with. Library code has no process-wide state;
// a test file keeps one engine here and may start over with a fresh one
// (new resource types, new host drivers, an empty sim fabric).

import type { HostConnector } from "../contract/host-driver.js";
import type { ResourceType } from "../contract/resource-type.js";
import { fullTypeName } from "../contract/type-names.js";
import { Engine } from "../engine/engine.js";

let current = new Engine();

export function testEngine(): Engine {
  return current;
}

/** Starts over with a new engine (and so an empty sim fabric); returns it. */
export function resetTestEngine(): Engine {
  current = new Engine();
  return current;
}

/** A built-in resource type by name ("gantry_noop", or short: "noop"). */
export function builtinType(name: string): ResourceType {
  const t = current.types.get(fullTypeName(name));
  if (!t) throw new Error(`no resource type "${name}"`);
  return t;
}

/** Reaches hosts through whichever engine is current when an operation runs. */
export const testHosts: HostConnector = { connect: (spec) => current.hosts.connect(spec) };
