// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ServiceConfig extends cdktf.TerraformMetaArguments {
  /**
  * Arguments.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#args Service#args}
  */
  readonly args?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * Program to run; with args it is executed directly, without args it is a /bin/sh command line.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#command Service#command}
  */
  readonly command: string;
  /**
  * Working directory as a host path (default: the host root).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#cwd Service#cwd}
  */
  readonly cwd?: string;
  /**
  * HAProxy servers that are this process: [{ host (the HAProxy's host), admin_socket, backend, server, timeout_ms (30000) }]. Before the process stops (a restart, state stopped, destroy) each is set to drain through HAProxy's admin socket and its sessions are waited out (at most timeout_ms); after a restart, once the process passes its health check, each takes requests again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#drain Service#drain}
  */
  readonly drain?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * Extra environment variables (HOST_ROOT, HOST_ADDRESS, HOST_NAME are always set).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#environment Service#environment}
  */
  readonly environment?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * { type: tcp|http|exec, port, path, command, expect_status, timeout_ms (2000), retries (30), interval_ms (500) }; port defaults to ports[0].
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#health_check Service#health_check}
  */
  readonly healthCheck?: ServiceHealthCheck;
  /**
  * The host to act on: a host resource's attributes, e.g. ${gantry_host.web}.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#host Service#host}
  */
  readonly host: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Process name on the host (pid file and log name). Defaults to the instance name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#name Service#name}
  */
  readonly name?: string;
  /**
  * Ports the process listens on (on the host's address).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#ports Service#ports}
  */
  readonly ports?: number[];
  /**
  * Signal that makes the process reload its configuration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#reload_signal Service#reload_signal}
  */
  readonly reloadSignal?: string;
  /**
  * Any value; when it changes (and nothing that needs a restart does), the process is sent reload_signal instead of being restarted (e.g. the checksum of its configuration).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#reload_triggers Service#reload_triggers}
  */
  readonly reloadTriggers?: { [key: string]: any };
  /**
  * Packages the program comes from. When one is not installed on the host, the service is not started, and plan, apply and show say so.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#requires_packages Service#requires_packages}
  */
  readonly requiresPackages?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * Any value; when it changes the process is restarted (e.g. the version of the package it runs from, so an upgrade restarts it).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#restart_triggers Service#restart_triggers}
  */
  readonly restartTriggers?: { [key: string]: any };
  /**
  * "running" or "stopped".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#state Service#state}
  */
  readonly state?: string;
}
export interface ServiceHealthCheck {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#command Service#command}
  */
  readonly command?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#expect Service#expect}
  */
  readonly expect?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#expect_status Service#expect_status}
  */
  readonly expectStatus?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#interval_ms Service#interval_ms}
  */
  readonly intervalMs?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#path Service#path}
  */
  readonly path?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#port Service#port}
  */
  readonly port?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#retries Service#retries}
  */
  readonly retries?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#send Service#send}
  */
  readonly send?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#timeout_ms Service#timeout_ms}
  */
  readonly timeoutMs?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#type Service#type}
  */
  readonly type?: string;
}

export function serviceHealthCheckToTerraform(struct?: ServiceHealthCheck | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    command: cdktf.stringToTerraform(struct!.command),
    expect: cdktf.stringToTerraform(struct!.expect),
    expect_status: cdktf.numberToTerraform(struct!.expectStatus),
    interval_ms: cdktf.numberToTerraform(struct!.intervalMs),
    path: cdktf.stringToTerraform(struct!.path),
    port: cdktf.numberToTerraform(struct!.port),
    retries: cdktf.numberToTerraform(struct!.retries),
    send: cdktf.stringToTerraform(struct!.send),
    timeout_ms: cdktf.numberToTerraform(struct!.timeoutMs),
    type: cdktf.stringToTerraform(struct!.type),
  }
}


export function serviceHealthCheckToHclTerraform(struct?: ServiceHealthCheck | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    command: {
      value: cdktf.stringToHclTerraform(struct!.command),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    expect: {
      value: cdktf.stringToHclTerraform(struct!.expect),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    expect_status: {
      value: cdktf.numberToHclTerraform(struct!.expectStatus),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    interval_ms: {
      value: cdktf.numberToHclTerraform(struct!.intervalMs),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    path: {
      value: cdktf.stringToHclTerraform(struct!.path),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    port: {
      value: cdktf.numberToHclTerraform(struct!.port),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    retries: {
      value: cdktf.numberToHclTerraform(struct!.retries),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    send: {
      value: cdktf.stringToHclTerraform(struct!.send),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    timeout_ms: {
      value: cdktf.numberToHclTerraform(struct!.timeoutMs),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    type: {
      value: cdktf.stringToHclTerraform(struct!.type),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ServiceHealthCheckOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ServiceHealthCheck | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._command !== undefined) {
      hasAnyValues = true;
      internalValueResult.command = this._command;
    }
    if (this._expect !== undefined) {
      hasAnyValues = true;
      internalValueResult.expect = this._expect;
    }
    if (this._expectStatus !== undefined) {
      hasAnyValues = true;
      internalValueResult.expectStatus = this._expectStatus;
    }
    if (this._intervalMs !== undefined) {
      hasAnyValues = true;
      internalValueResult.intervalMs = this._intervalMs;
    }
    if (this._path !== undefined) {
      hasAnyValues = true;
      internalValueResult.path = this._path;
    }
    if (this._port !== undefined) {
      hasAnyValues = true;
      internalValueResult.port = this._port;
    }
    if (this._retries !== undefined) {
      hasAnyValues = true;
      internalValueResult.retries = this._retries;
    }
    if (this._send !== undefined) {
      hasAnyValues = true;
      internalValueResult.send = this._send;
    }
    if (this._timeoutMs !== undefined) {
      hasAnyValues = true;
      internalValueResult.timeoutMs = this._timeoutMs;
    }
    if (this._type !== undefined) {
      hasAnyValues = true;
      internalValueResult.type = this._type;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ServiceHealthCheck | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._command = undefined;
      this._expect = undefined;
      this._expectStatus = undefined;
      this._intervalMs = undefined;
      this._path = undefined;
      this._port = undefined;
      this._retries = undefined;
      this._send = undefined;
      this._timeoutMs = undefined;
      this._type = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._command = value.command;
      this._expect = value.expect;
      this._expectStatus = value.expectStatus;
      this._intervalMs = value.intervalMs;
      this._path = value.path;
      this._port = value.port;
      this._retries = value.retries;
      this._send = value.send;
      this._timeoutMs = value.timeoutMs;
      this._type = value.type;
    }
  }

  // command - computed: false, optional: true, required: false
  private _command?: string; 
  public get command() {
    return this.getStringAttribute('command');
  }
  public set command(value: string) {
    this._command = value;
  }
  public resetCommand() {
    this._command = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get commandInput() {
    return this._command;
  }

  // expect - computed: false, optional: true, required: false
  private _expect?: string; 
  public get expect() {
    return this.getStringAttribute('expect');
  }
  public set expect(value: string) {
    this._expect = value;
  }
  public resetExpect() {
    this._expect = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get expectInput() {
    return this._expect;
  }

  // expect_status - computed: false, optional: true, required: false
  private _expectStatus?: number; 
  public get expectStatus() {
    return this.getNumberAttribute('expect_status');
  }
  public set expectStatus(value: number) {
    this._expectStatus = value;
  }
  public resetExpectStatus() {
    this._expectStatus = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get expectStatusInput() {
    return this._expectStatus;
  }

  // interval_ms - computed: false, optional: true, required: false
  private _intervalMs?: number; 
  public get intervalMs() {
    return this.getNumberAttribute('interval_ms');
  }
  public set intervalMs(value: number) {
    this._intervalMs = value;
  }
  public resetIntervalMs() {
    this._intervalMs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get intervalMsInput() {
    return this._intervalMs;
  }

  // path - computed: false, optional: true, required: false
  private _path?: string; 
  public get path() {
    return this.getStringAttribute('path');
  }
  public set path(value: string) {
    this._path = value;
  }
  public resetPath() {
    this._path = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get pathInput() {
    return this._path;
  }

  // port - computed: false, optional: true, required: false
  private _port?: number; 
  public get port() {
    return this.getNumberAttribute('port');
  }
  public set port(value: number) {
    this._port = value;
  }
  public resetPort() {
    this._port = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get portInput() {
    return this._port;
  }

  // retries - computed: false, optional: true, required: false
  private _retries?: number; 
  public get retries() {
    return this.getNumberAttribute('retries');
  }
  public set retries(value: number) {
    this._retries = value;
  }
  public resetRetries() {
    this._retries = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get retriesInput() {
    return this._retries;
  }

  // send - computed: false, optional: true, required: false
  private _send?: string; 
  public get send() {
    return this.getStringAttribute('send');
  }
  public set send(value: string) {
    this._send = value;
  }
  public resetSend() {
    this._send = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sendInput() {
    return this._send;
  }

  // timeout_ms - computed: false, optional: true, required: false
  private _timeoutMs?: number; 
  public get timeoutMs() {
    return this.getNumberAttribute('timeout_ms');
  }
  public set timeoutMs(value: number) {
    this._timeoutMs = value;
  }
  public resetTimeoutMs() {
    this._timeoutMs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutMsInput() {
    return this._timeoutMs;
  }

  // type - computed: false, optional: true, required: false
  private _type?: string; 
  public get type() {
    return this.getStringAttribute('type');
  }
  public set type(value: string) {
    this._type = value;
  }
  public resetType() {
    this._type = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get typeInput() {
    return this._type;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service gantry_service}
*/
export class Service extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_service";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Service resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Service to import
  * @param importFromId The id of the existing Service that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Service to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_service", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/service gantry_service} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ServiceConfig
  */
  public constructor(scope: Construct, id: string, config: ServiceConfig) {
    super(scope, id, {
      terraformResourceType: 'gantry_service',
      terraformGeneratorMetadata: {
        providerName: 'gantry'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._args = config.args;
    this._command = config.command;
    this._cwd = config.cwd;
    this._drain = config.drain;
    this._environment = config.environment;
    this._healthCheck.internalValue = config.healthCheck;
    this._host = config.host;
    this._name = config.name;
    this._ports = config.ports;
    this._reloadSignal = config.reloadSignal;
    this._reloadTriggers = config.reloadTriggers;
    this._requiresPackages = config.requiresPackages;
    this._restartTriggers = config.restartTriggers;
    this._state = config.state;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // args - computed: false, optional: true, required: false
  private _args?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get args() {
    return this.interpolationForAttribute('args');
  }
  public set args(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._args = value;
  }
  public resetArgs() {
    this._args = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get argsInput() {
    return this._args;
  }

  // blocked - computed: true, optional: false, required: false
  public get blocked() {
    return this.getStringAttribute('blocked');
  }

  // command - computed: false, optional: false, required: true
  private _command?: string; 
  public get command() {
    return this.getStringAttribute('command');
  }
  public set command(value: string) {
    this._command = value;
  }
  // Temporarily expose input value. Use with caution.
  public get commandInput() {
    return this._command;
  }

  // cwd - computed: false, optional: true, required: false
  private _cwd?: string; 
  public get cwd() {
    return this.getStringAttribute('cwd');
  }
  public set cwd(value: string) {
    this._cwd = value;
  }
  public resetCwd() {
    this._cwd = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get cwdInput() {
    return this._cwd;
  }

  // drain - computed: false, optional: true, required: false
  private _drain?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get drain() {
    return this.interpolationForAttribute('drain');
  }
  public set drain(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._drain = value;
  }
  public resetDrain() {
    this._drain = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get drainInput() {
    return this._drain;
  }

  // environment - computed: false, optional: true, required: false
  private _environment?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get environment() {
    return this.interpolationForAttribute('environment');
  }
  public set environment(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._environment = value;
  }
  public resetEnvironment() {
    this._environment = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get environmentInput() {
    return this._environment;
  }

  // health_check - computed: false, optional: true, required: false
  private _healthCheck = new ServiceHealthCheckOutputReference(this, "health_check");
  public get healthCheck() {
    return this._healthCheck;
  }
  public putHealthCheck(value: ServiceHealthCheck) {
    this._healthCheck.internalValue = value;
  }
  public resetHealthCheck() {
    this._healthCheck.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get healthCheckInput() {
    return this._healthCheck.internalValue;
  }

  // healthy - computed: true, optional: false, required: false
  public get healthy() {
    return this.getBooleanAttribute('healthy');
  }

  // host - computed: false, optional: false, required: true
  private _host?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get host() {
    return this.interpolationForAttribute('host');
  }
  public set host(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._host = value;
  }
  // Temporarily expose input value. Use with caution.
  public get hostInput() {
    return this._host;
  }

  // name - computed: true, optional: true, required: false
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  public resetName() {
    this._name = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // pid - computed: true, optional: false, required: false
  public get pid() {
    return this.getNumberAttribute('pid');
  }

  // ports - computed: false, optional: true, required: false
  private _ports?: number[]; 
  public get ports() {
    return this.getNumberListAttribute('ports');
  }
  public set ports(value: number[]) {
    this._ports = value;
  }
  public resetPorts() {
    this._ports = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get portsInput() {
    return this._ports;
  }

  // reload_signal - computed: false, optional: true, required: false
  private _reloadSignal?: string; 
  public get reloadSignal() {
    return this.getStringAttribute('reload_signal');
  }
  public set reloadSignal(value: string) {
    this._reloadSignal = value;
  }
  public resetReloadSignal() {
    this._reloadSignal = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get reloadSignalInput() {
    return this._reloadSignal;
  }

  // reload_triggers - computed: false, optional: true, required: false
  private _reloadTriggers?: { [key: string]: any }; 
  public get reloadTriggers() {
    return this.getAnyMapAttribute('reload_triggers');
  }
  public set reloadTriggers(value: { [key: string]: any }) {
    this._reloadTriggers = value;
  }
  public resetReloadTriggers() {
    this._reloadTriggers = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get reloadTriggersInput() {
    return this._reloadTriggers;
  }

  // requires_packages - computed: false, optional: true, required: false
  private _requiresPackages?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get requiresPackages() {
    return this.interpolationForAttribute('requires_packages');
  }
  public set requiresPackages(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._requiresPackages = value;
  }
  public resetRequiresPackages() {
    this._requiresPackages = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requiresPackagesInput() {
    return this._requiresPackages;
  }

  // restart_triggers - computed: false, optional: true, required: false
  private _restartTriggers?: { [key: string]: any }; 
  public get restartTriggers() {
    return this.getAnyMapAttribute('restart_triggers');
  }
  public set restartTriggers(value: { [key: string]: any }) {
    this._restartTriggers = value;
  }
  public resetRestartTriggers() {
    this._restartTriggers = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get restartTriggersInput() {
    return this._restartTriggers;
  }

  // started_at - computed: true, optional: false, required: false
  public get startedAt() {
    return this.getStringAttribute('started_at');
  }

  // state - computed: false, optional: true, required: false
  private _state?: string; 
  public get state() {
    return this.getStringAttribute('state');
  }
  public set state(value: string) {
    this._state = value;
  }
  public resetState() {
    this._state = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get stateInput() {
    return this._state;
  }

  // status - computed: true, optional: false, required: false
  public get status() {
    return this.getStringAttribute('status');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      args: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._args),
      command: cdktf.stringToTerraform(this._command),
      cwd: cdktf.stringToTerraform(this._cwd),
      drain: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._drain),
      environment: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._environment),
      health_check: serviceHealthCheckToTerraform(this._healthCheck.internalValue),
      host: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._host),
      name: cdktf.stringToTerraform(this._name),
      ports: cdktf.listMapper(cdktf.numberToTerraform, false)(this._ports),
      reload_signal: cdktf.stringToTerraform(this._reloadSignal),
      reload_triggers: cdktf.hashMapper(cdktf.anyToTerraform)(this._reloadTriggers),
      requires_packages: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._requiresPackages),
      restart_triggers: cdktf.hashMapper(cdktf.anyToTerraform)(this._restartTriggers),
      state: cdktf.stringToTerraform(this._state),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      args: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._args),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      command: {
        value: cdktf.stringToHclTerraform(this._command),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      cwd: {
        value: cdktf.stringToHclTerraform(this._cwd),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      drain: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._drain),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      environment: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._environment),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      health_check: {
        value: serviceHealthCheckToHclTerraform(this._healthCheck.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ServiceHealthCheck",
      },
      host: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._host),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ports: {
        value: cdktf.listMapperHcl(cdktf.numberToHclTerraform, false)(this._ports),
        isBlock: false,
        type: "list",
        storageClassType: "numberList",
      },
      reload_signal: {
        value: cdktf.stringToHclTerraform(this._reloadSignal),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      reload_triggers: {
        value: cdktf.hashMapperHcl(cdktf.anyToHclTerraform)(this._reloadTriggers),
        isBlock: false,
        type: "map",
        storageClassType: "anyMap",
      },
      requires_packages: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._requiresPackages),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      restart_triggers: {
        value: cdktf.hashMapperHcl(cdktf.anyToHclTerraform)(this._restartTriggers),
        isBlock: false,
        type: "map",
        storageClassType: "anyMap",
      },
      state: {
        value: cdktf.stringToHclTerraform(this._state),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
