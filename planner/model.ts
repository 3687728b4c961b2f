// The one configuration model every front end produces (native YAML,
// Terraform JSON, and later HCL, HOT and code). Nothing downstream knows
// which language a resource came from.

import type { Diagnostic, Origin } from "../contract/diagnostics.js";
import type { Value } from "../contract/values.js";
import type { Expr } from "./expressions/ast.js";
import type { Checkable } from "./check-results.js";
import type { TypeConstraint } from "./type-constraint.js";

export interface VariableConfig {
  name: string;
  /** The type constraint as written ("list(string)", `${...}` unwrapped); "any" when none is declared. */
  type: string;
  /** The type constraint (planner/type-constraint.ts); any when none is declared. */
  constraint: TypeConstraint;
  /**
   * Whether values given as text (-var, TF_VAR_name) are taken as written (no type, or string, number or bool) or
   * parsed as expressions (any other type), as Terraform decides.
   */
  textAsLiteral: boolean;
  /** The default, with optional attribute defaults applied and converted to the type constraint at load time. */
  default?: Value;
  hasDefault: boolean;
  description?: string;
  sensitive?: boolean;
  /** false: null is replaced by the default, or refused when there is none (Terraform's nullable = false). */
  nullable: boolean;
  /** Evaluated in order; every failing rule is reported. */
  validations: VariableValidation[];
  origin: Origin;
}

export interface VariableValidation {
  condition: Expr;
  /** A template (`"${var.x} is not allowed"`) or a plain string. */
  errorMessage: Expr;
  origin: Origin;
}

export interface LocalConfig {
  name: string;
  value: Expr;
  origin: Origin;
  /**
   * Set when this local stands for a module's input variable (planner/module-expansion.ts): its value is converted
   * to the variable's type and checked against its validation rules.
   */
  input?: VariableConfig;
  /** A module's sensitive variable or output: what uses it is sensitive too. */
  sensitive?: boolean;
  /**
   * Set when this local stands for a module's output with preconditions (planner/module-expansion.ts): its name, the
   * module instance (`module.a[0]`) and the preconditions, checked when the module's outputs are planned.
   */
  output?: { name: string; module: string; preconditions: ConditionConfig[] };
}

export interface OutputConfig {
  name: string;
  value: Expr;
  description?: string;
  sensitive?: boolean;
  /**
   * Added by a front end for a door's own use, not written by the user (Heat's resolved resource metadata, an
   * output's error): recorded in the state like any output, never shown by the CLI.
   */
  internal?: boolean;
  dependsOn: RefConfig[];
  /** Checked before the output's value is recorded (Terraform's output precondition). */
  preconditions: ConditionConfig[];
  origin: Origin;
}

/** A custom condition (precondition, postcondition, check assertion): a bool expression and the message if false. */
export interface ConditionConfig {
  condition: Expr;
  /** A string expression (a template may name values). */
  errorMessage: Expr;
  /** Where the condition is written. */
  origin: Origin;
}

/** `check "name" { assert { ... } }`: assertions whose failures are warnings, never errors. */
export interface CheckConfig {
  name: string;
  asserts: ConditionConfig[];
  origin: Origin;
}

/** `import { to = ..., id = ... }`: the existing object `id` names is read into state at `to` (an instance address). */
export interface ImportConfig {
  to: string;
  /** An expression known at plan (a string). */
  id: Expr;
  /** What was kept of the object beside its id (a map known at plan: Heat's adopt data of a resource). */
  data?: Expr;
  origin: Origin;
}

/** `moved { from = ..., to = ... }`: state recorded at `from` belongs to `to` (addresses with full type names). */
export interface MovedConfig {
  from: string;
  to: string;
  origin: Origin;
}

export interface RefConfig {
  /** A resource address such as "gantry_noop.a" (full type name; the builder makes YAML's short names full). */
  ref: string;
  origin: Origin;
}

export interface LifecycleConfig {
  createBeforeDestroy: boolean;
  preventDestroy: boolean;
  /** Attribute names, or "all". */
  ignoreChanges: string[] | "all";
  /** Extra replace triggers by reference (Terraform's replace_triggered_by). */
  replaceTriggeredBy: RefConfig[];
  /** Checked before the instance's change is planned. */
  preconditions: ConditionConfig[];
  /** Checked once the instance's new value is known (at plan when it is, else after apply); `self` is the instance. */
  postconditions: ConditionConfig[];
  /**
   * false: when an instance is to be destroyed, its object is forgotten (removed from state) and left as it is
   * (Heat's deletion_policy Retain; Terraform's `removed { lifecycle { destroy = false } }`). Absent: true.
   */
  destroy?: boolean;
}

/**
 * Rolling updates, as Heat's rolling_update names them: the instances of
 * every resource in `group` that share an instance key form one member;
 * members whose resources are updated or replaced change in batches of at
 * most `maxBatchSize`, keeping `minInService` members untouched while a
 * batch runs. Resources of one group depend on each other member by member.
 */
export interface UpdatePolicy {
  group: string;
  maxBatchSize: number;
  minInService: number;
  /**
   * The member of the group this resource is part of, when members are not the instances of one resource but whole
   * nested stacks (a group of provider templates: every resource of member "1"'s nested stack is member "1"). Absent:
   * the member is the instance key.
   */
  member?: string;
  /** Seconds to wait between two batches of a rolling update (Heat's rolling_update pause_time). Absent: none. */
  pauseSeconds?: number;
  /** false: updates are not made in batches (a group with only `createBatches`). Absent: true. */
  rolling?: boolean;
  /**
   * When the whole group is created (no member exists yet), its members are created in batches of this many, in
   * member order, `pauseSeconds` apart (Heat's batch_create). Absent: all at once.
   */
  createBatches?: { maxBatchSize: number; pauseSeconds: number };
}

export interface PropertyConfig {
  value: Expr;
  origin: Origin;
}

/**
 * A provisioner of a resource (Terraform's `provisioner "local-exec" { ... }`): run after the instance is created
 * (`when = create`, the default) or before it is destroyed (`when = destroy`), in declaration order.
 */
export interface ProvisionerConfig {
  /** The provisioner's type as written ("local-exec"). */
  type: string;
  when: "create" | "destroy";
  /** fail (the default): a failure fails the step (a created instance is left tainted); continue: it is ignored. */
  onFailure: "fail" | "continue";
  /** Its arguments (command, interpreter, …); `self` in them is the instance's own attributes. */
  properties: Record<string, PropertyConfig>;
  /**
   * Its connection (Terraform's `connection` block: the resource's, each argument overridden by the provisioner's
   * own block); absent when neither is written. `self` in it is the instance's own attributes.
   */
  connection?: Record<string, PropertyConfig>;
  origin: Origin;
}

export interface ResourceConfig {
  /** A data resource (`data "TYPE" "NAME"`, key "data.TYPE.NAME"), read instead of managed. */
  mode?: "data";
  /**
   * A data resource declared inside `check "NAME"` (Terraform 1.5's scoped data source): only that check's
   * assertions may refer to it, and a failure to read it is a warning, not an error.
   */
  check?: string;
  /** Full type name ("gantry_noop", "null_resource"); YAML's short names are made full by the builder. */
  type: string;
  name: string;
  /** `${type}.${name}`; in a module, its instance path first ('module.a["x"].gantry_noop.n') */
  key: string;
  /** The module instance this resource is in ('module.a["x"]'), set by module expansion; absent at the root. */
  module?: string;
  properties: Record<string, PropertyConfig>;
  count?: PropertyConfig;
  forEach?: PropertyConfig;
  /**
   * for_each takes only a map, an object or a set of strings, as Terraform's does (a list or tuple is refused);
   * otherwise a list of strings is taken too (native YAML).
   */
  forEachMapOrSet?: boolean;
  dependsOn: RefConfig[];
  lifecycle: LifecycleConfig;
  updatePolicy?: UpdatePolicy;
  /** Provisioners in declaration order (absent: none). */
  provisioners?: ProvisionerConfig[];
  origin: Origin;
  /**
   * How the source language names this resource when that differs from the model's `type` and `name` (a HOT
   * template's "OS::Heat::ResourceGroup" named "my-group"): doors that speak that language (the Heat API) show it.
   */
  source?: {
    name: string;
    type: string;
    /**
     * A group whose instances are its members (Heat's OS::Heat::ResourceGroup): the language shows them in a
     * nested stack of their own (its id and name), each named by its instance key, of the member type.
     */
    group?: { memberType: string; stackId: string; stackName: string };
    /**
     * Its definition beside type and properties, as text (HOT: metadata, depends_on, policies … resolved): a language
     * that updates a resource whenever its definition changes (Heat) compares it with the one it was made from.
     */
    definition?: string;
  };
}

/**
 * A `module "name" { source = "./path" ... }` call: its inputs (expressions in the caller's scope), meta-arguments,
 * and the child configuration loaded from the source directory (planner/module-expansion.ts makes one flat
 * configuration of the tree before planning).
 */
export interface ModuleCallConfig {
  name: string;
  /** As written ("./modules/web"). */
  source: string;
  sourceOrigin: Origin;
  /** Input name -> expression, evaluated in the caller's scope. */
  inputs: Record<string, PropertyConfig>;
  count?: PropertyConfig;
  forEach?: PropertyConfig;
  /**
   * for_each takes only a map, an object or a set of strings, as Terraform's does (a list or tuple is refused);
   * otherwise a list of strings is taken too (native YAML).
   */
  forEachMapOrSet?: boolean;
  /** Addresses as written in the caller ("gantry_noop.a", "module.b"). */
  dependsOn: RefConfig[];
  origin: Origin;
  /** The module's own configuration (its directory), once loaded. */
  config?: Config;
}

export interface SourceFile {
  /** Path relative to the configuration directory. */
  path: string;
  content: string;
}

export interface Config {
  /** Configuration directory (absolute). */
  dir: string;
  /** What the front ends warned about while reading it (a feature accepted but ignored, such as event_sinks). */
  warnings?: Diagnostic[];
  /** Every source file read, with its content (kept so plan files can embed the exact configuration). */
  files: SourceFile[];
  variables: Map<string, VariableConfig>;
  locals: Map<string, LocalConfig>;
  resources: Map<string, ResourceConfig>;
  outputs: Map<string, OutputConfig>;
  /** Module calls (absent or empty: none; the planner sees configurations with their modules expanded). */
  modules?: Map<string, ModuleCallConfig>;
  checks: Map<string, CheckConfig>;
  /** Data resources, keyed "data.TYPE.NAME". */
  data: Map<string, ResourceConfig>;
  /** In the order written. */
  moved: MovedConfig[];
  /** In the order written. */
  imports: ImportConfig[];
  /** A `terraform { backend "local"|"pg" { ... } }` block, when the configuration has one. */
  backend?: BackendConfig;
  /**
   * Objects with conditions (resources, check blocks) in modules whose calls have no instances (count = 0, an empty
   * for_each), set by module expansion: Terraform lists them in a plan's checks with no instances.
   */
  checkablesWithoutInstances?: Checkable[];
}

/** Where state lives, as the configuration says: Terraform's local backend, or its pg backend (PostgreSQL). */
export interface BackendConfig {
  type: "local" | "pg";
  /** local: the state file, relative to the configuration directory (default: gantry's own). */
  path?: string;
  /** pg: the connection string (postgres://…); default: -backend-config conn_str=…, GANTRY_PG_CONN, PG_CONN_STR. */
  connStr?: string;
  /** pg: the schema holding the tables (default "terraform_remote_state", as Terraform's). */
  schemaName?: string;
  /** pg: the schema exists already (the role may not create it). */
  skipSchemaCreation?: boolean;
  origin: Origin;
}

export function emptyConfig(dir: string): Config {
  return {
    dir,
    files: [],
    variables: new Map(),
    locals: new Map(),
    resources: new Map(),
    outputs: new Map(),
    modules: new Map(),
    checks: new Map(),
    data: new Map(),
    moved: [],
    imports: [],
  };
}

/**
 * One empty list, frozen, shared wherever the planner's model or results hold a list that is most often empty (a
 * default lifecycle's four lists, a no-op change's requiresReplace, ...), so that 100,000 resources do not hold an
 * empty array each: code that adds to such a list makes a new one.
 */
export const EMPTY_LIST: never[] = Object.freeze([]) as unknown as never[];

export function defaultLifecycle(): LifecycleConfig {
  return {
    createBeforeDestroy: false,
    preventDestroy: false,
    ignoreChanges: EMPTY_LIST,
    replaceTriggeredBy: EMPTY_LIST,
    preconditions: EMPTY_LIST,
    postconditions: EMPTY_LIST,
  };
}
