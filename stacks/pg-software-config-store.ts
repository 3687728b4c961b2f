// Software configs and deployments in the PostgreSQL stack store (the same tables as the SQLite store's).

import { afterMarker, orderBy } from "./keyset-page.js";
import type { PgDatabase } from "./pg-database.js";
import {
  SoftwareConfigInUseError,
  type SoftwareConfigQuery,
  type SoftwareConfigRecord,
  type SoftwareConfigStore,
  type SoftwareDeploymentRecord,
} from "./software-config-store.js";
import {
  type ConfigRow,
  configFromRow,
  DEPLOYMENT_COLUMNS,
  type DeploymentRow,
  deploymentFromRow,
  JSON_FIELDS,
} from "./sqlite-software-config-store.js";

export class PgSoftwareConfigStore implements SoftwareConfigStore {
  constructor(private readonly db: PgDatabase) {}

  async insertConfig(c: SoftwareConfigRecord): Promise<void> {
    const body = JSON.stringify({ config: c.config, inputs: c.inputs, outputs: c.outputs, options: c.options });
    await this.db.run(
      `INSERT INTO software_configs (id, tenant, name, config_group, body, created_at, stack_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [c.id, c.tenant, c.name, c.group, body, c.createdAt, c.stackId ?? null],
    );
  }

  async getConfig(id: string): Promise<SoftwareConfigRecord | undefined> {
    const row = await this.db.get<ConfigRow>("SELECT * FROM software_configs WHERE id = ?", [id]);
    return row && configFromRow(row);
  }

  async listConfigs(query: SoftwareConfigQuery): Promise<SoftwareConfigRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.tenant !== undefined) {
      where.push("tenant = ?");
      params.push(query.tenant);
    }
    const keys = ['created_at COLLATE "C"', 'id COLLATE "C"'];
    if (query.marker !== undefined) {
      const m = await this.db.get<{ created_at: string; id: string }>(
        "SELECT created_at, id FROM software_configs WHERE id = ?",
        [query.marker],
      );
      if (m) {
        const after = afterMarker(keys, "desc", [m.created_at, m.id]);
        where.push(after.sql);
        params.push(...after.params);
      }
    }
    const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : "";
    const rows = await this.db.all<ConfigRow>(
      `SELECT * FROM software_configs${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
       ORDER BY ${orderBy(keys, "desc")}${limit}`,
      params,
    );
    return rows.map(configFromRow);
  }

  async configsOfStack(stackId: string): Promise<string[]> {
    return (await this.db.all<{ id: string }>("SELECT id FROM software_configs WHERE stack_id = ?", [stackId])).map(
      (r) => r.id,
    );
  }

  deleteConfig(id: string): Promise<void> {
    return this.db.transaction(async () => {
      // the config's row locked first: a deployment inserted meanwhile waits (its foreign key checks the row)
      await this.db.get("SELECT id FROM software_configs WHERE id = ? FOR UPDATE", [id]);
      const used = await this.db.get("SELECT 1 FROM software_deployments WHERE config_id = ? LIMIT 1", [id]);
      if (used) throw new SoftwareConfigInUseError(id);
      await this.db.run("DELETE FROM software_configs WHERE id = ?", [id]);
    });
  }

  async insertDeployment(d: SoftwareDeploymentRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO software_deployments (id, tenant, server_id, config_id, input_values, output_values, action,
         status, status_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
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
    );
  }

  async getDeployment(id: string): Promise<SoftwareDeploymentRecord | undefined> {
    const row = await this.db.get<DeploymentRow>("SELECT * FROM software_deployments WHERE id = ?", [id]);
    return row && deploymentFromRow(row);
  }

  async listDeployments(query: { tenant?: string; serverId?: string }): Promise<SoftwareDeploymentRecord[]> {
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
    const rows = await this.db.all<DeploymentRow>(
      `SELECT * FROM software_deployments${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
       ORDER BY created_at COLLATE "C" ASC, id COLLATE "C" ASC`,
      params,
    );
    return rows.map(deploymentFromRow);
  }

  async updateDeployment(id: string, change: Partial<Omit<SoftwareDeploymentRecord, "id" | "tenant">>): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [key, value] of Object.entries(change)) {
      const column = DEPLOYMENT_COLUMNS[key];
      if (!column || value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(JSON_FIELDS.has(key) && value !== null ? JSON.stringify(value) : value);
    }
    if (sets.length === 0) return;
    await this.db.run(`UPDATE software_deployments SET ${sets.join(", ")} WHERE id = ?`, [...params, id]);
  }

  async deleteDeployment(id: string): Promise<void> {
    await this.db.run("DELETE FROM software_deployments WHERE id = ?", [id]);
  }
}
