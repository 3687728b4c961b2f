// Software configs and deployments in the stack store's SQLite file (the
// same connection and gate as the stacks: one writer at a time, every write
// a transaction of its own). A config's body (config, inputs, outputs,
// options) is one JSON document, as Heat keeps it.

import type { Database } from "better-sqlite3";
import type { ConnectionGate } from "./connection-gate.js";
import { afterMarker, orderBy } from "./keyset-page.js";
import {
  SoftwareConfigInUseError,
  type SoftwareConfigQuery,
  type SoftwareConfigRecord,
  type SoftwareConfigStore,
  type SoftwareDeploymentRecord,
} from "./software-config-store.js";

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

export const DEPLOYMENT_COLUMNS: Record<string, keyof DeploymentRow> = {
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

export const JSON_FIELDS = new Set(["inputValues", "outputValues"]);

export class SqliteSoftwareConfigStore implements SoftwareConfigStore {
  constructor(
    private readonly db: Database,
    private readonly gate: ConnectionGate,
  ) {}

  insertConfig(c: SoftwareConfigRecord): Promise<void> {
    return this.gate.exclusive(() => {
      const body = JSON.stringify({ config: c.config, inputs: c.inputs, outputs: c.outputs, options: c.options });
      this.db
        .prepare(
          `INSERT INTO software_configs (id, tenant, name, config_group, body, created_at, stack_id)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.id, c.tenant, c.name, c.group, body, c.createdAt, c.stackId ?? null);
    });
  }

  getConfig(id: string): Promise<SoftwareConfigRecord | undefined> {
    return this.gate.exclusive(() => {
      const row = this.db.prepare("SELECT * FROM software_configs WHERE id = ?").get(id) as ConfigRow | undefined;
      return row && configFromRow(row);
    });
  }

  listConfigs(query: SoftwareConfigQuery): Promise<SoftwareConfigRecord[]> {
    return this.gate.exclusive(() => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.tenant !== undefined) {
        where.push("tenant = ?");
        params.push(query.tenant);
      }
      const keys = ["created_at", "id"];
      if (query.marker !== undefined) {
        const m = this.db.prepare("SELECT created_at, id FROM software_configs WHERE id = ?").get(query.marker) as
          | { created_at: string; id: string }
          | undefined;
        if (m) {
          const after = afterMarker(keys, "desc", [m.created_at, m.id]);
          where.push(after.sql);
          params.push(...after.params);
        }
      }
      const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : "";
      const rows = this.db
        .prepare(
          `SELECT * FROM software_configs${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
           ORDER BY ${orderBy(keys, "desc")}${limit}`,
        )
        .all(...params) as ConfigRow[];
      return rows.map(configFromRow);
    });
  }

  configsOfStack(stackId: string): Promise<string[]> {
    return this.gate.exclusive(() =>
      (this.db.prepare("SELECT id FROM software_configs WHERE stack_id = ?").all(stackId) as { id: string }[]).map(
        (r) => r.id,
      ),
    );
  }

  deleteConfig(id: string): Promise<void> {
    return this.gate.exclusive(() =>
      this.db
        .transaction(() => {
          const used = this.db.prepare("SELECT 1 FROM software_deployments WHERE config_id = ? LIMIT 1").get(id);
          if (used) throw new SoftwareConfigInUseError(id);
          this.db.prepare("DELETE FROM software_configs WHERE id = ?").run(id);
        })
        .immediate(),
    );
  }

  insertDeployment(d: SoftwareDeploymentRecord): Promise<void> {
    return this.gate.exclusive(() => {
      this.db
        .prepare(
          `INSERT INTO software_deployments (id, tenant, server_id, config_id, input_values, output_values, action,
             status, status_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
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
        );
    });
  }

  getDeployment(id: string): Promise<SoftwareDeploymentRecord | undefined> {
    return this.gate.exclusive(() => {
      const row = this.db.prepare("SELECT * FROM software_deployments WHERE id = ?").get(id) as
        | DeploymentRow
        | undefined;
      return row && deploymentFromRow(row);
    });
  }

  listDeployments(query: { tenant?: string; serverId?: string }): Promise<SoftwareDeploymentRecord[]> {
    return this.gate.exclusive(() => {
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
      const rows = this.db
        .prepare(
          `SELECT * FROM software_deployments${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
           ORDER BY created_at ASC, id ASC`,
        )
        .all(...params) as DeploymentRow[];
      return rows.map(deploymentFromRow);
    });
  }

  updateDeployment(id: string, change: Partial<Omit<SoftwareDeploymentRecord, "id" | "tenant">>): Promise<void> {
    return this.gate.exclusive(() => {
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [key, value] of Object.entries(change)) {
        const column = DEPLOYMENT_COLUMNS[key];
        if (!column || value === undefined) continue;
        sets.push(`${column} = ?`);
        params.push(JSON_FIELDS.has(key) && value !== null ? JSON.stringify(value) : value);
      }
      if (sets.length === 0) return;
      this.db.prepare(`UPDATE software_deployments SET ${sets.join(", ")} WHERE id = ?`).run(...params, id);
    });
  }

  deleteDeployment(id: string): Promise<void> {
    return this.gate.exclusive(() => {
      this.db.prepare("DELETE FROM software_deployments WHERE id = ?").run(id);
    });
  }
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
