// Software configs and deployments in Heat's field names (heat/engine/api.py
// format_software_config, format_software_deployment).

import type { SoftwareConfigRecord, SoftwareDeploymentRecord } from "../stacks/software-config-store.js";
import { heatTime } from "./heat-time.js";

/** The whole config (show, create, metadata); a list shows the summary and, to an admin, the project. */
export function renderSoftwareConfig(
  c: SoftwareConfigRecord,
  opts: { detail?: boolean; project?: boolean } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: c.id,
    name: c.name,
    group: c.group,
    creation_time: heatTime(c.createdAt),
  };
  if (opts.detail !== false) {
    out.config = c.config;
    out.inputs = c.inputs;
    out.outputs = c.outputs;
    out.options = c.options;
  }
  if (opts.project) out.project = c.tenant;
  return out;
}

export function renderSoftwareDeployment(d: SoftwareDeploymentRecord): Record<string, unknown> {
  return {
    id: d.id,
    server_id: d.serverId,
    input_values: d.inputValues,
    output_values: d.outputValues,
    action: d.action,
    status: d.status,
    status_reason: d.statusReason,
    config_id: d.configId,
    creation_time: heatTime(d.createdAt),
    ...(d.updatedAt && { updated_time: heatTime(d.updatedAt) }),
  };
}
