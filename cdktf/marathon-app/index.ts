// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface MarathonAppConfig extends cdktf.TerraformMetaArguments {
  /**
  * The app definition JSON as sent to POST /v2/apps (id, cmd or container, instances, cpus, mem, ...). A change of `id` replaces the app. Only the fields set here are compared with the live app.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app#definition MarathonApp#definition}
  */
  readonly definition: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * How long to wait for a deployment, and how long to retry while the app is locked by another deployment.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app#deployment_timeout_seconds MarathonApp#deployment_timeout_seconds}
  */
  readonly deploymentTimeoutSeconds?: number;
  /**
  * Marathon base URLs (e.g. http://master1:8080), tried in order; the next one is used when one cannot be reached.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app#endpoints MarathonApp#endpoints}
  */
  readonly endpoints: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * When the app is still locked by another deployment after deployment_timeout_seconds: update with PUT ?force=true, delete after cancelling the locking deployment(s) (DELETE /v2/deployments/{id}?force=true).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app#force MarathonApp#force}
  */
  readonly force?: boolean | cdktf.IResolvable;
  /**
  * Wait until Marathon's deployment of a change has finished.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app#wait_for_deployment MarathonApp#wait_for_deployment}
  */
  readonly waitForDeployment?: boolean | cdktf.IResolvable;
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app gantry_marathon_app}
*/
export class MarathonApp extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_marathon_app";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a MarathonApp resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the MarathonApp to import
  * @param importFromId The id of the existing MarathonApp that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the MarathonApp to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_marathon_app", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/marathon_app gantry_marathon_app} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options MarathonAppConfig
  */
  public constructor(scope: Construct, id: string, config: MarathonAppConfig) {
    super(scope, id, {
      terraformResourceType: 'gantry_marathon_app',
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
    this._definition = config.definition;
    this._deploymentTimeoutSeconds = config.deploymentTimeoutSeconds;
    this._endpoints = config.endpoints;
    this._force = config.force;
    this._waitForDeployment = config.waitForDeployment;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // definition - computed: false, optional: false, required: true
  private _definition?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get definition() {
    return this.interpolationForAttribute('definition');
  }
  public set definition(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._definition = value;
  }
  // Temporarily expose input value. Use with caution.
  public get definitionInput() {
    return this._definition;
  }

  // deployment_id - computed: true, optional: false, required: false
  public get deploymentId() {
    return this.getStringAttribute('deployment_id');
  }

  // deployment_timeout_seconds - computed: false, optional: true, required: false
  private _deploymentTimeoutSeconds?: number; 
  public get deploymentTimeoutSeconds() {
    return this.getNumberAttribute('deployment_timeout_seconds');
  }
  public set deploymentTimeoutSeconds(value: number) {
    this._deploymentTimeoutSeconds = value;
  }
  public resetDeploymentTimeoutSeconds() {
    this._deploymentTimeoutSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deploymentTimeoutSecondsInput() {
    return this._deploymentTimeoutSeconds;
  }

  // endpoints - computed: false, optional: false, required: true
  private _endpoints?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get endpoints() {
    return this.interpolationForAttribute('endpoints');
  }
  public set endpoints(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._endpoints = value;
  }
  // Temporarily expose input value. Use with caution.
  public get endpointsInput() {
    return this._endpoints;
  }

  // force - computed: false, optional: true, required: false
  private _force?: boolean | cdktf.IResolvable; 
  public get force() {
    return this.getBooleanAttribute('force');
  }
  public set force(value: boolean | cdktf.IResolvable) {
    this._force = value;
  }
  public resetForce() {
    this._force = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get forceInput() {
    return this._force;
  }

  // tasks - computed: true, optional: false, required: false
  private _tasks = new cdktf.AnyMapList(this, "tasks", false);
  public get tasks() {
    return this._tasks;
  }

  // version - computed: true, optional: false, required: false
  public get version() {
    return this.getStringAttribute('version');
  }

  // wait_for_deployment - computed: false, optional: true, required: false
  private _waitForDeployment?: boolean | cdktf.IResolvable; 
  public get waitForDeployment() {
    return this.getBooleanAttribute('wait_for_deployment');
  }
  public set waitForDeployment(value: boolean | cdktf.IResolvable) {
    this._waitForDeployment = value;
  }
  public resetWaitForDeployment() {
    this._waitForDeployment = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get waitForDeploymentInput() {
    return this._waitForDeployment;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      definition: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._definition),
      deployment_timeout_seconds: cdktf.numberToTerraform(this._deploymentTimeoutSeconds),
      endpoints: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._endpoints),
      force: cdktf.booleanToTerraform(this._force),
      wait_for_deployment: cdktf.booleanToTerraform(this._waitForDeployment),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      definition: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._definition),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      deployment_timeout_seconds: {
        value: cdktf.numberToHclTerraform(this._deploymentTimeoutSeconds),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      endpoints: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._endpoints),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      force: {
        value: cdktf.booleanToHclTerraform(this._force),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      wait_for_deployment: {
        value: cdktf.booleanToHclTerraform(this._waitForDeployment),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
