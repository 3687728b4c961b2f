// How software configs and deployments are laid out in table rows, and the statements both stores run on them
// (SQLite and PostgreSQL share the SQL text; `?` placeholders; text sort keys name their collation through `text`).
// A config's body (config, inputs, outputs, options) is one JSON document, as Heat keeps it.

import { afterMarker, orderBy } from "./keyset-page.js";
import type { SoftwareConfigQuery, SoftwareConfigRecord, SoftwareDeploymentRecord } from "./software-config-store.js";
import type { ByteWiseText, SqlStatement } from "./sql-statement.js";

export interface ConfigRow {
  id: string;
  tenant: string;
  name: string | null;
  config_group: string | null;
  body: string;
  created_at: string;
  stack_id: string | null;
}

export interface DeploymentRow {
  id: string;
  tenant: string;
  server_id: string;
  config_id: string;
  input_values: string;
  output_values: string | null;
  action: string | null;
  status: string | null;
  status_reason: string;
  created_at: string;
  updated_at: string | null;
}

const DEPLOYMENT_COLUMNS: Record<string, keyof DeploymentRow> = {
  serverId: "server_id",
  configId: "config_id",
  inputValues: "input_values",
  outputValues: "output_values",
  action: "action",
  status: "status",
  statusReason: "status_reason",
  createdAt: "created_at",
  updatedAt: "updated_at",
};

const JSON_FIELDS = new Set(["inputValues", "outputValues"]);

export const SELECT_CONFIG = "SELECT * FROM software_configs WHERE id = ?";
export const SELECT_CONFIG_MARKER = "SELECT created_at, id FROM software_configs WHERE id = ?";
export const SELECT_CONFIGS_OF_STACK = "SELECT id FROM software_configs WHERE stack_id = ?";
export const SELECT_CONFIG_IN_USE = "SELECT 1 FROM software_deployments WHERE config_id = ? LIMIT 1";
export const DELETE_CONFIG = "DELETE FROM software_configs WHERE id = ?";
export const SELECT_DEPLOYMENT = "SELECT * FROM software_deployments WHERE id = ?";
export const DELETE_DEPLOYMENT = "DELETE FROM software_deployments WHERE id = ?";

export function insertConfigStatement(c: SoftwareConfigRecord): SqlStatement {
  const body = JSON.stringify({ config: c.config, inputs: c.inputs, outputs: c.outputs, options: c.options });
  return {
    sql: `INSERT INTO software_configs (id, tenant, name, config_group, body, created_at, stack_id)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
    params: [c.id, c.tenant, c.name, c.group, body, c.createdAt, c.stackId ?? null],
  };
}

/** The page of configs a query asks for, newest first; `marker` is the marker config's row when it exists. */
export function listConfigsStatement(
  query: SoftwareConfigQuery,
  marker: { created_at: string; id: string } | undefined,
  text: ByteWiseText,
): SqlStatement {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.tenant !== undefined) {
    where.push("tenant = ?");
    params.push(query.tenant);
  }
  const keys = [text("created_at"), text("id")];
  if (marker) {
    const after = afterMarker(keys, "desc", [marker.created_at, marker.id]);
    where.push(after.sql);
    params.push(...after.params);
  }
  const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : "";
  return {
    sql: `SELECT * FROM software_configs${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
          ORDER BY ${orderBy(keys, "desc")}${limit}`,
    params,
  };
}

export function insertDeploymentStatement(d: SoftwareDeploymentRecord): SqlStatement {
  return {
    sql: `INSERT INTO software_deployments (id, tenant, server_id, config_id, input_values, output_values, action,
            status, status_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    params: [
      d.id,
      d.tenant,
      d.serverId,
      d.configId,
      JSON.stringify(d.inputValues),
      d.outputValues === null ? null : JSON.stringify(d.outputValues),
      d.action,
      d.status,
      d.statusReason,
      d.createdAt,
      d.updatedAt ?? null,
    ],
  };
}

/** A tenant's or a server's deployments, oldest first. */
export function listDeploymentsStatement(
  query: { tenant?: string; serverId?: string },
  text: ByteWiseText,
): SqlStatement {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.tenant !== undefined) {
    where.push("tenant = ?");
    params.push(query.tenant);
  }
  if (query.serverId !== undefined) {
    where.push("server_id = ?");
    params.push(query.serverId);
  }
  return {
    sql: `SELECT * FROM software_deployments${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
          ORDER BY ${text("created_at")} ASC, ${text("id")} ASC`,
    params,
  };
}

/** The update of a deployment's changed fields, or undefined when nothing changes. */
export function updateDeploymentStatement(
  id: string,
  change: Partial<Omit<SoftwareDeploymentRecord, "id" | "tenant">>,
): SqlStatement | undefined {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, value] of Object.entries(change)) {
    const column = DEPLOYMENT_COLUMNS[key];
    if (!column || value === undefined) continue;
    sets.push(`${column} = ?`);
    params.push(JSON_FIELDS.has(key) && value !== null ? JSON.stringify(value) : value);
  }
  if (sets.length === 0) return undefined;
  return { sql: `UPDATE software_deployments SET ${sets.join(", ")} WHERE id = ?`, params: [...params, id] };
}

export function configFromRow(row: ConfigRow): SoftwareConfigRecord {
  const body = JSON.parse(row.body) as Pick<SoftwareConfigRecord, "config" | "inputs" | "outputs" | "options">;
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    group: row.config_group,
    config: body.config ?? null,
    inputs: body.inputs ?? [],
    outputs: body.outputs ?? [],
    options: body.options ?? {},
    createdAt: row.created_at,
    ...(row.stack_id !== null && { stackId: row.stack_id }),
  };
}

export function deploymentFromRow(row: DeploymentRow): SoftwareDeploymentRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    serverId: row.server_id,
    configId: row.config_id,
    inputValues: JSON.parse(row.input_values) as Record<string, unknown>,
    outputValues: row.output_values === null ? null : (JSON.parse(row.output_values) as Record<string, unknown>),
    action: row.action,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    ...(row.updated_at !== null && { updatedAt: row.updated_at }),
  };
}
