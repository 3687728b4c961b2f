// Heat's software config and deployment operations (heat/engine/
// service_software_config.py): configs are created whole and never changed;
// their inputs and outputs are checked and completed with Heat's defaults
// (type String, error_output false); deployments tie a config to a server
// and carry whatever action, status and outputs their caller reports. A
// record of another tenant is not found, unless the caller is an admin.

import { randomUUID } from "node:crypto";
import { HeatError } from "./heat-error.js";
import type { Caller } from "./stack-operations.js";
import {
  SoftwareConfigInUseError,
  type SoftwareConfigIo,
  type SoftwareConfigRecord,
  type SoftwareConfigStore,
  type SoftwareDeploymentRecord,
} from "./software-config-store.js";

/** The types an input or output may have (software_config_io.TYPES). */
const IO_TYPES = ["String", "Number", "CommaDelimitedList", "Json", "Boolean"];

export interface NewSoftwareConfig {
  name?: unknown;
  group?: unknown;
  config?: unknown;
  inputs?: unknown;
  outputs?: unknown;
  options?: unknown;
}

export interface SoftwareDeploymentChange {
  config_id?: unknown;
  server_id?: unknown;
  input_values?: unknown;
  output_values?: unknown;
  action?: unknown;
  status?: unknown;
  status_reason?: unknown;
}

export class SoftwareConfigService {
  constructor(
    readonly store: SoftwareConfigStore,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async createConfig(
    caller: Caller,
    body: NewSoftwareConfig,
    id: string = randomUUID(),
  ): Promise<SoftwareConfigRecord> {
    const record: SoftwareConfigRecord = {
      id,
      tenant: caller.tenant,
      name: optionalText(body.name, "name"),
      group: optionalText(body.group, "group"),
      config: body.config ?? null,
      inputs: ioList(body.inputs, "inputs").map((io) => checkedIo(io, "inputs")),
      outputs: ioList(body.outputs, "outputs").map((io) => checkedIo(io, "outputs")),
      options: optionalMap(body.options, "options") ?? {},
      createdAt: this.now(),
    };
    await this.store.insertConfig(record);
    return record;
  }

  async showConfig(caller: Caller, id: string): Promise<SoftwareConfigRecord> {
    const config = await this.store.getConfig(id);
    if (!config || !visible(caller, config.tenant)) throw configNotFound(id);
    return config;
  }

  listConfigs(caller: Caller, query: { limit?: number; marker?: string }): Promise<SoftwareConfigRecord[]> {
    return this.store.listConfigs({ ...query, ...(!isAdmin(caller) && { tenant: caller.tenant }) });
  }

  async deleteConfig(caller: Caller, id: string): Promise<void> {
    await this.showConfig(caller, id);
    try {
      await this.store.deleteConfig(id);
    } catch (e) {
      // Heat 19 answers 500 (InvalidRestrictedAction is not in its fault map); a 400 says it is the request's fault
      if (e instanceof SoftwareConfigInUseError) throw new HeatError(400, "InvalidRestrictedAction", e.message);
      throw e;
    }
  }

  async createDeployment(caller: Caller, body: SoftwareDeploymentChange): Promise<SoftwareDeploymentRecord> {
    const serverId = optionalText(body.server_id, "server_id");
    if (serverId === null) throw badRequest("server_id must be specified");
    const configId = optionalText(body.config_id, "config_id");
    if (configId === null) throw badRequest("config_id must be specified");
    await this.configOfDeployment(caller, configId);
    const record: SoftwareDeploymentRecord = {
      id: randomUUID(),
      tenant: caller.tenant,
      serverId,
      configId,
      inputValues: optionalMap(body.input_values, "input_values") ?? {},
      outputValues: null,
      action: optionalText(body.action, "action"),
      status: optionalText(body.status, "status"),
      // Heat stores str(status_reason): "None" when none is given
      statusReason:
        body.status_reason === undefined || body.status_reason === null ? "None" : String(body.status_reason),
      createdAt: this.now(),
    };
    await this.store.insertDeployment(record);
    return record;
  }

  async showDeployment(caller: Caller, id: string): Promise<SoftwareDeploymentRecord> {
    const deployment = await this.store.getDeployment(id);
    if (!deployment || !visible(caller, deployment.tenant)) throw deploymentNotFound(id);
    return deployment;
  }

  listDeployments(caller: Caller, serverId?: string): Promise<SoftwareDeploymentRecord[]> {
    return this.store.listDeployments({
      ...(!isAdmin(caller) && { tenant: caller.tenant }),
      ...(serverId && { serverId }),
    });
  }

  /** Heat's update: only the fields given with a value change; the update time is now. */
  async updateDeployment(
    caller: Caller,
    id: string,
    body: SoftwareDeploymentChange,
  ): Promise<SoftwareDeploymentRecord> {
    const current = await this.showDeployment(caller, id);
    const configId = optionalText(body.config_id, "config_id");
    if (configId) await this.configOfDeployment(caller, configId);
    const inputValues = optionalMap(body.input_values, "input_values");
    const outputValues = optionalMap(body.output_values, "output_values");
    const action = optionalText(body.action, "action");
    const status = optionalText(body.status, "status");
    const change: Partial<SoftwareDeploymentRecord> = {
      ...(configId && { configId }),
      ...(inputValues && Object.keys(inputValues).length > 0 && { inputValues }),
      ...(outputValues && Object.keys(outputValues).length > 0 && { outputValues }),
      ...(action && { action }),
      ...(status && { status }),
      ...(typeof body.status_reason === "string" && body.status_reason && { statusReason: body.status_reason }),
      updatedAt: this.now(),
    };
    await this.store.updateDeployment(id, change);
    return { ...current, ...change };
  }

  async deleteDeployment(caller: Caller, id: string): Promise<void> {
    await this.showDeployment(caller, id);
    await this.store.deleteDeployment(id);
  }

  /** The configs deployed to a server, by config name (Heat's deployment metadata of a server). */
  async serverMetadata(caller: Caller, serverId: string): Promise<SoftwareConfigRecord[]> {
    const configs: SoftwareConfigRecord[] = [];
    for (const d of await this.listDeployments(caller, serverId)) {
      const c = await this.store.getConfig(d.configId);
      if (c) configs.push(c);
    }
    // Python's sort by name: stable, None never compared here as Heat would fail on it; unnamed ones first
    return configs.sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "en"));
  }

  private async configOfDeployment(caller: Caller, configId: string): Promise<SoftwareConfigRecord> {
    const config = await this.store.getConfig(configId);
    // Heat 19 answers 400 (an AttributeError, without a message): the request names a config that is not there
    if (!config || !visible(caller, config.tenant)) {
      throw new HeatError(400, "NotFound", `Software config with id ${configId} not found`);
    }
    return config;
  }
}

function isAdmin(caller: Caller): boolean {
  return caller.roles.includes("admin");
}

function visible(caller: Caller, tenant: string): boolean {
  return isAdmin(caller) || caller.tenant === tenant;
}

function configNotFound(id: string): HeatError {
  return new HeatError(404, "NotFound", `Software config with id ${id} not found`);
}

function deploymentNotFound(id: string): HeatError {
  return new HeatError(404, "NotFound", `Deployment with id ${id} not found`);
}

function badRequest(message: string): HeatError {
  return new HeatError(400, "HTTPBadRequest", message);
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw badRequest(`"${field}" must be a string, not ${JSON.stringify(value)}`);
  return value;
}

function optionalMap(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest(`"${field}" must be a map`);
  return value as Record<string, unknown>;
}

function ioList(value: unknown, field: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "object" || v === null || Array.isArray(v))) {
    throw badRequest(`"${field}" must be a list of maps`);
  }
  return value as Record<string, unknown>[];
}

/** An input or output with Heat's defaults filled in (type String; error_output false for outputs). */
export function checkedIo(io: Record<string, unknown>, field: "inputs" | "outputs"): SoftwareConfigIo {
  const known =
    field === "inputs"
      ? ["name", "description", "type", "default", "replace_on_change", "value"]
      : ["name", "description", "type", "error_output"];
  for (const key of Object.keys(io)) {
    if (!known.includes(key)) throw badRequest(`${field}: Unknown Property ${key}`);
  }
  if (typeof io.name !== "string") throw badRequest(`${field}: Property name not assigned`);
  const type = io.type ?? "String";
  if (typeof type !== "string" || !IO_TYPES.includes(type)) {
    throw badRequest(`${field}.${io.name}: Property type: "${String(type)}" is not an allowed value [${IO_TYPES}]`);
  }
  const out: SoftwareConfigIo = { name: io.name };
  if (io.description !== undefined && io.description !== null) out.description = io.description;
  out.type = type;
  if (field === "inputs") {
    if (io.default !== undefined && io.default !== null) out.default = io.default;
    if (io.replace_on_change === true) out.replace_on_change = true;
    if (io.value !== undefined) out.value = io.value;
  } else {
    out.error_output = io.error_output === true;
  }
  return out;
}
