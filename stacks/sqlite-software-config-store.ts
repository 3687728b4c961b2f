// Software configs and deployments in the stack store's SQLite file (the same connection and gate as the stacks:
// one writer at a time, every write a transaction of its own); tables and statements as the PostgreSQL store's.

import type { Database } from "better-sqlite3";
import type { ConnectionGate } from "./connection-gate.js";
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

/** SQLite compares text byte-wise already. */
const bytewise = (column: string) => column;

export class SqliteSoftwareConfigStore implements SoftwareConfigStore {
  constructor(
    private readonly db: Database,
    private readonly gate: ConnectionGate,
  ) {}

  insertConfig(c: SoftwareConfigRecord): Promise<void> {
    return this.gate.exclusive(() => {
      const s = insertConfigStatement(c);
      this.db.prepare(s.sql).run(...s.params);
    });
  }

  getConfig(id: string): Promise<SoftwareConfigRecord | undefined> {
    return this.gate.exclusive(() => {
      const row = this.db.prepare(SELECT_CONFIG).get(id) as ConfigRow | undefined;
      return row && configFromRow(row);
    });
  }

  listConfigs(query: SoftwareConfigQuery): Promise<SoftwareConfigRecord[]> {
    return this.gate.exclusive(() => {
      const marker =
        query.marker === undefined
          ? undefined
          : (this.db.prepare(SELECT_CONFIG_MARKER).get(query.marker) as { created_at: string; id: string } | undefined);
      const s = listConfigsStatement(query, marker, bytewise);
      return (this.db.prepare(s.sql).all(...s.params) as ConfigRow[]).map(configFromRow);
    });
  }

  configsOfStack(stackId: string): Promise<string[]> {
    return this.gate.exclusive(() =>
      (this.db.prepare(SELECT_CONFIGS_OF_STACK).all(stackId) as { id: string }[]).map((r) => r.id),
    );
  }

  deleteConfig(id: string): Promise<void> {
    return this.gate.exclusive(() =>
      this.db
        .transaction(() => {
          if (this.db.prepare(SELECT_CONFIG_IN_USE).get(id)) throw new SoftwareConfigInUseError(id);
          this.db.prepare(DELETE_CONFIG).run(id);
        })
        .immediate(),
    );
  }

  insertDeployment(d: SoftwareDeploymentRecord): Promise<void> {
    return this.gate.exclusive(() => {
      const s = insertDeploymentStatement(d);
      this.db.prepare(s.sql).run(...s.params);
    });
  }

  getDeployment(id: string): Promise<SoftwareDeploymentRecord | undefined> {
    return this.gate.exclusive(() => {
      const row = this.db.prepare(SELECT_DEPLOYMENT).get(id) as DeploymentRow | undefined;
      return row && deploymentFromRow(row);
    });
  }

  listDeployments(query: { tenant?: string; serverId?: string }): Promise<SoftwareDeploymentRecord[]> {
    return this.gate.exclusive(() => {
      const s = listDeploymentsStatement(query, bytewise);
      return (this.db.prepare(s.sql).all(...s.params) as DeploymentRow[]).map(deploymentFromRow);
    });
  }

  updateDeployment(id: string, change: Partial<Omit<SoftwareDeploymentRecord, "id" | "tenant">>): Promise<void> {
    return this.gate.exclusive(() => {
      const s = updateDeploymentStatement(id, change);
      if (s) this.db.prepare(s.sql).run(...s.params);
    });
  }

  deleteDeployment(id: string): Promise<void> {
    return this.gate.exclusive(() => {
      this.db.prepare(DELETE_DEPLOYMENT).run(id);
    });
  }
}
