// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface PackageResourceConfig extends cdktf.TerraformMetaArguments {
  /**
  * The host to act on: a host resource's attributes, e.g. ${gantry_host.web}.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package#host PackageResource#host}
  */
  readonly host: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * "fail" (default): a package that cannot be installed fails the apply. "skip": record it as not installed, say so, and go on (services that require it are not started).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package#if_unavailable PackageResource#if_unavailable}
  */
  readonly ifUnavailable?: string;
  /**
  * Debian package name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package#name PackageResource#name}
  */
  readonly name: string;
  /**
  * Purge the package when the resource is destroyed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package#purge_on_destroy PackageResource#purge_on_destroy}
  */
  readonly purgeOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Packages that must already be installed on the host; when one is not, this package is skipped (with if_unavailable: skip) or fails.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package#requires_packages PackageResource#requires_packages}
  */
  readonly requiresPackages?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * Debian version to install (apt's name=version); a trailing "*" matches any version with that prefix (e.g. "1.0.1-*"); any version when unset.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package#version PackageResource#version}
  */
  readonly version?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package gantry_package}
*/
export class PackageResource extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_package";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a PackageResource resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the PackageResource to import
  * @param importFromId The id of the existing PackageResource that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the PackageResource to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_package", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/package gantry_package} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options PackageResourceConfig
  */
  public constructor(scope: Construct, id: string, config: PackageResourceConfig) {
    super(scope, id, {
      terraformResourceType: 'gantry_package',
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
    this._host = config.host;
    this._ifUnavailable = config.ifUnavailable;
    this._name = config.name;
    this._purgeOnDestroy = config.purgeOnDestroy;
    this._requiresPackages = config.requiresPackages;
    this._version = config.version;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // if_unavailable - computed: false, optional: true, required: false
  private _ifUnavailable?: string; 
  public get ifUnavailable() {
    return this.getStringAttribute('if_unavailable');
  }
  public set ifUnavailable(value: string) {
    this._ifUnavailable = value;
  }
  public resetIfUnavailable() {
    this._ifUnavailable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ifUnavailableInput() {
    return this._ifUnavailable;
  }

  // installed_version - computed: true, optional: false, required: false
  public get installedVersion() {
    return this.getStringAttribute('installed_version');
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // purge_on_destroy - computed: false, optional: true, required: false
  private _purgeOnDestroy?: boolean | cdktf.IResolvable; 
  public get purgeOnDestroy() {
    return this.getBooleanAttribute('purge_on_destroy');
  }
  public set purgeOnDestroy(value: boolean | cdktf.IResolvable) {
    this._purgeOnDestroy = value;
  }
  public resetPurgeOnDestroy() {
    this._purgeOnDestroy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get purgeOnDestroyInput() {
    return this._purgeOnDestroy;
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

  // skipped - computed: true, optional: false, required: false
  public get skipped() {
    return this.getStringAttribute('skipped');
  }

  // version - computed: false, optional: true, required: false
  private _version?: string; 
  public get version() {
    return this.getStringAttribute('version');
  }
  public set version(value: string) {
    this._version = value;
  }
  public resetVersion() {
    this._version = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get versionInput() {
    return this._version;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      host: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._host),
      if_unavailable: cdktf.stringToTerraform(this._ifUnavailable),
      name: cdktf.stringToTerraform(this._name),
      purge_on_destroy: cdktf.booleanToTerraform(this._purgeOnDestroy),
      requires_packages: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._requiresPackages),
      version: cdktf.stringToTerraform(this._version),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      host: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._host),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      if_unavailable: {
        value: cdktf.stringToHclTerraform(this._ifUnavailable),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      purge_on_destroy: {
        value: cdktf.booleanToHclTerraform(this._purgeOnDestroy),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      requires_packages: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._requiresPackages),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      version: {
        value: cdktf.stringToHclTerraform(this._version),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
