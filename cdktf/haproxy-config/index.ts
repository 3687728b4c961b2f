// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface HaproxyConfigConfig extends cdktf.TerraformMetaArguments {
  /**
  * Host path of HAProxy's admin socket (e.g. /run/haproxy/admin.sock): the runtime API, through which servers that a new configuration drops are drained before it is put in place, and which hands the listening sockets to the new process on a reload (`expose-fd listeners`). None by default.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#admin_socket HaproxyConfig#admin_socket}
  */
  readonly adminSocket?: string;
  /**
  * [{ id, service_port, mode: http|tcp, tasks: [{ host, port }] or Marathon's [{ host, ports }] with port_index, health_check_path, vhost }] — one frontend/backend per app service port.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#apps HaproxyConfig#apps}
  */
  readonly apps: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * Address the app frontends bind (default: every address).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#bind_address HaproxyConfig#bind_address}
  */
  readonly bindAddress?: string;
  /**
  * How the candidate file is checked on the host; {} is replaced by its path.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#check_command HaproxyConfig#check_command}
  */
  readonly checkCommand?: string;
  /**
  * How long to wait for the sessions of servers being dropped to end (with admin_socket) before going on.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#drain_timeout_ms HaproxyConfig#drain_timeout_ms}
  */
  readonly drainTimeoutMs?: number;
  /**
  * The host to act on: a host resource's attributes, e.g. ${gantry_host.web}.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#host HaproxyConfig#host}
  */
  readonly host: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * "syslog" (/dev/log, as packaged) or "stdout" (for a process gantry runs and whose output it keeps).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#log HaproxyConfig#log}
  */
  readonly log?: string;
  /**
  * Host path of haproxy.cfg.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#path HaproxyConfig#path}
  */
  readonly path?: string;
  /**
  * Address of the stats listener.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#stats_bind_address HaproxyConfig#stats_bind_address}
  */
  readonly statsBindAddress?: string;
  /**
  * Port of the stats listener.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#stats_port HaproxyConfig#stats_port}
  */
  readonly statsPort?: number;
  /**
  * "marathon-lb" (frontend/backend pairs) or "bridge" (haproxy-marathon-bridge listen blocks).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#style HaproxyConfig#style}
  */
  readonly style?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config gantry_haproxy_config}
*/
export class HaproxyConfig extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_haproxy_config";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a HaproxyConfig resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the HaproxyConfig to import
  * @param importFromId The id of the existing HaproxyConfig that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the HaproxyConfig to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_haproxy_config", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/haproxy_config gantry_haproxy_config} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options HaproxyConfigConfig
  */
  public constructor(scope: Construct, id: string, config: HaproxyConfigConfig) {
    super(scope, id, {
      terraformResourceType: 'gantry_haproxy_config',
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
    this._adminSocket = config.adminSocket;
    this._apps = config.apps;
    this._bindAddress = config.bindAddress;
    this._checkCommand = config.checkCommand;
    this._drainTimeoutMs = config.drainTimeoutMs;
    this._host = config.host;
    this._log = config.log;
    this._path = config.path;
    this._statsBindAddress = config.statsBindAddress;
    this._statsPort = config.statsPort;
    this._style = config.style;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // admin_socket - computed: false, optional: true, required: false
  private _adminSocket?: string; 
  public get adminSocket() {
    return this.getStringAttribute('admin_socket');
  }
  public set adminSocket(value: string) {
    this._adminSocket = value;
  }
  public resetAdminSocket() {
    this._adminSocket = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get adminSocketInput() {
    return this._adminSocket;
  }

  // apps - computed: false, optional: false, required: true
  private _apps?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get apps() {
    return this.interpolationForAttribute('apps');
  }
  public set apps(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._apps = value;
  }
  // Temporarily expose input value. Use with caution.
  public get appsInput() {
    return this._apps;
  }

  // bind_address - computed: false, optional: true, required: false
  private _bindAddress?: string; 
  public get bindAddress() {
    return this.getStringAttribute('bind_address');
  }
  public set bindAddress(value: string) {
    this._bindAddress = value;
  }
  public resetBindAddress() {
    this._bindAddress = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bindAddressInput() {
    return this._bindAddress;
  }

  // check_command - computed: false, optional: true, required: false
  private _checkCommand?: string; 
  public get checkCommand() {
    return this.getStringAttribute('check_command');
  }
  public set checkCommand(value: string) {
    this._checkCommand = value;
  }
  public resetCheckCommand() {
    this._checkCommand = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get checkCommandInput() {
    return this._checkCommand;
  }

  // content - computed: true, optional: false, required: false
  public get content() {
    return this.getStringAttribute('content');
  }

  // drain_timeout_ms - computed: false, optional: true, required: false
  private _drainTimeoutMs?: number; 
  public get drainTimeoutMs() {
    return this.getNumberAttribute('drain_timeout_ms');
  }
  public set drainTimeoutMs(value: number) {
    this._drainTimeoutMs = value;
  }
  public resetDrainTimeoutMs() {
    this._drainTimeoutMs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get drainTimeoutMsInput() {
    return this._drainTimeoutMs;
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

  // log - computed: false, optional: true, required: false
  private _log?: string; 
  public get log() {
    return this.getStringAttribute('log');
  }
  public set log(value: string) {
    this._log = value;
  }
  public resetLog() {
    this._log = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get logInput() {
    return this._log;
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

  // sha256 - computed: true, optional: false, required: false
  public get sha256() {
    return this.getStringAttribute('sha256');
  }

  // stats_bind_address - computed: false, optional: true, required: false
  private _statsBindAddress?: string; 
  public get statsBindAddress() {
    return this.getStringAttribute('stats_bind_address');
  }
  public set statsBindAddress(value: string) {
    this._statsBindAddress = value;
  }
  public resetStatsBindAddress() {
    this._statsBindAddress = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get statsBindAddressInput() {
    return this._statsBindAddress;
  }

  // stats_port - computed: false, optional: true, required: false
  private _statsPort?: number; 
  public get statsPort() {
    return this.getNumberAttribute('stats_port');
  }
  public set statsPort(value: number) {
    this._statsPort = value;
  }
  public resetStatsPort() {
    this._statsPort = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get statsPortInput() {
    return this._statsPort;
  }

  // style - computed: false, optional: true, required: false
  private _style?: string; 
  public get style() {
    return this.getStringAttribute('style');
  }
  public set style(value: string) {
    this._style = value;
  }
  public resetStyle() {
    this._style = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get styleInput() {
    return this._style;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      admin_socket: cdktf.stringToTerraform(this._adminSocket),
      apps: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._apps),
      bind_address: cdktf.stringToTerraform(this._bindAddress),
      check_command: cdktf.stringToTerraform(this._checkCommand),
      drain_timeout_ms: cdktf.numberToTerraform(this._drainTimeoutMs),
      host: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._host),
      log: cdktf.stringToTerraform(this._log),
      path: cdktf.stringToTerraform(this._path),
      stats_bind_address: cdktf.stringToTerraform(this._statsBindAddress),
      stats_port: cdktf.numberToTerraform(this._statsPort),
      style: cdktf.stringToTerraform(this._style),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      admin_socket: {
        value: cdktf.stringToHclTerraform(this._adminSocket),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      apps: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._apps),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      bind_address: {
        value: cdktf.stringToHclTerraform(this._bindAddress),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      check_command: {
        value: cdktf.stringToHclTerraform(this._checkCommand),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      drain_timeout_ms: {
        value: cdktf.numberToHclTerraform(this._drainTimeoutMs),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      host: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._host),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      log: {
        value: cdktf.stringToHclTerraform(this._log),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      path: {
        value: cdktf.stringToHclTerraform(this._path),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      stats_bind_address: {
        value: cdktf.stringToHclTerraform(this._statsBindAddress),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      stats_port: {
        value: cdktf.numberToHclTerraform(this._statsPort),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      style: {
        value: cdktf.stringToHclTerraform(this._style),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
