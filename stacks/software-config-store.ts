// Heat's software configs and deployments (the `/software_configs` and
// `/software_deployments` API, and the configs OS::Heat::SoftwareConfig
// creates): records of their own beside the stacks, behind one small
// interface. A config is immutable once created; a deployment ties a config
// to a server id and carries the status the server reports.

/** One input of a config (Heat's software_config_io: name, type, default, description, replace_on_change). */
export type SoftwareConfigIo = Record<string, unknown>;

export interface SoftwareConfigRecord {
  id: string;
  tenant: string;
  name: string | null;
  group: string | null;
  /** The configuration itself: a script (text) or, for a structured config, any JSON. */
  config: unknown;
  inputs: SoftwareConfigIo[];
  outputs: SoftwareConfigIo[];
  options: Record<string, unknown>;
  createdAt: string;
  /** The stack whose OS::Heat::SoftwareConfig resource made it (none: made through the API). */
  stackId?: string;
}

export interface SoftwareDeploymentRecord {
  id: string;
  tenant: string;
  serverId: string;
  configId: string;
  inputValues: Record<string, unknown>;
  outputValues: Record<string, unknown> | null;
  action: string | null;
  status: string | null;
  statusReason: string;
  createdAt: string;
  updatedAt?: string;
}

export interface SoftwareConfigQuery {
  /** Only this tenant's (undefined: every tenant's, for an admin). */
  tenant?: string;
  limit?: number;
  /** The id of the last config of the previous page. */
  marker?: string;
}

export interface SoftwareConfigStore {
  insertConfig(config: SoftwareConfigRecord): Promise<void>;
  getConfig(id: string): Promise<SoftwareConfigRecord | undefined>;
  /** Newest first (Heat's default order: created_at descending, then id). */
  listConfigs(query: SoftwareConfigQuery): Promise<SoftwareConfigRecord[]>;
  /** The ids of the configs a stack's resources made. */
  configsOfStack(stackId: string): Promise<string[]>;
  /** Deletes the config; throws SoftwareConfigInUseError when a deployment refers to it. */
  deleteConfig(id: string): Promise<void>;

  insertDeployment(deployment: SoftwareDeploymentRecord): Promise<void>;
  getDeployment(id: string): Promise<SoftwareDeploymentRecord | undefined>;
  /** Oldest first (Heat's order: created_at), of the tenant (undefined: all), of one server when given. */
  listDeployments(query: { tenant?: string; serverId?: string }): Promise<SoftwareDeploymentRecord[]>;
  updateDeployment(id: string, change: Partial<Omit<SoftwareDeploymentRecord, "id" | "tenant">>): Promise<void>;
  deleteDeployment(id: string): Promise<void>;
}

export class SoftwareConfigInUseError extends Error {
  constructor(readonly configId: string) {
    super(`Software config with id ${configId} can not be deleted as it is referenced.`);
    this.name = "SoftwareConfigInUseError";
  }
}
