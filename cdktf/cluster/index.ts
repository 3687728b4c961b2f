// https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ClusterConfig extends cdktf.TerraformMetaArguments {
  /**
  * Who runs the apps: marathon, or processes gantry starts on the agents.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#app_runner Cluster#app_runner}
  */
  readonly appRunner?: string;
  /**
  * Marathon app definitions (each with an id).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#apps Cluster#apps}
  */
  readonly apps?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * The distro to run, { name, version } from the distro manifest; the record adds the entry in use (Mesos, Marathon, Chronos, ZooKeeper versions, repositories, packages).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#distro Cluster#distro}
  */
  readonly distro?: ClusterDistro;
  /**
  * Distro entries added to or overriding the manifest's, by name and version.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#distros Cluster#distros}
  */
  readonly distros?: ClusterDistros[] | cdktf.IResolvable;
  /**
  * Service endpoints: zookeeper, mesos, marathon, chronos, haproxy.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#endpoints Cluster#endpoints}
  */
  readonly endpoints?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Host → why it was marked failed (lost, or replaced with -replace-host): left out of placement until `gantry host readmit`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#failed_hosts Cluster#failed_hosts}
  */
  readonly failedHosts?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Generated hosts: count hosts named <prefix><n> from 1, addresses counting up.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#host_pools Cluster#host_pools}
  */
  readonly hostPools?: ClusterHostPools[] | cdktf.IResolvable;
  /**
  * The hosts the node groups are placed on.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#hosts Cluster#hosts}
  */
  readonly hosts?: ClusterHosts[] | cdktf.IResolvable;
  /**
  * Chronos jobs (each with a name, a command and a schedule or parents).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#jobs Cluster#jobs}
  */
  readonly jobs?: { [key: string]: any }[] | cdktf.IResolvable;
  /**
  * Node groups: roles, instances, size and placement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#node_groups Cluster#node_groups}
  */
  readonly nodeGroups?: ClusterNodeGroups[] | cdktf.IResolvable;
  /**
  * Node name → host name, as placed (kept stable across plans).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#placement Cluster#placement}
  */
  readonly placement?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Where HAProxy exposes apps' service ports.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#routes Cluster#routes}
  */
  readonly routes?: ClusterRoutes[] | cdktf.IResolvable;
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
  * Node name → ZooKeeper id (myid), kept stable across plans.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#zookeeper_ids Cluster#zookeeper_ids}
  */
  readonly zookeeperIds?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
}
export interface ClusterDistroRepositories {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#line Cluster#line}
  */
  readonly line?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#provides Cluster#provides}
  */
  readonly provides?: string[];
}

export function clusterDistroRepositoriesToTerraform(struct?: ClusterDistroRepositories | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    line: cdktf.stringToTerraform(struct!.line),
    name: cdktf.stringToTerraform(struct!.name),
    provides: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.provides),
  }
}


export function clusterDistroRepositoriesToHclTerraform(struct?: ClusterDistroRepositories | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    line: {
      value: cdktf.stringToHclTerraform(struct!.line),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    provides: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.provides),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterDistroRepositoriesOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ClusterDistroRepositories | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._line !== undefined) {
      hasAnyValues = true;
      internalValueResult.line = this._line;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._provides !== undefined) {
      hasAnyValues = true;
      internalValueResult.provides = this._provides;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterDistroRepositories | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._line = undefined;
      this._name = undefined;
      this._provides = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._line = value.line;
      this._name = value.name;
      this._provides = value.provides;
    }
  }

  // line - computed: false, optional: true, required: false
  private _line?: string; 
  public get line() {
    return this.getStringAttribute('line');
  }
  public set line(value: string) {
    this._line = value;
  }
  public resetLine() {
    this._line = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get lineInput() {
    return this._line;
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

  // provides - computed: false, optional: true, required: false
  private _provides?: string[]; 
  public get provides() {
    return this.getListAttribute('provides');
  }
  public set provides(value: string[]) {
    this._provides = value;
  }
  public resetProvides() {
    this._provides = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get providesInput() {
    return this._provides;
  }
}

export class ClusterDistroRepositoriesList extends cdktf.ComplexList {
  public internalValue? : ClusterDistroRepositories[] | cdktf.IResolvable

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
  public get(index: number): ClusterDistroRepositoriesOutputReference {
    return new ClusterDistroRepositoriesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ClusterDistro {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#chronos Cluster#chronos}
  */
  readonly chronos?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#chronos_api_prefix Cluster#chronos_api_prefix}
  */
  readonly chronosApiPrefix?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#marathon Cluster#marathon}
  */
  readonly marathon?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#mesos Cluster#mesos}
  */
  readonly mesos?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#packages Cluster#packages}
  */
  readonly packages?: { [key: string]: string };
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#repositories Cluster#repositories}
  */
  readonly repositories?: ClusterDistroRepositories[] | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#version Cluster#version}
  */
  readonly version?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#zookeeper Cluster#zookeeper}
  */
  readonly zookeeper?: string;
}

export function clusterDistroToTerraform(struct?: ClusterDistro | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    chronos: cdktf.stringToTerraform(struct!.chronos),
    chronos_api_prefix: cdktf.stringToTerraform(struct!.chronosApiPrefix),
    marathon: cdktf.stringToTerraform(struct!.marathon),
    mesos: cdktf.stringToTerraform(struct!.mesos),
    name: cdktf.stringToTerraform(struct!.name),
    packages: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.packages),
    repositories: cdktf.listMapper(clusterDistroRepositoriesToTerraform, false)(struct!.repositories),
    version: cdktf.stringToTerraform(struct!.version),
    zookeeper: cdktf.stringToTerraform(struct!.zookeeper),
  }
}


export function clusterDistroToHclTerraform(struct?: ClusterDistro | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    chronos: {
      value: cdktf.stringToHclTerraform(struct!.chronos),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    chronos_api_prefix: {
      value: cdktf.stringToHclTerraform(struct!.chronosApiPrefix),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    marathon: {
      value: cdktf.stringToHclTerraform(struct!.marathon),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    mesos: {
      value: cdktf.stringToHclTerraform(struct!.mesos),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    packages: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.packages),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    repositories: {
      value: cdktf.listMapperHcl(clusterDistroRepositoriesToHclTerraform, false)(struct!.repositories),
      isBlock: true,
      type: "list",
      storageClassType: "ClusterDistroRepositoriesList",
    },
    version: {
      value: cdktf.stringToHclTerraform(struct!.version),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    zookeeper: {
      value: cdktf.stringToHclTerraform(struct!.zookeeper),
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
    if (this._chronos !== undefined) {
      hasAnyValues = true;
      internalValueResult.chronos = this._chronos;
    }
    if (this._chronosApiPrefix !== undefined) {
      hasAnyValues = true;
      internalValueResult.chronosApiPrefix = this._chronosApiPrefix;
    }
    if (this._marathon !== undefined) {
      hasAnyValues = true;
      internalValueResult.marathon = this._marathon;
    }
    if (this._mesos !== undefined) {
      hasAnyValues = true;
      internalValueResult.mesos = this._mesos;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._packages !== undefined) {
      hasAnyValues = true;
      internalValueResult.packages = this._packages;
    }
    if (this._repositories?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.repositories = this._repositories?.internalValue;
    }
    if (this._version !== undefined) {
      hasAnyValues = true;
      internalValueResult.version = this._version;
    }
    if (this._zookeeper !== undefined) {
      hasAnyValues = true;
      internalValueResult.zookeeper = this._zookeeper;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterDistro | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._chronos = undefined;
      this._chronosApiPrefix = undefined;
      this._marathon = undefined;
      this._mesos = undefined;
      this._name = undefined;
      this._packages = undefined;
      this._repositories.internalValue = undefined;
      this._version = undefined;
      this._zookeeper = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._chronos = value.chronos;
      this._chronosApiPrefix = value.chronosApiPrefix;
      this._marathon = value.marathon;
      this._mesos = value.mesos;
      this._name = value.name;
      this._packages = value.packages;
      this._repositories.internalValue = value.repositories;
      this._version = value.version;
      this._zookeeper = value.zookeeper;
    }
  }

  // chronos - computed: false, optional: true, required: false
  private _chronos?: string; 
  public get chronos() {
    return this.getStringAttribute('chronos');
  }
  public set chronos(value: string) {
    this._chronos = value;
  }
  public resetChronos() {
    this._chronos = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get chronosInput() {
    return this._chronos;
  }

  // chronos_api_prefix - computed: false, optional: true, required: false
  private _chronosApiPrefix?: string; 
  public get chronosApiPrefix() {
    return this.getStringAttribute('chronos_api_prefix');
  }
  public set chronosApiPrefix(value: string) {
    this._chronosApiPrefix = value;
  }
  public resetChronosApiPrefix() {
    this._chronosApiPrefix = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get chronosApiPrefixInput() {
    return this._chronosApiPrefix;
  }

  // marathon - computed: false, optional: true, required: false
  private _marathon?: string; 
  public get marathon() {
    return this.getStringAttribute('marathon');
  }
  public set marathon(value: string) {
    this._marathon = value;
  }
  public resetMarathon() {
    this._marathon = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get marathonInput() {
    return this._marathon;
  }

  // mesos - computed: false, optional: true, required: false
  private _mesos?: string; 
  public get mesos() {
    return this.getStringAttribute('mesos');
  }
  public set mesos(value: string) {
    this._mesos = value;
  }
  public resetMesos() {
    this._mesos = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mesosInput() {
    return this._mesos;
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

  // packages - computed: false, optional: true, required: false
  private _packages?: { [key: string]: string }; 
  public get packages() {
    return this.getStringMapAttribute('packages');
  }
  public set packages(value: { [key: string]: string }) {
    this._packages = value;
  }
  public resetPackages() {
    this._packages = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get packagesInput() {
    return this._packages;
  }

  // repositories - computed: false, optional: true, required: false
  private _repositories = new ClusterDistroRepositoriesList(this, "repositories", false);
  public get repositories() {
    return this._repositories;
  }
  public putRepositories(value: ClusterDistroRepositories[] | cdktf.IResolvable) {
    this._repositories.internalValue = value;
  }
  public resetRepositories() {
    this._repositories.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get repositoriesInput() {
    return this._repositories.internalValue;
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

  // zookeeper - computed: false, optional: true, required: false
  private _zookeeper?: string; 
  public get zookeeper() {
    return this.getStringAttribute('zookeeper');
  }
  public set zookeeper(value: string) {
    this._zookeeper = value;
  }
  public resetZookeeper() {
    this._zookeeper = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get zookeeperInput() {
    return this._zookeeper;
  }
}
export interface ClusterDistrosRepositories {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#line Cluster#line}
  */
  readonly line?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#provides Cluster#provides}
  */
  readonly provides?: string[];
}

export function clusterDistrosRepositoriesToTerraform(struct?: ClusterDistrosRepositories | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    line: cdktf.stringToTerraform(struct!.line),
    name: cdktf.stringToTerraform(struct!.name),
    provides: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.provides),
  }
}


export function clusterDistrosRepositoriesToHclTerraform(struct?: ClusterDistrosRepositories | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    line: {
      value: cdktf.stringToHclTerraform(struct!.line),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    provides: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.provides),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterDistrosRepositoriesOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ClusterDistrosRepositories | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._line !== undefined) {
      hasAnyValues = true;
      internalValueResult.line = this._line;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._provides !== undefined) {
      hasAnyValues = true;
      internalValueResult.provides = this._provides;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterDistrosRepositories | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._line = undefined;
      this._name = undefined;
      this._provides = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._line = value.line;
      this._name = value.name;
      this._provides = value.provides;
    }
  }

  // line - computed: false, optional: true, required: false
  private _line?: string; 
  public get line() {
    return this.getStringAttribute('line');
  }
  public set line(value: string) {
    this._line = value;
  }
  public resetLine() {
    this._line = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get lineInput() {
    return this._line;
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

  // provides - computed: false, optional: true, required: false
  private _provides?: string[]; 
  public get provides() {
    return this.getListAttribute('provides');
  }
  public set provides(value: string[]) {
    this._provides = value;
  }
  public resetProvides() {
    this._provides = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get providesInput() {
    return this._provides;
  }
}

export class ClusterDistrosRepositoriesList extends cdktf.ComplexList {
  public internalValue? : ClusterDistrosRepositories[] | cdktf.IResolvable

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
  public get(index: number): ClusterDistrosRepositoriesOutputReference {
    return new ClusterDistrosRepositoriesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ClusterDistros {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#chronos Cluster#chronos}
  */
  readonly chronos?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#chronos_api_prefix Cluster#chronos_api_prefix}
  */
  readonly chronosApiPrefix?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#marathon Cluster#marathon}
  */
  readonly marathon?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#mesos Cluster#mesos}
  */
  readonly mesos?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#packages Cluster#packages}
  */
  readonly packages?: { [key: string]: string };
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#repositories Cluster#repositories}
  */
  readonly repositories?: ClusterDistrosRepositories[] | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#version Cluster#version}
  */
  readonly version?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#zookeeper Cluster#zookeeper}
  */
  readonly zookeeper?: string;
}

export function clusterDistrosToTerraform(struct?: ClusterDistros | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    chronos: cdktf.stringToTerraform(struct!.chronos),
    chronos_api_prefix: cdktf.stringToTerraform(struct!.chronosApiPrefix),
    marathon: cdktf.stringToTerraform(struct!.marathon),
    mesos: cdktf.stringToTerraform(struct!.mesos),
    name: cdktf.stringToTerraform(struct!.name),
    packages: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.packages),
    repositories: cdktf.listMapper(clusterDistrosRepositoriesToTerraform, false)(struct!.repositories),
    version: cdktf.stringToTerraform(struct!.version),
    zookeeper: cdktf.stringToTerraform(struct!.zookeeper),
  }
}


export function clusterDistrosToHclTerraform(struct?: ClusterDistros | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    chronos: {
      value: cdktf.stringToHclTerraform(struct!.chronos),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    chronos_api_prefix: {
      value: cdktf.stringToHclTerraform(struct!.chronosApiPrefix),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    marathon: {
      value: cdktf.stringToHclTerraform(struct!.marathon),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    mesos: {
      value: cdktf.stringToHclTerraform(struct!.mesos),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    packages: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.packages),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    repositories: {
      value: cdktf.listMapperHcl(clusterDistrosRepositoriesToHclTerraform, false)(struct!.repositories),
      isBlock: true,
      type: "list",
      storageClassType: "ClusterDistrosRepositoriesList",
    },
    version: {
      value: cdktf.stringToHclTerraform(struct!.version),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    zookeeper: {
      value: cdktf.stringToHclTerraform(struct!.zookeeper),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterDistrosOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ClusterDistros | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._chronos !== undefined) {
      hasAnyValues = true;
      internalValueResult.chronos = this._chronos;
    }
    if (this._chronosApiPrefix !== undefined) {
      hasAnyValues = true;
      internalValueResult.chronosApiPrefix = this._chronosApiPrefix;
    }
    if (this._marathon !== undefined) {
      hasAnyValues = true;
      internalValueResult.marathon = this._marathon;
    }
    if (this._mesos !== undefined) {
      hasAnyValues = true;
      internalValueResult.mesos = this._mesos;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._packages !== undefined) {
      hasAnyValues = true;
      internalValueResult.packages = this._packages;
    }
    if (this._repositories?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.repositories = this._repositories?.internalValue;
    }
    if (this._version !== undefined) {
      hasAnyValues = true;
      internalValueResult.version = this._version;
    }
    if (this._zookeeper !== undefined) {
      hasAnyValues = true;
      internalValueResult.zookeeper = this._zookeeper;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterDistros | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._chronos = undefined;
      this._chronosApiPrefix = undefined;
      this._marathon = undefined;
      this._mesos = undefined;
      this._name = undefined;
      this._packages = undefined;
      this._repositories.internalValue = undefined;
      this._version = undefined;
      this._zookeeper = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._chronos = value.chronos;
      this._chronosApiPrefix = value.chronosApiPrefix;
      this._marathon = value.marathon;
      this._mesos = value.mesos;
      this._name = value.name;
      this._packages = value.packages;
      this._repositories.internalValue = value.repositories;
      this._version = value.version;
      this._zookeeper = value.zookeeper;
    }
  }

  // chronos - computed: false, optional: true, required: false
  private _chronos?: string; 
  public get chronos() {
    return this.getStringAttribute('chronos');
  }
  public set chronos(value: string) {
    this._chronos = value;
  }
  public resetChronos() {
    this._chronos = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get chronosInput() {
    return this._chronos;
  }

  // chronos_api_prefix - computed: false, optional: true, required: false
  private _chronosApiPrefix?: string; 
  public get chronosApiPrefix() {
    return this.getStringAttribute('chronos_api_prefix');
  }
  public set chronosApiPrefix(value: string) {
    this._chronosApiPrefix = value;
  }
  public resetChronosApiPrefix() {
    this._chronosApiPrefix = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get chronosApiPrefixInput() {
    return this._chronosApiPrefix;
  }

  // marathon - computed: false, optional: true, required: false
  private _marathon?: string; 
  public get marathon() {
    return this.getStringAttribute('marathon');
  }
  public set marathon(value: string) {
    this._marathon = value;
  }
  public resetMarathon() {
    this._marathon = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get marathonInput() {
    return this._marathon;
  }

  // mesos - computed: false, optional: true, required: false
  private _mesos?: string; 
  public get mesos() {
    return this.getStringAttribute('mesos');
  }
  public set mesos(value: string) {
    this._mesos = value;
  }
  public resetMesos() {
    this._mesos = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mesosInput() {
    return this._mesos;
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

  // packages - computed: false, optional: true, required: false
  private _packages?: { [key: string]: string }; 
  public get packages() {
    return this.getStringMapAttribute('packages');
  }
  public set packages(value: { [key: string]: string }) {
    this._packages = value;
  }
  public resetPackages() {
    this._packages = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get packagesInput() {
    return this._packages;
  }

  // repositories - computed: false, optional: true, required: false
  private _repositories = new ClusterDistrosRepositoriesList(this, "repositories", false);
  public get repositories() {
    return this._repositories;
  }
  public putRepositories(value: ClusterDistrosRepositories[] | cdktf.IResolvable) {
    this._repositories.internalValue = value;
  }
  public resetRepositories() {
    this._repositories.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get repositoriesInput() {
    return this._repositories.internalValue;
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

  // zookeeper - computed: false, optional: true, required: false
  private _zookeeper?: string; 
  public get zookeeper() {
    return this.getStringAttribute('zookeeper');
  }
  public set zookeeper(value: string) {
    this._zookeeper = value;
  }
  public resetZookeeper() {
    this._zookeeper = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get zookeeperInput() {
    return this._zookeeper;
  }
}

export class ClusterDistrosList extends cdktf.ComplexList {
  public internalValue? : ClusterDistros[] | cdktf.IResolvable

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
  public get(index: number): ClusterDistrosOutputReference {
    return new ClusterDistrosOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ClusterHostPools {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#address_start Cluster#address_start}
  */
  readonly addressStart?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#count Cluster#count}
  */
  readonly count?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#cpus Cluster#cpus}
  */
  readonly cpus?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#driver Cluster#driver}
  */
  readonly driver?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#memory_mb Cluster#memory_mb}
  */
  readonly memoryMb?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#options Cluster#options}
  */
  readonly options?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#prefix Cluster#prefix}
  */
  readonly prefix?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#racks Cluster#racks}
  */
  readonly racks?: string[];
}

export function clusterHostPoolsToTerraform(struct?: ClusterHostPools | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    address_start: cdktf.stringToTerraform(struct!.addressStart),
    count: cdktf.numberToTerraform(struct!.count),
    cpus: cdktf.numberToTerraform(struct!.cpus),
    driver: cdktf.stringToTerraform(struct!.driver),
    memory_mb: cdktf.numberToTerraform(struct!.memoryMb),
    options: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(struct!.options),
    prefix: cdktf.stringToTerraform(struct!.prefix),
    racks: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.racks),
  }
}


export function clusterHostPoolsToHclTerraform(struct?: ClusterHostPools | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    address_start: {
      value: cdktf.stringToHclTerraform(struct!.addressStart),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    count: {
      value: cdktf.numberToHclTerraform(struct!.count),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    cpus: {
      value: cdktf.numberToHclTerraform(struct!.cpus),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    driver: {
      value: cdktf.stringToHclTerraform(struct!.driver),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    memory_mb: {
      value: cdktf.numberToHclTerraform(struct!.memoryMb),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    options: {
      value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(struct!.options),
      isBlock: false,
      type: "map",
      storageClassType: "anyMapMap",
    },
    prefix: {
      value: cdktf.stringToHclTerraform(struct!.prefix),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    racks: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.racks),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterHostPoolsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ClusterHostPools | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._addressStart !== undefined) {
      hasAnyValues = true;
      internalValueResult.addressStart = this._addressStart;
    }
    if (this._count !== undefined) {
      hasAnyValues = true;
      internalValueResult.count = this._count;
    }
    if (this._cpus !== undefined) {
      hasAnyValues = true;
      internalValueResult.cpus = this._cpus;
    }
    if (this._driver !== undefined) {
      hasAnyValues = true;
      internalValueResult.driver = this._driver;
    }
    if (this._memoryMb !== undefined) {
      hasAnyValues = true;
      internalValueResult.memoryMb = this._memoryMb;
    }
    if (this._options !== undefined) {
      hasAnyValues = true;
      internalValueResult.options = this._options;
    }
    if (this._prefix !== undefined) {
      hasAnyValues = true;
      internalValueResult.prefix = this._prefix;
    }
    if (this._racks !== undefined) {
      hasAnyValues = true;
      internalValueResult.racks = this._racks;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterHostPools | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._addressStart = undefined;
      this._count = undefined;
      this._cpus = undefined;
      this._driver = undefined;
      this._memoryMb = undefined;
      this._options = undefined;
      this._prefix = undefined;
      this._racks = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._addressStart = value.addressStart;
      this._count = value.count;
      this._cpus = value.cpus;
      this._driver = value.driver;
      this._memoryMb = value.memoryMb;
      this._options = value.options;
      this._prefix = value.prefix;
      this._racks = value.racks;
    }
  }

  // address_start - computed: false, optional: true, required: false
  private _addressStart?: string; 
  public get addressStart() {
    return this.getStringAttribute('address_start');
  }
  public set addressStart(value: string) {
    this._addressStart = value;
  }
  public resetAddressStart() {
    this._addressStart = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addressStartInput() {
    return this._addressStart;
  }

  // count - computed: false, optional: true, required: false
  private _count?: number; 
  public get count() {
    return this.getNumberAttribute('count');
  }
  public set count(value: number) {
    this._count = value;
  }
  public resetCount() {
    this._count = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get countInput() {
    return this._count;
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

  // prefix - computed: false, optional: true, required: false
  private _prefix?: string; 
  public get prefix() {
    return this.getStringAttribute('prefix');
  }
  public set prefix(value: string) {
    this._prefix = value;
  }
  public resetPrefix() {
    this._prefix = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get prefixInput() {
    return this._prefix;
  }

  // racks - computed: false, optional: true, required: false
  private _racks?: string[]; 
  public get racks() {
    return this.getListAttribute('racks');
  }
  public set racks(value: string[]) {
    this._racks = value;
  }
  public resetRacks() {
    this._racks = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get racksInput() {
    return this._racks;
  }
}

export class ClusterHostPoolsList extends cdktf.ComplexList {
  public internalValue? : ClusterHostPools[] | cdktf.IResolvable

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
  public get(index: number): ClusterHostPoolsOutputReference {
    return new ClusterHostPoolsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ClusterHosts {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#address Cluster#address}
  */
  readonly address?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#cpus Cluster#cpus}
  */
  readonly cpus?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#driver Cluster#driver}
  */
  readonly driver?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#memory_mb Cluster#memory_mb}
  */
  readonly memoryMb?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#options Cluster#options}
  */
  readonly options?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#rack Cluster#rack}
  */
  readonly rack?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#root Cluster#root}
  */
  readonly root?: string;
}

export function clusterHostsToTerraform(struct?: ClusterHosts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    address: cdktf.stringToTerraform(struct!.address),
    cpus: cdktf.numberToTerraform(struct!.cpus),
    driver: cdktf.stringToTerraform(struct!.driver),
    memory_mb: cdktf.numberToTerraform(struct!.memoryMb),
    name: cdktf.stringToTerraform(struct!.name),
    options: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(struct!.options),
    rack: cdktf.stringToTerraform(struct!.rack),
    root: cdktf.stringToTerraform(struct!.root),
  }
}


export function clusterHostsToHclTerraform(struct?: ClusterHosts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    address: {
      value: cdktf.stringToHclTerraform(struct!.address),
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
    driver: {
      value: cdktf.stringToHclTerraform(struct!.driver),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    memory_mb: {
      value: cdktf.numberToHclTerraform(struct!.memoryMb),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
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
    if (this._address !== undefined) {
      hasAnyValues = true;
      internalValueResult.address = this._address;
    }
    if (this._cpus !== undefined) {
      hasAnyValues = true;
      internalValueResult.cpus = this._cpus;
    }
    if (this._driver !== undefined) {
      hasAnyValues = true;
      internalValueResult.driver = this._driver;
    }
    if (this._memoryMb !== undefined) {
      hasAnyValues = true;
      internalValueResult.memoryMb = this._memoryMb;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._options !== undefined) {
      hasAnyValues = true;
      internalValueResult.options = this._options;
    }
    if (this._rack !== undefined) {
      hasAnyValues = true;
      internalValueResult.rack = this._rack;
    }
    if (this._root !== undefined) {
      hasAnyValues = true;
      internalValueResult.root = this._root;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterHosts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._address = undefined;
      this._cpus = undefined;
      this._driver = undefined;
      this._memoryMb = undefined;
      this._name = undefined;
      this._options = undefined;
      this._rack = undefined;
      this._root = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._address = value.address;
      this._cpus = value.cpus;
      this._driver = value.driver;
      this._memoryMb = value.memoryMb;
      this._name = value.name;
      this._options = value.options;
      this._rack = value.rack;
      this._root = value.root;
    }
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
export interface ClusterNodeGroupsPlacementGroupAssociations {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#reference Cluster#reference}
  */
  readonly reference?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#type Cluster#type}
  */
  readonly type?: string;
}

export function clusterNodeGroupsPlacementGroupAssociationsToTerraform(struct?: ClusterNodeGroupsPlacementGroupAssociations | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    reference: cdktf.stringToTerraform(struct!.reference),
    type: cdktf.stringToTerraform(struct!.type),
  }
}


export function clusterNodeGroupsPlacementGroupAssociationsToHclTerraform(struct?: ClusterNodeGroupsPlacementGroupAssociations | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    reference: {
      value: cdktf.stringToHclTerraform(struct!.reference),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
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

export class ClusterNodeGroupsPlacementGroupAssociationsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ClusterNodeGroupsPlacementGroupAssociations | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._reference !== undefined) {
      hasAnyValues = true;
      internalValueResult.reference = this._reference;
    }
    if (this._type !== undefined) {
      hasAnyValues = true;
      internalValueResult.type = this._type;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterNodeGroupsPlacementGroupAssociations | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._reference = undefined;
      this._type = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._reference = value.reference;
      this._type = value.type;
    }
  }

  // reference - computed: false, optional: true, required: false
  private _reference?: string; 
  public get reference() {
    return this.getStringAttribute('reference');
  }
  public set reference(value: string) {
    this._reference = value;
  }
  public resetReference() {
    this._reference = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get referenceInput() {
    return this._reference;
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

export class ClusterNodeGroupsPlacementGroupAssociationsList extends cdktf.ComplexList {
  public internalValue? : ClusterNodeGroupsPlacementGroupAssociations[] | cdktf.IResolvable

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
  public get(index: number): ClusterNodeGroupsPlacementGroupAssociationsOutputReference {
    return new ClusterNodeGroupsPlacementGroupAssociationsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ClusterNodeGroupsPlacementGroupRacks {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#racks Cluster#racks}
  */
  readonly racks?: string[];
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#type Cluster#type}
  */
  readonly type?: string;
}

export function clusterNodeGroupsPlacementGroupRacksToTerraform(struct?: ClusterNodeGroupsPlacementGroupRacks | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    racks: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.racks),
    type: cdktf.stringToTerraform(struct!.type),
  }
}


export function clusterNodeGroupsPlacementGroupRacksToHclTerraform(struct?: ClusterNodeGroupsPlacementGroupRacks | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    racks: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.racks),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
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

export class ClusterNodeGroupsPlacementGroupRacksOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ClusterNodeGroupsPlacementGroupRacks | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._racks !== undefined) {
      hasAnyValues = true;
      internalValueResult.racks = this._racks;
    }
    if (this._type !== undefined) {
      hasAnyValues = true;
      internalValueResult.type = this._type;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterNodeGroupsPlacementGroupRacks | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._racks = undefined;
      this._type = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._racks = value.racks;
      this._type = value.type;
    }
  }

  // racks - computed: false, optional: true, required: false
  private _racks?: string[]; 
  public get racks() {
    return this.getListAttribute('racks');
  }
  public set racks(value: string[]) {
    this._racks = value;
  }
  public resetRacks() {
    this._racks = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get racksInput() {
    return this._racks;
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
export interface ClusterNodeGroupsPlacement {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#group_associations Cluster#group_associations}
  */
  readonly groupAssociations?: ClusterNodeGroupsPlacementGroupAssociations[] | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#group_racks Cluster#group_racks}
  */
  readonly groupRacks?: ClusterNodeGroupsPlacementGroupRacks;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#instance_per_host Cluster#instance_per_host}
  */
  readonly instancePerHost?: number;
}

export function clusterNodeGroupsPlacementToTerraform(struct?: ClusterNodeGroupsPlacement | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    group_associations: cdktf.listMapper(clusterNodeGroupsPlacementGroupAssociationsToTerraform, false)(struct!.groupAssociations),
    group_racks: clusterNodeGroupsPlacementGroupRacksToTerraform(struct!.groupRacks),
    instance_per_host: cdktf.numberToTerraform(struct!.instancePerHost),
  }
}


export function clusterNodeGroupsPlacementToHclTerraform(struct?: ClusterNodeGroupsPlacement | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    group_associations: {
      value: cdktf.listMapperHcl(clusterNodeGroupsPlacementGroupAssociationsToHclTerraform, false)(struct!.groupAssociations),
      isBlock: true,
      type: "list",
      storageClassType: "ClusterNodeGroupsPlacementGroupAssociationsList",
    },
    group_racks: {
      value: clusterNodeGroupsPlacementGroupRacksToHclTerraform(struct!.groupRacks),
      isBlock: true,
      type: "struct",
      storageClassType: "ClusterNodeGroupsPlacementGroupRacks",
    },
    instance_per_host: {
      value: cdktf.numberToHclTerraform(struct!.instancePerHost),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterNodeGroupsPlacementOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ClusterNodeGroupsPlacement | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._groupAssociations?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.groupAssociations = this._groupAssociations?.internalValue;
    }
    if (this._groupRacks?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.groupRacks = this._groupRacks?.internalValue;
    }
    if (this._instancePerHost !== undefined) {
      hasAnyValues = true;
      internalValueResult.instancePerHost = this._instancePerHost;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterNodeGroupsPlacement | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._groupAssociations.internalValue = undefined;
      this._groupRacks.internalValue = undefined;
      this._instancePerHost = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._groupAssociations.internalValue = value.groupAssociations;
      this._groupRacks.internalValue = value.groupRacks;
      this._instancePerHost = value.instancePerHost;
    }
  }

  // group_associations - computed: false, optional: true, required: false
  private _groupAssociations = new ClusterNodeGroupsPlacementGroupAssociationsList(this, "group_associations", false);
  public get groupAssociations() {
    return this._groupAssociations;
  }
  public putGroupAssociations(value: ClusterNodeGroupsPlacementGroupAssociations[] | cdktf.IResolvable) {
    this._groupAssociations.internalValue = value;
  }
  public resetGroupAssociations() {
    this._groupAssociations.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get groupAssociationsInput() {
    return this._groupAssociations.internalValue;
  }

  // group_racks - computed: false, optional: true, required: false
  private _groupRacks = new ClusterNodeGroupsPlacementGroupRacksOutputReference(this, "group_racks");
  public get groupRacks() {
    return this._groupRacks;
  }
  public putGroupRacks(value: ClusterNodeGroupsPlacementGroupRacks) {
    this._groupRacks.internalValue = value;
  }
  public resetGroupRacks() {
    this._groupRacks.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get groupRacksInput() {
    return this._groupRacks.internalValue;
  }

  // instance_per_host - computed: false, optional: true, required: false
  private _instancePerHost?: number; 
  public get instancePerHost() {
    return this.getNumberAttribute('instance_per_host');
  }
  public set instancePerHost(value: number) {
    this._instancePerHost = value;
  }
  public resetInstancePerHost() {
    this._instancePerHost = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get instancePerHostInput() {
    return this._instancePerHost;
  }
}
export interface ClusterNodeGroups {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#configuration Cluster#configuration}
  */
  readonly configuration?: { [key: string]: { [key: string]: { [key: string]: any } } | cdktf.IResolvable } | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#cpus Cluster#cpus}
  */
  readonly cpus?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#ha Cluster#ha}
  */
  readonly ha?: boolean | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#instance_type Cluster#instance_type}
  */
  readonly instanceType?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#instances Cluster#instances}
  */
  readonly instances?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#max_batch_size Cluster#max_batch_size}
  */
  readonly maxBatchSize?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#memory_mb Cluster#memory_mb}
  */
  readonly memoryMb?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#min_in_service Cluster#min_in_service}
  */
  readonly minInService?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#name Cluster#name}
  */
  readonly name?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#placement Cluster#placement}
  */
  readonly placement?: ClusterNodeGroupsPlacement;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#roles Cluster#roles}
  */
  readonly roles?: string[];
}

export function clusterNodeGroupsToTerraform(struct?: ClusterNodeGroups | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    configuration: cdktf.hashMapper(cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform)))(struct!.configuration),
    cpus: cdktf.numberToTerraform(struct!.cpus),
    ha: cdktf.booleanToTerraform(struct!.ha),
    instance_type: cdktf.stringToTerraform(struct!.instanceType),
    instances: cdktf.numberToTerraform(struct!.instances),
    max_batch_size: cdktf.numberToTerraform(struct!.maxBatchSize),
    memory_mb: cdktf.numberToTerraform(struct!.memoryMb),
    min_in_service: cdktf.numberToTerraform(struct!.minInService),
    name: cdktf.stringToTerraform(struct!.name),
    placement: clusterNodeGroupsPlacementToTerraform(struct!.placement),
    roles: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.roles),
  }
}


export function clusterNodeGroupsToHclTerraform(struct?: ClusterNodeGroups | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    configuration: {
      value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform)))(struct!.configuration),
      isBlock: false,
      type: "map",
      storageClassType: "anyMapMapMap",
    },
    cpus: {
      value: cdktf.numberToHclTerraform(struct!.cpus),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    ha: {
      value: cdktf.booleanToHclTerraform(struct!.ha),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    instance_type: {
      value: cdktf.stringToHclTerraform(struct!.instanceType),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    instances: {
      value: cdktf.numberToHclTerraform(struct!.instances),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    max_batch_size: {
      value: cdktf.numberToHclTerraform(struct!.maxBatchSize),
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
    min_in_service: {
      value: cdktf.numberToHclTerraform(struct!.minInService),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    placement: {
      value: clusterNodeGroupsPlacementToHclTerraform(struct!.placement),
      isBlock: true,
      type: "struct",
      storageClassType: "ClusterNodeGroupsPlacement",
    },
    roles: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.roles),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterNodeGroupsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ClusterNodeGroups | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._configuration !== undefined) {
      hasAnyValues = true;
      internalValueResult.configuration = this._configuration;
    }
    if (this._cpus !== undefined) {
      hasAnyValues = true;
      internalValueResult.cpus = this._cpus;
    }
    if (this._ha !== undefined) {
      hasAnyValues = true;
      internalValueResult.ha = this._ha;
    }
    if (this._instanceType !== undefined) {
      hasAnyValues = true;
      internalValueResult.instanceType = this._instanceType;
    }
    if (this._instances !== undefined) {
      hasAnyValues = true;
      internalValueResult.instances = this._instances;
    }
    if (this._maxBatchSize !== undefined) {
      hasAnyValues = true;
      internalValueResult.maxBatchSize = this._maxBatchSize;
    }
    if (this._memoryMb !== undefined) {
      hasAnyValues = true;
      internalValueResult.memoryMb = this._memoryMb;
    }
    if (this._minInService !== undefined) {
      hasAnyValues = true;
      internalValueResult.minInService = this._minInService;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._placement?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.placement = this._placement?.internalValue;
    }
    if (this._roles !== undefined) {
      hasAnyValues = true;
      internalValueResult.roles = this._roles;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterNodeGroups | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._configuration = undefined;
      this._cpus = undefined;
      this._ha = undefined;
      this._instanceType = undefined;
      this._instances = undefined;
      this._maxBatchSize = undefined;
      this._memoryMb = undefined;
      this._minInService = undefined;
      this._name = undefined;
      this._placement.internalValue = undefined;
      this._roles = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._configuration = value.configuration;
      this._cpus = value.cpus;
      this._ha = value.ha;
      this._instanceType = value.instanceType;
      this._instances = value.instances;
      this._maxBatchSize = value.maxBatchSize;
      this._memoryMb = value.memoryMb;
      this._minInService = value.minInService;
      this._name = value.name;
      this._placement.internalValue = value.placement;
      this._roles = value.roles;
    }
  }

  // configuration - computed: false, optional: true, required: false
  private _configuration?: { [key: string]: { [key: string]: { [key: string]: any } } | cdktf.IResolvable } | cdktf.IResolvable; 
  public get configuration() {
    return this.interpolationForAttribute('configuration');
  }
  public set configuration(value: { [key: string]: { [key: string]: { [key: string]: any } } | cdktf.IResolvable } | cdktf.IResolvable) {
    this._configuration = value;
  }
  public resetConfiguration() {
    this._configuration = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get configurationInput() {
    return this._configuration;
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

  // ha - computed: false, optional: true, required: false
  private _ha?: boolean | cdktf.IResolvable; 
  public get ha() {
    return this.getBooleanAttribute('ha');
  }
  public set ha(value: boolean | cdktf.IResolvable) {
    this._ha = value;
  }
  public resetHa() {
    this._ha = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get haInput() {
    return this._ha;
  }

  // instance_type - computed: false, optional: true, required: false
  private _instanceType?: string; 
  public get instanceType() {
    return this.getStringAttribute('instance_type');
  }
  public set instanceType(value: string) {
    this._instanceType = value;
  }
  public resetInstanceType() {
    this._instanceType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get instanceTypeInput() {
    return this._instanceType;
  }

  // instances - computed: false, optional: true, required: false
  private _instances?: number; 
  public get instances() {
    return this.getNumberAttribute('instances');
  }
  public set instances(value: number) {
    this._instances = value;
  }
  public resetInstances() {
    this._instances = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get instancesInput() {
    return this._instances;
  }

  // max_batch_size - computed: false, optional: true, required: false
  private _maxBatchSize?: number; 
  public get maxBatchSize() {
    return this.getNumberAttribute('max_batch_size');
  }
  public set maxBatchSize(value: number) {
    this._maxBatchSize = value;
  }
  public resetMaxBatchSize() {
    this._maxBatchSize = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxBatchSizeInput() {
    return this._maxBatchSize;
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

  // min_in_service - computed: false, optional: true, required: false
  private _minInService?: number; 
  public get minInService() {
    return this.getNumberAttribute('min_in_service');
  }
  public set minInService(value: number) {
    this._minInService = value;
  }
  public resetMinInService() {
    this._minInService = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minInServiceInput() {
    return this._minInService;
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

  // placement - computed: false, optional: true, required: false
  private _placement = new ClusterNodeGroupsPlacementOutputReference(this, "placement");
  public get placement() {
    return this._placement;
  }
  public putPlacement(value: ClusterNodeGroupsPlacement) {
    this._placement.internalValue = value;
  }
  public resetPlacement() {
    this._placement.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get placementInput() {
    return this._placement.internalValue;
  }

  // roles - computed: false, optional: true, required: false
  private _roles?: string[]; 
  public get roles() {
    return this.getListAttribute('roles');
  }
  public set roles(value: string[]) {
    this._roles = value;
  }
  public resetRoles() {
    this._roles = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rolesInput() {
    return this._roles;
  }
}

export class ClusterNodeGroupsList extends cdktf.ComplexList {
  public internalValue? : ClusterNodeGroups[] | cdktf.IResolvable

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
  public get(index: number): ClusterNodeGroupsOutputReference {
    return new ClusterNodeGroupsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ClusterRoutes {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#app Cluster#app}
  */
  readonly app?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#mode Cluster#mode}
  */
  readonly mode?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#service_port Cluster#service_port}
  */
  readonly servicePort?: number;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/gantry/gantry/latest/docs/resources/cluster#vhost Cluster#vhost}
  */
  readonly vhost?: string;
}

export function clusterRoutesToTerraform(struct?: ClusterRoutes | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    app: cdktf.stringToTerraform(struct!.app),
    mode: cdktf.stringToTerraform(struct!.mode),
    service_port: cdktf.numberToTerraform(struct!.servicePort),
    vhost: cdktf.stringToTerraform(struct!.vhost),
  }
}


export function clusterRoutesToHclTerraform(struct?: ClusterRoutes | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    app: {
      value: cdktf.stringToHclTerraform(struct!.app),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    mode: {
      value: cdktf.stringToHclTerraform(struct!.mode),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    service_port: {
      value: cdktf.numberToHclTerraform(struct!.servicePort),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    vhost: {
      value: cdktf.stringToHclTerraform(struct!.vhost),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ClusterRoutesOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): ClusterRoutes | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._app !== undefined) {
      hasAnyValues = true;
      internalValueResult.app = this._app;
    }
    if (this._mode !== undefined) {
      hasAnyValues = true;
      internalValueResult.mode = this._mode;
    }
    if (this._servicePort !== undefined) {
      hasAnyValues = true;
      internalValueResult.servicePort = this._servicePort;
    }
    if (this._vhost !== undefined) {
      hasAnyValues = true;
      internalValueResult.vhost = this._vhost;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ClusterRoutes | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._app = undefined;
      this._mode = undefined;
      this._servicePort = undefined;
      this._vhost = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._app = value.app;
      this._mode = value.mode;
      this._servicePort = value.servicePort;
      this._vhost = value.vhost;
    }
  }

  // app - computed: false, optional: true, required: false
  private _app?: string; 
  public get app() {
    return this.getStringAttribute('app');
  }
  public set app(value: string) {
    this._app = value;
  }
  public resetApp() {
    this._app = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get appInput() {
    return this._app;
  }

  // mode - computed: false, optional: true, required: false
  private _mode?: string; 
  public get mode() {
    return this.getStringAttribute('mode');
  }
  public set mode(value: string) {
    this._mode = value;
  }
  public resetMode() {
    this._mode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get modeInput() {
    return this._mode;
  }

  // service_port - computed: false, optional: true, required: false
  private _servicePort?: number; 
  public get servicePort() {
    return this.getNumberAttribute('service_port');
  }
  public set servicePort(value: number) {
    this._servicePort = value;
  }
  public resetServicePort() {
    this._servicePort = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get servicePortInput() {
    return this._servicePort;
  }

  // vhost - computed: false, optional: true, required: false
  private _vhost?: string; 
  public get vhost() {
    return this.getStringAttribute('vhost');
  }
  public set vhost(value: string) {
    this._vhost = value;
  }
  public resetVhost() {
    this._vhost = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vhostInput() {
    return this._vhost;
  }
}

export class ClusterRoutesList extends cdktf.ComplexList {
  public internalValue? : ClusterRoutes[] | cdktf.IResolvable

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
  public get(index: number): ClusterRoutesOutputReference {
    return new ClusterRoutesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
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
    this._appRunner = config.appRunner;
    this._apps = config.apps;
    this._distro.internalValue = config.distro;
    this._distros.internalValue = config.distros;
    this._endpoints = config.endpoints;
    this._failedHosts = config.failedHosts;
    this._hostPools.internalValue = config.hostPools;
    this._hosts.internalValue = config.hosts;
    this._jobs = config.jobs;
    this._nodeGroups.internalValue = config.nodeGroups;
    this._placement = config.placement;
    this._routes.internalValue = config.routes;
    this._tasks = config.tasks;
    this._zkPath = config.zkPath;
    this._zookeeperIds = config.zookeeperIds;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // distros - computed: false, optional: true, required: false
  private _distros = new ClusterDistrosList(this, "distros", false);
  public get distros() {
    return this._distros;
  }
  public putDistros(value: ClusterDistros[] | cdktf.IResolvable) {
    this._distros.internalValue = value;
  }
  public resetDistros() {
    this._distros.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get distrosInput() {
    return this._distros.internalValue;
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

  // failed_hosts - computed: false, optional: true, required: false
  private _failedHosts?: { [key: string]: { [key: string]: any } } | cdktf.IResolvable; 
  public get failedHosts() {
    return this.interpolationForAttribute('failed_hosts');
  }
  public set failedHosts(value: { [key: string]: { [key: string]: any } } | cdktf.IResolvable) {
    this._failedHosts = value;
  }
  public resetFailedHosts() {
    this._failedHosts = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get failedHostsInput() {
    return this._failedHosts;
  }

  // host_pools - computed: false, optional: true, required: false
  private _hostPools = new ClusterHostPoolsList(this, "host_pools", false);
  public get hostPools() {
    return this._hostPools;
  }
  public putHostPools(value: ClusterHostPools[] | cdktf.IResolvable) {
    this._hostPools.internalValue = value;
  }
  public resetHostPools() {
    this._hostPools.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostPoolsInput() {
    return this._hostPools.internalValue;
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

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
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

  // node_groups - computed: false, optional: true, required: false
  private _nodeGroups = new ClusterNodeGroupsList(this, "node_groups", false);
  public get nodeGroups() {
    return this._nodeGroups;
  }
  public putNodeGroups(value: ClusterNodeGroups[] | cdktf.IResolvable) {
    this._nodeGroups.internalValue = value;
  }
  public resetNodeGroups() {
    this._nodeGroups.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nodeGroupsInput() {
    return this._nodeGroups.internalValue;
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

  // routes - computed: false, optional: true, required: false
  private _routes = new ClusterRoutesList(this, "routes", false);
  public get routes() {
    return this._routes;
  }
  public putRoutes(value: ClusterRoutes[] | cdktf.IResolvable) {
    this._routes.internalValue = value;
  }
  public resetRoutes() {
    this._routes.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get routesInput() {
    return this._routes.internalValue;
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

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      app_runner: cdktf.stringToTerraform(this._appRunner),
      apps: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._apps),
      distro: clusterDistroToTerraform(this._distro.internalValue),
      distros: cdktf.listMapper(clusterDistrosToTerraform, false)(this._distros.internalValue),
      endpoints: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._endpoints),
      failed_hosts: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._failedHosts),
      host_pools: cdktf.listMapper(clusterHostPoolsToTerraform, false)(this._hostPools.internalValue),
      hosts: cdktf.listMapper(clusterHostsToTerraform, false)(this._hosts.internalValue),
      jobs: cdktf.listMapper(cdktf.hashMapper(cdktf.anyToTerraform), false)(this._jobs),
      node_groups: cdktf.listMapper(clusterNodeGroupsToTerraform, false)(this._nodeGroups.internalValue),
      placement: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._placement),
      routes: cdktf.listMapper(clusterRoutesToTerraform, false)(this._routes.internalValue),
      tasks: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._tasks),
      zk_path: cdktf.stringToTerraform(this._zkPath),
      zookeeper_ids: cdktf.hashMapper(cdktf.hashMapper(cdktf.anyToTerraform))(this._zookeeperIds),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      app_runner: {
        value: cdktf.stringToHclTerraform(this._appRunner),
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
      distro: {
        value: clusterDistroToHclTerraform(this._distro.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ClusterDistro",
      },
      distros: {
        value: cdktf.listMapperHcl(clusterDistrosToHclTerraform, false)(this._distros.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ClusterDistrosList",
      },
      endpoints: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._endpoints),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      failed_hosts: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._failedHosts),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      host_pools: {
        value: cdktf.listMapperHcl(clusterHostPoolsToHclTerraform, false)(this._hostPools.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ClusterHostPoolsList",
      },
      hosts: {
        value: cdktf.listMapperHcl(clusterHostsToHclTerraform, false)(this._hosts.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ClusterHostsList",
      },
      jobs: {
        value: cdktf.listMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform), false)(this._jobs),
        isBlock: false,
        type: "list",
        storageClassType: "anyMapList",
      },
      node_groups: {
        value: cdktf.listMapperHcl(clusterNodeGroupsToHclTerraform, false)(this._nodeGroups.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ClusterNodeGroupsList",
      },
      placement: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._placement),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
      routes: {
        value: cdktf.listMapperHcl(clusterRoutesToHclTerraform, false)(this._routes.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ClusterRoutesList",
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
      zookeeper_ids: {
        value: cdktf.hashMapperHcl(cdktf.hashMapperHcl(cdktf.anyToHclTerraform))(this._zookeeperIds),
        isBlock: false,
        type: "map",
        storageClassType: "anyMapMap",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
