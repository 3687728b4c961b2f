// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/noop
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface NoopConfig extends cdktf.TerraformMetaArguments {
  /**
  * Any value; mirrored to output.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/noop#input Noop#input}
  */
  readonly input?: { [key: string]: any };
  /**
  * Any value; a change replaces the instance.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/noop#triggers_replace Noop#triggers_replace}
  */
  readonly triggersReplace?: { [key: string]: any };
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/noop gantry_noop}
*/
export class Noop extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_noop";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Noop resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Noop to import
  * @param importFromId The id of the existing Noop that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/noop#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Noop to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_noop", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/noop gantry_noop} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options NoopConfig = {}
  */
  public constructor(scope: Construct, id: string, config: NoopConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'gantry_noop',
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
    this._input = config.input;
    this._triggersReplace = config.triggersReplace;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // input - computed: false, optional: true, required: false
  private _input?: { [key: string]: any }; 
  public get input() {
    return this.getAnyMapAttribute('input');
  }
  public set input(value: { [key: string]: any }) {
    this._input = value;
  }
  public resetInput() {
    this._input = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get inputInput() {
    return this._input;
  }

  // output - computed: true, optional: false, required: false
  private _output = new cdktf.AnyMap(this, "output");
  public get output() {
    return this._output;
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

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      input: cdktf.hashMapper(cdktf.anyToTerraform)(this._input),
      triggers_replace: cdktf.hashMapper(cdktf.anyToTerraform)(this._triggersReplace),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      input: {
        value: cdktf.hashMapperHcl(cdktf.anyToHclTerraform)(this._input),
        isBlock: false,
        type: "map",
        storageClassType: "anyMap",
      },
      triggers_replace: {
        value: cdktf.hashMapperHcl(cdktf.anyToHclTerraform)(this._triggersReplace),
        isBlock: false,
        type: "map",
        storageClassType: "anyMap",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
