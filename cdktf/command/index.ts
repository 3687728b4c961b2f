// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface CommandConfig extends cdktf.TerraformMetaArguments {
  /**
  * Shell command (/bin/sh -c, cwd = host root).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#command Command#command}
  */
  readonly command: string;
  /**
  * Host path; the command is skipped when it exists, and re-run when it disappears.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#creates Command#creates}
  */
  readonly creates?: string;
  /**
  * Shell command run when the instance is destroyed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#destroy_command Command#destroy_command}
  */
  readonly destroyCommand?: string;
  /**
  * Extra environment variables.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#environment Command#environment}
  */
  readonly environment?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * The host to act on: a host resource's attributes, e.g. ${gantry_host.web}.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#host Command#host}
  */
  readonly host: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Time limit per command run.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#timeout_seconds Command#timeout_seconds}
  */
  readonly timeoutSeconds?: number;
  /**
  * Any value; a change re-runs the command (replaces the instance).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#triggers_replace Command#triggers_replace}
  */
  readonly triggersReplace?: { [key: string]: any };
  /**
  * Guard command; the command is skipped when this exits 0.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#unless Command#unless}
  */
  readonly unless?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command gantry_command}
*/
export class Command extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_command";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Command resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Command to import
  * @param importFromId The id of the existing Command that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Command to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_command", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/command gantry_command} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options CommandConfig
  */
  public constructor(scope: Construct, id: string, config: CommandConfig) {
    super(scope, id, {
      terraformResourceType: 'gantry_command',
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
    this._command = config.command;
    this._creates = config.creates;
    this._destroyCommand = config.destroyCommand;
    this._environment = config.environment;
    this._host = config.host;
    this._timeoutSeconds = config.timeoutSeconds;
    this._triggersReplace = config.triggersReplace;
    this._unless = config.unless;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // creates - computed: false, optional: true, required: false
  private _creates?: string; 
  public get creates() {
    return this.getStringAttribute('creates');
  }
  public set creates(value: string) {
    this._creates = value;
  }
  public resetCreates() {
    this._creates = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createsInput() {
    return this._creates;
  }

  // destroy_command - computed: false, optional: true, required: false
  private _destroyCommand?: string; 
  public get destroyCommand() {
    return this.getStringAttribute('destroy_command');
  }
  public set destroyCommand(value: string) {
    this._destroyCommand = value;
  }
  public resetDestroyCommand() {
    this._destroyCommand = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get destroyCommandInput() {
    return this._destroyCommand;
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

  // exit_code - computed: true, optional: false, required: false
  public get exitCode() {
    return this.getNumberAttribute('exit_code');
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

  // ran - computed: true, optional: false, required: false
  public get ran() {
    return this.getBooleanAttribute('ran');
  }

  // stdout - computed: true, optional: false, required: false
  public get stdout() {
    return this.getStringAttribute('stdout');
  }

  // timeout_seconds - computed: false, optional: true, required: false
  private _timeoutSeconds?: number; 
  public get timeoutSeconds() {
    return this.getNumberAttribute('timeout_seconds');
  }
  public set timeoutSeconds(value: number) {
    this._timeoutSeconds = value;
  }
  public resetTimeoutSeconds() {
    this._timeoutSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutSecondsInput() {
    return this._timeoutSeconds;
  }

  // triggers_replace - computed: false, optional: true, required: false
  private _triggersReplace?: { [key: string]: any }; 
  public get triggersReplace() {
    return this.getAnyMapAttribute('triggers_replace');
  }
  public set triggersReplace(value: { [key: string]: any }) {
    this._triggersReplace = value;
  }
  public resetTriggersReplace() {
    this._triggersReplace = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get triggersReplaceInput() {
    return this._triggersReplace;
  }

  // unless - computed: false, optional: true, required: false
  private _unless?: string; 
  public get unless() {
    return this.getStringAttribute('unless');
  }
  public set unless(value: string) {
    this._unless = value;
  }
  public resetUnless() {
    this._unless = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get unlessInput() {
    return this._unless;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      command: cdktf.stringToTerraform(this._command),
      creates: cdktf.stringToTerraform(this._creates),
      destroy_command: cdktf.stringToTerraform(this._destroyCommand),
      environment: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._environment),
      host: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._host),
      timeout_seconds: cdktf.numberToTerraform(this._timeoutSeconds),
      triggers_replace: cdktf.hashMapper(cdktf.anyToTerraform)(this._triggersReplace),
      unless: cdktf.stringToTerraform(this._unless),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      command: {
        value: cdktf.stringToHclTerraform(this._command),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      creates: {
        value: cdktf.stringToHclTerraform(this._creates),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      destroy_command: {
        value: cdktf.stringToHclTerraform(this._destroyCommand),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      environment: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._environment),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      host: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._host),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      timeout_seconds: {
        value: cdktf.numberToHclTerraform(this._timeoutSeconds),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      triggers_replace: {
        value: cdktf.hashMapperHcl(cdktf.anyToHclTerraform)(this._triggersReplace),
        isBlock: false,
        type: "map",
        storageClassType: "anyMap",
      },
      unless: {
        value: cdktf.stringToHclTerraform(this._unless),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
