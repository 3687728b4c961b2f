// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ClusterConfig extends cdktf.TerraformMetaArguments {
  /**
  * Distro name and version from the distro manifest.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#distro Cluster#distro}
  */
  readonly distro?: ClusterDistro;
  /**
  * Node name → host name, as placed (kept stable across plans).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#placement Cluster#placement}
  */
  readonly placement?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Service endpoints: zookeeper, mesos, marathon, chronos, haproxy.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#endpoints Cluster#endpoints}
  */
  readonly endpoints?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Node name → ZooKeeper id (myid), kept stable across plans.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#zookeeper_ids Cluster#zookeeper_ids}
  */
  readonly zookeeperIds?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * App task → { host, port } where gantry runs it in place of Marathon, kept stable across plans.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#tasks Cluster#tasks}
  */
  readonly tasks?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * ZooKeeper path of the Mesos masters (default /mesos).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#zk_path Cluster#zk_path}
  */
  readonly zkPath?: string;
  /**
  * Who runs the apps: marathon or processes.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#app_runner Cluster#app_runner}
  */
  readonly appRunner?: string;
  /**
  * The hosts the node groups are placed on.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#hosts Cluster#hosts}
  */
  readonly hosts?: ClusterHosts[] | cdktf.IResolvable;
  /**
  * Generated hosts: driver, count, prefix, cpus, memory_mb, address_start.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#host_pool Cluster#host_pool}
  */
  readonly hostPool?: { [key: string]: any };
  /**
  * Node groups: name, roles, instances, placement ...
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#node_groups Cluster#node_groups}
  */
  readonly nodeGroups?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * Marathon app definitions.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#apps Cluster#apps}
  */
  readonly apps?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * Chronos jobs.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#jobs Cluster#jobs}
  */
  readonly jobs?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * HAProxy routes: app, service_port, mode.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#routes Cluster#routes}
  */
  readonly routes?: { [key: string]: any }[] | cdktf.IResolvable;
}
export interface ClusterDistro {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#version Cluster#version}
  */
  readonly version?: string;
}

export function clusterDistroToTerraform(struct?: ClusterDistro | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    name: cdktf.stringToTerraform(struct!.name),
    version: cdktf.stringToTerraform(struct!.version),
  }
}


export function clusterDistroToHclTerraform(struct?: ClusterDistro | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    version: {
      value: cdktf.stringToHclTerraform(struct!.version),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterDistroOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ClusterDistro | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._version !== undefined) {
      hasAnyValues = true;
      internalValueResult.version = this._version;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterDistro | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._name = undefined;
      this._version = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._name = value.name;
      this._version = value.version;
    }
  }

  // name - computed: false, optional: true, required: false
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
}
export interface ClusterHosts {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#address Cluster#address}
  */
  readonly address?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#driver Cluster#driver}
  */
  readonly driver?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#cpus Cluster#cpus}
  */
  readonly cpus?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#memory_mb Cluster#memory_mb}
  */
  readonly memoryMb?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#rack Cluster#rack}
  */
  readonly rack?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#root Cluster#root}
  */
  readonly root?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#options Cluster#options}
  */
  readonly options?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
}

export function clusterHostsToTerraform(struct?: ClusterHosts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    name: cdktf.stringToTerraform(struct!.name),
    address: cdktf.stringToTerraform(struct!.address),
    driver: cdktf.stringToTerraform(struct!.driver),
    cpus: cdktf.numberToTerraform(struct!.cpus),
    memory_mb: cdktf.numberToTerraform(struct!.memoryMb),
    rack: cdktf.stringToTerraform(struct!.rack),
    root: cdktf.stringToTerraform(struct!.root),
    options: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(struct!.options),
  }
}


export function clusterHostsToHclTerraform(struct?: ClusterHosts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    address: {
      value: cdktf.stringToHclTerraform(struct!.address),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    driver: {
      value: cdktf.stringToHclTerraform(struct!.driver),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    cpus: {
      value: cdktf.numberToHclTerraform(struct!.cpus),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    memory_mb: {
      value: cdktf.numberToHclTerraform(struct!.memoryMb),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    rack: {
      value: cdktf.stringToHclTerraform(struct!.rack),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    root: {
      value: cdktf.stringToHclTerraform(struct!.root),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    options: {
      value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(struct!.options),
      isBlock: false,
      type: "map",
      storageClassType: "anyMapMap",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterHostsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): ClusterHosts | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._address !== undefined) {
      hasAnyValues = true;
      internalValueResult.address = this._address;
    }
    if (this._driver !== undefined) {
      hasAnyValues = true;
      internalValueResult.driver = this._driver;
    }
    if (this._cpus !== undefined) {
      hasAnyValues = true;
      internalValueResult.cpus = this._cpus;
    }
    if (this._memoryMb !== undefined) {
      hasAnyValues = true;
      internalValueResult.memoryMb = this._memoryMb;
    }
    if (this._rack !== undefined) {
      hasAnyValues = true;
      internalValueResult.rack = this._rack;
    }
    if (this._root !== undefined) {
      hasAnyValues = true;
      internalValueResult.root = this._root;
    }
    if (this._options !== undefined) {
      hasAnyValues = true;
      internalValueResult.options = this._options;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterHosts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._name = undefined;
      this._address = undefined;
      this._driver = undefined;
      this._cpus = undefined;
      this._memoryMb = undefined;
      this._rack = undefined;
      this._root = undefined;
      this._options = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._name = value.name;
      this._address = value.address;
      this._driver = value.driver;
      this._cpus = value.cpus;
      this._memoryMb = value.memoryMb;
      this._rack = value.rack;
      this._root = value.root;
      this._options = value.options;
    }
  }

  // name - computed: false, optional: true, required: false
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

  // address - computed: false, optional: true, required: false
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

  // driver - computed: false, optional: true, required: false
  private _driver?: string; 
  public get driver() {
    return this.getStringAttribute('driver');
  }
  public set driver(value: string) {
    this._driver = value;
  }
  public resetDriver() {
    this._driver = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get driverInput() {
    return this._driver;
  }

  // cpus - computed: false, optional: true, required: false
  private _cpus?: number; 
  public get cpus() {
    return this.getNumberAttribute('cpus');
  }
  public set cpus(value: number) {
    this._cpus = value;
  }
  public resetCpus() {
    this._cpus = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get cpusInput() {
    return this._cpus;
  }

  // memory_mb - computed: false, optional: true, required: false
  private _memoryMb?: number; 
  public get memoryMb() {
    return this.getNumberAttribute('memory_mb');
  }
  public set memoryMb(value: number) {
    this._memoryMb = value;
  }
  public resetMemoryMb() {
    this._memoryMb = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get memoryMbInput() {
    return this._memoryMb;
  }

  // rack - computed: false, optional: true, required: false
  private _rack?: string; 
  public get rack() {
    return this.getStringAttribute('rack');
  }
  public set rack(value: string) {
    this._rack = value;
  }
  public resetRack() {
    this._rack = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rackInput() {
    return this._rack;
  }

  // root - computed: false, optional: true, required: false
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
}

export class ClusterHostsList extends cdktf.ComplexList {
  public internalValue? : ClusterHosts[] | cdktf.IResolvable

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): ClusterHostsOutputReference {
    return new ClusterHostsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster gantry_cluster}
*/
export class Cluster extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "gantry_cluster";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Cluster resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Cluster to import
  * @param importFromId The id of the existing Cluster that should be imported. Refer to the {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Cluster to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "gantry_cluster", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster gantry_cluster} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ClusterConfig = {}
  */
  public constructor(scope: Construct, id: string, config: ClusterConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'gantry_cluster',
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
    this._distro.internalValue = config.distro;
    this._placement = config.placement;
    this._endpoints = config.endpoints;
    this._zookeeperIds = config.zookeeperIds;
    this._tasks = config.tasks;
    this._zkPath = config.zkPath;
    this._appRunner = config.appRunner;
    this._hosts.internalValue = config.hosts;
    this._hostPool = config.hostPool;
    this._nodeGroups = config.nodeGroups;
    this._apps = config.apps;
    this._jobs = config.jobs;
    this._routes = config.routes;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // distro - computed: false, optional: true, required: false
  private _distro = new ClusterDistroOutputReference(this, "distro");
  public get distro() {
    return this._distro;
  }
  public putDistro(value: ClusterDistro) {
    this._distro.internalValue = value;
  }
  public resetDistro() {
    this._distro.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get distroInput() {
    return this._distro.internalValue;
  }

  // placement - computed: false, optional: true, required: false
  private _placement?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get placement() {
    return this.interpolationForAttribute('placement');
  }
  public set placement(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._placement = value;
  }
  public resetPlacement() {
    this._placement = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get placementInput() {
    return this._placement;
  }

  // endpoints - computed: false, optional: true, required: false
  private _endpoints?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get endpoints() {
    return this.interpolationForAttribute('endpoints');
  }
  public set endpoints(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._endpoints = value;
  }
  public resetEndpoints() {
    this._endpoints = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get endpointsInput() {
    return this._endpoints;
  }

  // zookeeper_ids - computed: false, optional: true, required: false
  private _zookeeperIds?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get zookeeperIds() {
    return this.interpolationForAttribute('zookeeper_ids');
  }
  public set zookeeperIds(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._zookeeperIds = value;
  }
  public resetZookeeperIds() {
    this._zookeeperIds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get zookeeperIdsInput() {
    return this._zookeeperIds;
  }

  // tasks - computed: false, optional: true, required: false
  private _tasks?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get tasks() {
    return this.interpolationForAttribute('tasks');
  }
  public set tasks(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._tasks = value;
  }
  public resetTasks() {
    this._tasks = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tasksInput() {
    return this._tasks;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // zk_path - computed: false, optional: true, required: false
  private _zkPath?: string; 
  public get zkPath() {
    return this.getStringAttribute('zk_path');
  }
  public set zkPath(value: string) {
    this._zkPath = value;
  }
  public resetZkPath() {
    this._zkPath = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get zkPathInput() {
    return this._zkPath;
  }

  // app_runner - computed: false, optional: true, required: false
  private _appRunner?: string; 
  public get appRunner() {
    return this.getStringAttribute('app_runner');
  }
  public set appRunner(value: string) {
    this._appRunner = value;
  }
  public resetAppRunner() {
    this._appRunner = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get appRunnerInput() {
    return this._appRunner;
  }

  // hosts - computed: false, optional: true, required: false
  private _hosts = new ClusterHostsList(this, "hosts", false);
  public get hosts() {
    return this._hosts;
  }
  public putHosts(value: ClusterHosts[] | cdktf.IResolvable) {
    this._hosts.internalValue = value;
  }
  public resetHosts() {
    this._hosts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostsInput() {
    return this._hosts.internalValue;
  }

  // host_pool - computed: false, optional: true, required: false
  private _hostPool?: { [key: string]: any }; 
  public get hostPool() {
    return this.getAnyMapAttribute('host_pool');
  }
  public set hostPool(value: { [key: string]: any }) {
    this._hostPool = value;
  }
  public resetHostPool() {
    this._hostPool = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostPoolInput() {
    return this._hostPool;
  }

  // node_groups - computed: false, optional: true, required: false
  private _nodeGroups?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get nodeGroups() {
    return this.interpolationForAttribute('node_groups');
  }
  public set nodeGroups(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._nodeGroups = value;
  }
  public resetNodeGroups() {
    this._nodeGroups = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nodeGroupsInput() {
    return this._nodeGroups;
  }

  // apps - computed: false, optional: true, required: false
  private _apps?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get apps() {
    return this.interpolationForAttribute('apps');
  }
  public set apps(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._apps = value;
  }
  public resetApps() {
    this._apps = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get appsInput() {
    return this._apps;
  }

  // jobs - computed: false, optional: true, required: false
  private _jobs?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get jobs() {
    return this.interpolationForAttribute('jobs');
  }
  public set jobs(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._jobs = value;
  }
  public resetJobs() {
    this._jobs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get jobsInput() {
    return this._jobs;
  }

  // routes - computed: false, optional: true, required: false
  private _routes?: { [key: string]: any }[] | cdktf.IResolvable; 
  public get routes() {
    return this.interpolationForAttribute('routes');
  }
  public set routes(value: { [key: string]: any }[] | cdktf.IResolvable) {
    this._routes = value;
  }
  public resetRoutes() {
    this._routes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get routesInput() {
    return this._routes;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      distro: clusterDistroToTerraform(this._distro.internalValue),
      placement: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._placement),
      endpoints: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._endpoints),
      zookeeper_ids: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._zookeeperIds),
      tasks: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._tasks),
      zk_path: cdktf.stringToTerraform(this._zkPath),
      app_runner: cdktf.stringToTerraform(this._appRunner),
      hosts: cdktf.listMapper(clusterHostsToTerraform, false)(this._hosts.internalValue),
      host_pool: cdktf.hashMapper(cdktf.anyToTerraform)(this._hostPool),
      node_groups: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._nodeGroups),
      apps: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._apps),
      jobs: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._jobs),
      routes: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._routes),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      distro: {
        value: clusterDistroToHclTerraform(this._distro.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ClusterDistro",
      },
      placement: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._placement),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      endpoints: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._endpoints),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      zookeeper_ids: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._zookeeperIds),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      tasks: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._tasks),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      zk_path: {
        value: cdktf.stringToHclTerraform(this._zkPath),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      app_runner: {
        value: cdktf.stringToHclTerraform(this._appRunner),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      hosts: {
        value: cdktf.listMapperHcl(clusterHostsToHclTerraform, false)(this._hosts.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ClusterHostsList",
      },
      host_pool: {
        value: cdktf.hashMapperHcl(cdktf.anyToHclTerraform)(this._hostPool),
        isBlock: false,
        type: "map",
        storageClassType: "anyMap",
      },
      node_groups: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._nodeGroups),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      apps: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._apps),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      jobs: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._jobs),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      routes: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._routes),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
