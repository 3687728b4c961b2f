// The status of every checkable object, as Terraform records it for the
// `checks` section of its JSON plan and state: a check block, a resource or
// output with custom conditions, a root variable with validation rules.
// Each configuration object has one result per instance; an instance's
// status sums up its conditions (error, else fail, else unknown, else pass)
// and the object's sums up its instances the same way.

import { moduleConfigPath } from "./addresses.js";

export type CheckStatus = "pass" | "fail" | "unknown" | "error";

/** What kind of object is checked (Terraform's `address.kind`). */
export type CheckableKind = "resource" | "output_value" | "check" | "var";

export interface CheckInstanceResult {
  /** The instance's address (`check.a`, `gantry_noop.x["k"]`, `module.m[0].output.o`). */
  address: string;
  /** The module instance it is in (`module.m[0]`), empty at the root. */
  module: string;
  /** The resource instance's key, if it has one. */
  key?: number | string;
  status: CheckStatus;
  /** The error messages of the failed conditions, sorted. */
  problems: string[];
}

export interface CheckResult {
  kind: CheckableKind;
  /** The object's address in the configuration (module keys left out): `check.a`, `module.m.gantry_noop.x`. */
  configAddress: string;
  /** The module in the configuration (`module.m`), empty at the root. */
  module: string;
  name: string;
  /** Resources only. */
  mode?: "managed" | "data";
  type?: string;
  status: CheckStatus;
  instances: CheckInstanceResult[];
}

/** The object a condition belongs to. */
export interface Checkable {
  kind: CheckableKind;
  name: string;
  /** The module instance (`module.m[0]`), empty at the root. */
  module: string;
  mode?: "managed" | "data";
  type?: string;
  /** The instance's key (resources). */
  key?: number | string;
}

/** Sums statuses up: any error, else any failure, else any unknown, else pass (Terraform's rule). */
export function summarizeStatuses(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes("error")) return "error";
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("unknown")) return "unknown";
  return "pass";
}

function keyText(key: number | string): string {
  return typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** The local address of a checkable object (`check.a`, `output.o`, `var.v`, `data.t.n`, `t.n`). */
function localAddress(c: Checkable): string {
  switch (c.kind) {
    case "check":
      return `check.${c.name}`;
    case "output_value":
      return `output.${c.name}`;
    case "var":
      return `var.${c.name}`;
    case "resource":
      return `${c.mode === "data" ? "data." : ""}${c.type}.${c.name}`;
  }
}

const within = (module: string, local: string) => (module ? `${module}.${local}` : local);

/** Collects the outcome of every condition of one plan (or apply), object by object. */
export class CheckResultsRecorder {
  private readonly objects = new Map<string, { checkable: Checkable; instances: Map<string, CheckInstanceResult> }>();
  private readonly statuses = new Map<string, CheckStatus[]>();

  /**
   * An object whose configuration has conditions but no instances (count = 0, an empty for_each): Terraform lists it
   * with no instances, and its status sums up none, a pass.
   */
  declare(c: Checkable): void {
    const configAddress = within(moduleConfigPath(c.module), localAddress(c));
    if (!this.objects.has(configAddress)) this.objects.set(configAddress, { checkable: c, instances: new Map() });
  }

  /** Records one condition's outcome (with its message when it failed) for the instance `c`. */
  report(c: Checkable, status: CheckStatus, problem?: string): void {
    const configAddress = within(moduleConfigPath(c.module), localAddress(c));
    const object = this.objects.get(configAddress) ?? { checkable: c, instances: new Map() };
    this.objects.set(configAddress, object);
    const address = within(c.module, localAddress(c)) + (c.key !== undefined ? keyText(c.key) : "");
    let instance = object.instances.get(address);
    if (!instance) {
      instance = { address, module: c.module, status, problems: [] };
      if (c.key !== undefined) instance.key = c.key;
      object.instances.set(address, instance);
    }
    const statuses = this.statuses.get(address) ?? [];
    statuses.push(status);
    this.statuses.set(address, statuses);
    instance.status = summarizeStatuses(statuses);
    if (status === "fail" && problem !== undefined) instance.problems.push(problem);
  }

  /** Every object's result, sorted by address as Terraform sorts them (instances too). */
  results(): CheckResult[] {
    const byAddress = (a: { address: string }, b: { address: string }) =>
      a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
    const out: CheckResult[] = [];
    for (const [configAddress, { checkable: c, instances }] of this.objects) {
      const list = [...instances.values()].sort(byAddress).map((i) => ({ ...i, problems: [...i.problems].sort() }));
      out.push({
        kind: c.kind,
        configAddress,
        module: moduleConfigPath(c.module),
        name: c.name,
        ...(c.kind === "resource" ? { mode: c.mode ?? "managed", type: c.type } : {}),
        status: summarizeStatuses(list.map((i) => i.status)),
        instances: list,
      });
    }
    return out.sort((a, b) => (a.configAddress < b.configAddress ? -1 : a.configAddress > b.configAddress ? 1 : 0));
  }
}
