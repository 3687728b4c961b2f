// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface HostConfig extends cdktf.TerraformMetaArguments {
  /**
  * ssh: first contact: add an unknown host's key to known_hosts_file (a changed key is still refused).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#accept_new_host_key Host#accept_new_host_key}
  */
  readonly acceptNewHostKey?: boolean | cdktf.IResolvable;
  /**
  * IPv4 address services bind (local: loopback 127.x.y.z; default derived from the name in 127.77.0.0/16; ssh: the address gantry connects to, required).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#address Host#address}
  */
  readonly address?: string;
  /**
  * ssh: longest a command may run (default 30 minutes; 0: no limit).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#command_timeout_ms Host#command_timeout_ms}
  */
  readonly commandTimeoutMs?: number;
  /**
  * ssh: connect timeout (default 15000).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#connect_timeout_ms Host#connect_timeout_ms}
  */
  readonly connectTimeoutMs?: number;
  /**
  * Host driver: "local", "ssh", "sim".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#driver Host#driver}
  */
  readonly driver: string;
  /**
  * ssh: a bastion to connect through, user@address:port (same key and known_hosts).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#jump_host Host#jump_host}
  */
  readonly jumpHost?: string;
  /**
  * ssh: known_hosts file the host's key is pinned in (default ~/.ssh/known_hosts).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#known_hosts_file Host#known_hosts_file}
  */
  readonly knownHostsFile?: string;
  /**
  * ssh: channels open at once on the host's one connection (default 8; sshd allows 10).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#max_sessions Host#max_sessions}
  */
  readonly maxSessions?: number;
  /**
  * Host name (default: the instance name).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#name Host#name}
  */
  readonly name?: string;
  /**
  * Driver options (sim: latency_ms, fail_ops, unavailable, available, packages).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#options Host#options}
  */
  readonly options?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * ssh: sshd's port (default 22).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#port Host#port}
  */
  readonly port?: number;
  /**
  * ssh: private key file to log in with (default: the ssh agent at SSH_AUTH_SOCK).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#private_key_file Host#private_key_file}
  */
  readonly privateKeyFile?: string;
  /**
  * Root directory of the host's filesystem (local: default <dataDir>/hosts/<instance name>; ssh: default /).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#root Host#root}
  */
  readonly root?: string;
  /**
  * ssh: run everything through `sudo -n` (default: when user is not root).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#sudo Host#sudo}
  */
  readonly sudo?: boolean | cdktf.IResolvable;
  /**
  * ssh: the user to log in as (default root).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#user Host#user}
  */
  readonly user?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host gantry_host}
*/
export class Host extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_host";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Host resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Host to import
  * @param importFromId The id of the existing Host that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Host to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_host", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/host gantry_host} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options HostConfig
  */
  public constructor(scope: Construct, id: string, config: HostConfig) {
    super(scope, id, {
      terraformResourceType: 'gantry_host',
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
    this._acceptNewHostKey = config.acceptNewHostKey;
    this._address = config.address;
    this._commandTimeoutMs = config.commandTimeoutMs;
    this._connectTimeoutMs = config.connectTimeoutMs;
    this._driver = config.driver;
    this._jumpHost = config.jumpHost;
    this._knownHostsFile = config.knownHostsFile;
    this._maxSessions = config.maxSessions;
    this._name = config.name;
    this._options = config.options;
    this._port = config.port;
    this._privateKeyFile = config.privateKeyFile;
    this._root = config.root;
    this._sudo = config.sudo;
    this._user = config.user;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // accept_new_host_key - computed: false, optional: true, required: false
  private _acceptNewHostKey?: boolean | cdktf.IResolvable; 
  public get acceptNewHostKey() {
    return this.getBooleanAttribute('accept_new_host_key');
  }
  public set acceptNewHostKey(value: boolean | cdktf.IResolvable) {
    this._acceptNewHostKey = value;
  }
  public resetAcceptNewHostKey() {
    this._acceptNewHostKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get acceptNewHostKeyInput() {
    return this._acceptNewHostKey;
  }

  // address - computed: true, optional: true, required: false
  private _address?: string; 
  public get address() {
    return this.getStringAttribute('address');
  }
  public set address(value: string) {
    this._address = value;
  }
  public resetAddress() {
    this._address = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addressInput() {
    return this._address;
  }

  // command_timeout_ms - computed: false, optional: true, required: false
  private _commandTimeoutMs?: number; 
  public get commandTimeoutMs() {
    return this.getNumberAttribute('command_timeout_ms');
  }
  public set commandTimeoutMs(value: number) {
    this._commandTimeoutMs = value;
  }
  public resetCommandTimeoutMs() {
    this._commandTimeoutMs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get commandTimeoutMsInput() {
    return this._commandTimeoutMs;
  }

  // connect_timeout_ms - computed: false, optional: true, required: false
  private _connectTimeoutMs?: number; 
  public get connectTimeoutMs() {
    return this.getNumberAttribute('connect_timeout_ms');
  }
  public set connectTimeoutMs(value: number) {
    this._connectTimeoutMs = value;
  }
  public resetConnectTimeoutMs() {
    this._connectTimeoutMs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get connectTimeoutMsInput() {
    return this._connectTimeoutMs;
  }

  // driver - computed: false, optional: false, required: true
  private _driver?: string; 
  public get driver() {
    return this.getStringAttribute('driver');
  }
  public set driver(value: string) {
    this._driver = value;
  }
  // Temporarily expose input value. Use with caution.
  public get driverInput() {
    return this._driver;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // jump_host - computed: false, optional: true, required: false
  private _jumpHost?: string; 
  public get jumpHost() {
    return this.getStringAttribute('jump_host');
  }
  public set jumpHost(value: string) {
    this._jumpHost = value;
  }
  public resetJumpHost() {
    this._jumpHost = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get jumpHostInput() {
    return this._jumpHost;
  }

  // known_hosts_file - computed: false, optional: true, required: false
  private _knownHostsFile?: string; 
  public get knownHostsFile() {
    return this.getStringAttribute('known_hosts_file');
  }
  public set knownHostsFile(value: string) {
    this._knownHostsFile = value;
  }
  public resetKnownHostsFile() {
    this._knownHostsFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get knownHostsFileInput() {
    return this._knownHostsFile;
  }

  // max_sessions - computed: false, optional: true, required: false
  private _maxSessions?: number; 
  public get maxSessions() {
    return this.getNumberAttribute('max_sessions');
  }
  public set maxSessions(value: number) {
    this._maxSessions = value;
  }
  public resetMaxSessions() {
    this._maxSessions = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxSessionsInput() {
    return this._maxSessions;
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

  // options - computed: false, optional: true, required: false
  private _options?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get options() {
    return this.interpolationForAttribute('options');
  }
  public set options(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._options = value;
  }
  public resetOptions() {
    this._options = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get optionsInput() {
    return this._options;
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

  // private_key_file - computed: false, optional: true, required: false
  private _privateKeyFile?: string; 
  public get privateKeyFile() {
    return this.getStringAttribute('private_key_file');
  }
  public set privateKeyFile(value: string) {
    this._privateKeyFile = value;
  }
  public resetPrivateKeyFile() {
    this._privateKeyFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get privateKeyFileInput() {
    return this._privateKeyFile;
  }

  // root - computed: true, optional: true, required: false
  private _root?: string; 
  public get root() {
    return this.getStringAttribute('root');
  }
  public set root(value: string) {
    this._root = value;
  }
  public resetRoot() {
    this._root = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rootInput() {
    return this._root;
  }

  // sudo - computed: false, optional: true, required: false
  private _sudo?: boolean | cdktf.IResolvable; 
  public get sudo() {
    return this.getBooleanAttribute('sudo');
  }
  public set sudo(value: boolean | cdktf.IResolvable) {
    this._sudo = value;
  }
  public resetSudo() {
    this._sudo = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sudoInput() {
    return this._sudo;
  }

  // user - computed: false, optional: true, required: false
  private _user?: string; 
  public get user() {
    return this.getStringAttribute('user');
  }
  public set user(value: string) {
    this._user = value;
  }
  public resetUser() {
    this._user = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get userInput() {
    return this._user;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      accept_new_host_key: cdktf.booleanToTerraform(this._acceptNewHostKey),
      address: cdktf.stringToTerraform(this._address),
      command_timeout_ms: cdktf.numberToTerraform(this._commandTimeoutMs),
      connect_timeout_ms: cdktf.numberToTerraform(this._connectTimeoutMs),
      driver: cdktf.stringToTerraform(this._driver),
      jump_host: cdktf.stringToTerraform(this._jumpHost),
      known_hosts_file: cdktf.stringToTerraform(this._knownHostsFile),
      max_sessions: cdktf.numberToTerraform(this._maxSessions),
      name: cdktf.stringToTerraform(this._name),
      options: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._options),
      port: cdktf.numberToTerraform(this._port),
      private_key_file: cdktf.stringToTerraform(this._privateKeyFile),
      root: cdktf.stringToTerraform(this._root),
      sudo: cdktf.booleanToTerraform(this._sudo),
      user: cdktf.stringToTerraform(this._user),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      accept_new_host_key: {
        value: cdktf.booleanToHclTerraform(this._acceptNewHostKey),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      address: {
        value: cdktf.stringToHclTerraform(this._address),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      command_timeout_ms: {
        value: cdktf.numberToHclTerraform(this._commandTimeoutMs),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      connect_timeout_ms: {
        value: cdktf.numberToHclTerraform(this._connectTimeoutMs),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      driver: {
        value: cdktf.stringToHclTerraform(this._driver),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      jump_host: {
        value: cdktf.stringToHclTerraform(this._jumpHost),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      known_hosts_file: {
        value: cdktf.stringToHclTerraform(this._knownHostsFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      max_sessions: {
        value: cdktf.numberToHclTerraform(this._maxSessions),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      options: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._options),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      port: {
        value: cdktf.numberToHclTerraform(this._port),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      private_key_file: {
        value: cdktf.stringToHclTerraform(this._privateKeyFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      root: {
        value: cdktf.stringToHclTerraform(this._root),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sudo: {
        value: cdktf.booleanToHclTerraform(this._sudo),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      user: {
        value: cdktf.stringToHclTerraform(this._user),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
