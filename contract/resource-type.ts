// The contract every resource type implements. The planner drives types only
// through this interface and never special-cases one.

import type { HeatSignals } from "./heat-signals.js";
import type { HeatTypeDetails } from "./heat-type-schema.js";
import type { HostConnector, HostSpec } from "./host-driver.js";
import type { HostLimitation } from "./host-limitation.js";
import type { Attrs, Value } from "./values.js";

export type AttributeKind = "string" | "number" | "bool" | "list" | "set" | "map" | "object" | "any";

export interface AttributeSchema {
  kind: AttributeKind;
  description: string;
  /** Must be set in configuration. */
  required?: boolean;
  /**
   * May be set in configuration. Attributes that are neither required, optional nor computed are optional too; a
   * computed attribute is configurable only when it is also optional.
   */
  optional?: boolean;
  /** Set by the type (create/read); may also be optional (configurable, else computed). */
  computed?: boolean;
  /** A change of this attribute cannot be applied in place: the instance is replaced. */
  forceNew?: boolean;
  /** Used when configuration leaves the attribute unset (optional attributes only). */
  default?: Value;
  sensitive?: boolean;
  /** Changes on its own at run time (e.g. which member leads); a change is not drift. */
  volatile?: boolean;
  /** object: the fields it may hold, each with its own schema; other fields are refused. */
  attributes?: Record<string, AttributeSchema>;
  /** list, set or map: the schema of every element. */
  element?: AttributeSchema;
  /** The only values it may take. */
  allowed?: readonly (string | number | boolean)[];
  /** number: a whole number. */
  integer?: boolean;
  /** number: at least this. */
  minimum?: number;
  /** number: at most this. */
  maximum?: number;
}

/** Who an instance is, handed to a type by the planner. */
export interface InstanceInfo {
  /** Full address, e.g. "host.web[0]". */
  address: string;
  /**
   * The resource's name with its key, e.g. "web", "web.0" for count index 0, "web.a" for key "a"; in a module, its
   * module path first ("module.site.a.web" for module.site["a"].TYPE.web): unique among the instances of a plan.
   */
  name: string;
  /**
   * The name with its key within its own module ("web.0"): what a Heat stack (a module in the model) calls it; absent
   * when it is `name` (a root resource).
   */
  nameInModule?: string;
  /** Per-configuration working directory (<config dir>/.gantry) where types may keep data, e.g. local host roots. */
  dataDir: string;
  /** Configuration directory: relative paths in properties (templates) resolve against it. */
  configDir: string;
  /** The Heat stack the instance belongs to, when it runs as part of one: Heat's physical names begin with it. */
  stackName?: string;
}

export interface OperationContext extends InstanceInfo {
  /** Progress or informational line (shown in apply output). */
  log(message: string): void;
  /** A statement shown in apply/show output (something unusual the type did, e.g. restarted a stray process). */
  warn(message: string): void;
  /**
   * The object's id as soon as it has one, while the operation still runs (the id it will return): shown at once,
   * as Heat shows the physical id of a resource still being created. Absent where nobody listens.
   */
  identified?(id: string): void;
  /** Something the type could not do on a host because it is missing there (grouped across hosts in output). */
  limited(limitation: HostLimitation): void;
  signal: AbortSignal;
  /** Reaches hosts: the drivers of the engine running this operation. */
  hosts: HostConnector;
  /** The signals the stack receives over the Heat API: only when the API server runs the stack. */
  heatSignals?: HeatSignals;
}

export interface PlannedChange {
  /** Planned attributes (computed ones may be UNKNOWN). */
  planned: Attrs;
  /** Attributes whose change forces replacement beyond the schema's forceNew ones. */
  requiresReplace?: string[];
}

export interface ResourceType {
  /**
   * Full name with the provider prefix, as Terraform names it ("gantry_file", "null_resource"); the one name in
   * the registry, model, plans, state and messages (YAML may write gantry's types short: contract/type-names.ts).
   */
  name: string;
  description: string;
  schema: Record<string, AttributeSchema>;

  /**
   * Extra checks of a configuration with everything known so far (UNKNOWN where not). Return error messages keyed by
   * attribute ("" for the whole).
   */
  validate?(config: Attrs, info: InstanceInfo): { attribute: string; message: string }[];

  /**
   * Custom diff. `prior` is the refreshed state (null when creating), `config` the
   * configuration with defaults applied and computed attributes taken from prior
   * or UNKNOWN. Returns the planned attributes. Without it, the planner keeps
   * computed attributes from prior on update and marks them UNKNOWN on create.
   */
  planChange?(prior: Attrs | null, config: Attrs, info: InstanceInfo): PlannedChange;

  /** Which host (by host attributes) an instance acts on, for per-host concurrency limits. */
  hostKey?(attrs: Attrs): string | undefined;

  /**
   * The host an instance lives on (undefined when its attributes do not say): refresh asks that host's driver
   * whether it answers (probe()) before reading, so a host that is gone costs one bounded attempt, not a look-up
   * per instance that waits for its own time-out.
   */
  hostSpec?(attrs: Attrs): HostSpec | undefined;

  /**
   * Do two objects' attributes name the same thing on a host (the same file path, the same process name)? A
   * create_before_destroy replacement whose new object took over the old one's place (a tainted file rewritten at
   * its path, a service restarted under its name) must not delete the old one: that would delete the new one.
   * Absent: never the same.
   */
  sameObject?(a: Attrs, b: Attrs): boolean;

  /**
   * Checks made while planning, before anything changes: what the type can
   * already tell it will not be able to do on the host (e.g. a package with
   * no installation candidate), as limitations the plan shows.
   */
  preflight?(ctx: OperationContext, planned: Attrs): Promise<HostLimitation[]>;

  /**
   * Import (Terraform's import block and `import` command): the existing object `id` names, as read would return
   * it, or null when there is none. `config` is the configuration of the resource block the object is imported to
   * (values known at plan; e.g. the host a file is on). `data`: what was kept of the object beside its id, when the
   * import says (Heat's adopt gives a resource's `resource_data`). Types without it do not support import.
   */
  import?(ctx: OperationContext, id: string, config: Attrs, data?: Attrs): Promise<Attrs | null>;

  /**
   * A `moved` block across resource types (Terraform's MoveResourceState): the object recorded for `source` (its
   * type, its provider's source address, its attributes) in this type's form, or why this type refuses it. Types
   * without it do not support moves across types, as providers without the capability do not.
   */
  moveStateFrom?(source: {
    type: string;
    provider: string;
    attributes: Attrs;
  }): { attributes: Attrs } | { summary: string; detail: string };

  create(ctx: OperationContext, planned: Attrs): Promise<Attrs>;
  /** Refresh: what really exists now, or null when it is gone. */
  read(ctx: OperationContext, prior: Attrs): Promise<Attrs | null>;
  /**
   * True when read gives back the attributes it is given and says nothing (no warnings, no limitations, no host):
   * an object held only in state. Refresh then passes its instances by instead of reading each one.
   */
  readsNothing?: boolean;
  update(ctx: OperationContext, prior: Attrs, planned: Attrs): Promise<Attrs>;
  delete(ctx: OperationContext, prior: Attrs): Promise<void>;

  /**
   * Heat's stack actions on one resource. suspend/resume return the attributes after; a type without them is
   * suspended or resumed in state only (Heat's default). check resolves when the object is as expected and throws
   * with the reason otherwise; a type without it is not checked (Heat: "CHECK not supported for TYPE").
   */
  suspend?(ctx: OperationContext, prior: Attrs): Promise<Attrs>;
  resume?(ctx: OperationContext, prior: Attrs): Promise<Attrs>;
  check?(ctx: OperationContext, prior: Attrs): Promise<void>;

  /** How Heat's API describes the type (Heat's own types); absent: derived from `schema`. */
  heat?: HeatTypeDetails;
}

/**
 * An error a type throws that names the exception class Heat would report ("ValueError"): Heat's status reasons
 * read "ValueError: resources.NAME: MESSAGE". Any Error's `name` is read the same way; this only sets it.
 */
export class ResourceFailure extends Error {
  constructor(heatType: string, message: string) {
    super(message);
    this.name = heatType;
  }
}

/**
 * A data source (Terraform's `data "TYPE" "NAME"`): reads something that exists, during plan when its arguments are
 * known, otherwise during apply. It changes nothing; its result is recorded in state with mode "data".
 */
export interface DataSourceType {
  /** Full name with the provider prefix ("gantry_file", "terraform_remote_state"). */
  name: string;
  description: string;
  /** Arguments (required/optional) and the attributes read (computed). */
  schema: Record<string, AttributeSchema>;
  /** The read hook: the arguments (known), and what is read, arguments included. */
  read(ctx: OperationContext, config: Attrs): Promise<Attrs>;
}
