// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/chronos_job
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ChronosJobConfig extends cdktf.TerraformMetaArguments {
  /**
  * Path prefix of the job API: "/v1" for Chronos 3 (the documented paths, /v1/scheduler/...), "" for Chronos 2 (/scheduler/...).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/chronos_job#api_prefix ChronosJob#api_prefix}
  */
  readonly apiPrefix?: string;
  /**
  * Chronos base URLs (e.g. http://master1:4400), tried in order; the next one is used when one cannot be reached.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/chronos_job#endpoints ChronosJob#endpoints}
  */
  readonly endpoints: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * The job JSON: name (a change replaces the job), command, and either schedule (R[n]/<start>/<period>) or parents, plus optional fields (shell, retries, cpus, mem, disk, owner, container, environmentVariables, constraints, ...). Only the fields set here are compared with the live job.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/chronos_job#job ChronosJob#job}
  */
  readonly job: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/chronos_job gantry_chronos_job}
*/
export class ChronosJob extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_chronos_job";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a ChronosJob resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ChronosJob to import
  * @param importFromId The id of the existing ChronosJob that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/chronos_job#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ChronosJob to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_chronos_job", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/chronos_job gantry_chronos_job} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ChronosJobConfig
  */
  public constructor(scope: Construct, id: string, config: ChronosJobConfig) {
    super(scope, id, {
      terraformResourceType: 'gantry_chronos_job',
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
    this._apiPrefix = config.apiPrefix;
    this._endpoints = config.endpoints;
    this._job = config.job;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // api_prefix - computed: false, optional: true, required: false
  private _apiPrefix?: string; 
  public get apiPrefix() {
    return this.getStringAttribute('api_prefix');
  }
  public set apiPrefix(value: string) {
    this._apiPrefix = value;
  }
  public resetApiPrefix() {
    this._apiPrefix = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get apiPrefixInput() {
    return this._apiPrefix;
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

  // job - computed: false, optional: false, required: true
  private _job?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get job() {
    return this.interpolationForAttribute('job');
  }
  public set job(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._job = value;
  }
  // Temporarily expose input value. Use with caution.
  public get jobInput() {
    return this._job;
  }

  // last_error - computed: true, optional: false, required: false
  public get lastError() {
    return this.getStringAttribute('last_error');
  }

  // last_success - computed: true, optional: false, required: false
  public get lastSuccess() {
    return this.getStringAttribute('last_success');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      api_prefix: cdktf.stringToTerraform(this._apiPrefix),
      endpoints: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._endpoints),
      job: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._job),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      api_prefix: {
        value: cdktf.stringToHclTerraform(this._apiPrefix),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      endpoints: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._endpoints),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      job: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._job),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
