// Software configs and deployments in the PostgreSQL stack store (the same tables and statements as the SQLite
// store's; text sorts byte-wise through COLLATE "C").

import type { PgDatabase } from "./pg-database.js";
import {
  type ConfigRow,
  configFromRow,
  DELETE_CONFIG,
  DELETE_DEPLOYMENT,
  type DeploymentRow,
  deploymentFromRow,
  insertConfigStatement,
  insertDeploymentStatement,
  listConfigsStatement,
  listDeploymentsStatement,
  SELECT_CONFIG,
  SELECT_CONFIG_IN_USE,
  SELECT_CONFIG_MARKER,
  SELECT_CONFIGS_OF_STACK,
  SELECT_DEPLOYMENT,
  updateDeploymentStatement,
} from "./software-config-rows.js";
import {
  SoftwareConfigInUseError,
  type SoftwareConfigQuery,
  type SoftwareConfigRecord,
  type SoftwareConfigStore,
  type SoftwareDeploymentRecord,
} from "./software-config-store.js";

const bytewise = (column: string) => `${column} COLLATE "C"`;

export class PgSoftwareConfigStore implements SoftwareConfigStore {
  constructor(private readonly db: PgDatabase) {}

  async insertConfig(c: SoftwareConfigRecord): Promise<void> {
    const s = insertConfigStatement(c);
    await this.db.run(s.sql, s.params);
  }

  async getConfig(id: string): Promise<SoftwareConfigRecord | undefined> {
    const row = await this.db.get<ConfigRow>(SELECT_CONFIG, [id]);
    return row && configFromRow(row);
  }

  async listConfigs(query: SoftwareConfigQuery): Promise<SoftwareConfigRecord[]> {
    const marker =
      query.marker === undefined
        ? undefined
        : await this.db.get<{ created_at: string; id: string }>(SELECT_CONFIG_MARKER, [query.marker]);
    const s = listConfigsStatement(query, marker, bytewise);
    return (await this.db.all<ConfigRow>(s.sql, s.params)).map(configFromRow);
  }

  async configsOfStack(stackId: string): Promise<string[]> {
    return (await this.db.all<{ id: string }>(SELECT_CONFIGS_OF_STACK, [stackId])).map((r) => r.id);
  }

  deleteConfig(id: string): Promise<void> {
    return this.db.transaction(async () => {
      // the config's row locked first: a deployment inserted meanwhile waits (its foreign key checks the row)
      await this.db.get(`${SELECT_CONFIG} FOR UPDATE`, [id]);
      if (await this.db.get(SELECT_CONFIG_IN_USE, [id])) throw new SoftwareConfigInUseError(id);
      await this.db.run(DELETE_CONFIG, [id]);
    });
  }

  async insertDeployment(d: SoftwareDeploymentRecord): Promise<void> {
    const s = insertDeploymentStatement(d);
    await this.db.run(s.sql, s.params);
  }

  async getDeployment(id: string): Promise<SoftwareDeploymentRecord | undefined> {
    const row = await this.db.get<DeploymentRow>(SELECT_DEPLOYMENT, [id]);
    return row && deploymentFromRow(row);
  }

  async listDeployments(query: { tenant?: string; serverId?: string }): Promise<SoftwareDeploymentRecord[]> {
    const s = listDeploymentsStatement(query, bytewise);
    return (await this.db.all<DeploymentRow>(s.sql, s.params)).map(deploymentFromRow);
  }

  async updateDeployment(id: string, change: Partial<Omit<SoftwareDeploymentRecord, "id" | "tenant">>): Promise<void> {
    const s = updateDeploymentStatement(id, change);
    if (s) await this.db.run(s.sql, s.params);
  }

  async deleteDeployment(id: string): Promise<void> {
    await this.db.run(DELETE_DEPLOYMENT, [id]);
  }
}
