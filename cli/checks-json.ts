// The `checks` section of the JSON plan and state (`plan -json`, `show -json [PLANFILE]`), in the shape of
// Terraform's JSON output format: one entry per checkable object (its
// configuration address, its aggregate status) with one per instance (its
// own address and status, and the error messages of its failed conditions).

import type { CheckResult } from "../planner/check-results.js";

export function checksToJson(results: readonly CheckResult[]): Record<string, unknown>[] {
  return results.map((r) => ({
    address: {
      kind: r.kind,
      ...(r.kind === "resource" ? { mode: r.mode, type: r.type } : {}),
      name: r.name,
      ...(r.module ? { module: r.module } : {}),
      to_display: r.configAddress,
    },
    status: r.status,
    // none (count = 0): left out, as Terraform's omitempty does
    ...(r.instances.length ? { instances: instancesToJson(r.instances) } : {}),
  }));
}

function instancesToJson(instances: CheckResult["instances"]): Record<string, unknown>[] {
  return instances.map((i) => ({
    address: {
      to_display: i.address,
      ...(i.module ? { module: i.module } : {}),
      ...(i.key !== undefined ? { instance_key: i.key } : {}),
    },
    status: i.status,
    ...(i.problems.length ? { problems: i.problems.map((message) => ({ message })) } : {}),
  }));
}
