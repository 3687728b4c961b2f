// What the Heat API server keeps about stacks: the records its store holds.
// Field names are gantry's (camelCase); the API renders them in Heat's words
// (`stack_status`, `physical_resource_id` …).

/** Heat's actions; a stack's or resource's status is ACTION_STATUS ("CREATE_COMPLETE"). */
export type HeatAction =
  | "INIT"
  | "CREATE"
  | "UPDATE"
  | "DELETE"
  | "ROLLBACK"
  | "SUSPEND"
  | "RESUME"
  | "CHECK"
  | "ADOPT"
  | "SNAPSHOT"
  | "RESTORE"
  /** Events only: a resource received a signal (its record keeps its action). */
  | "SIGNAL";

export type HeatStatus = "IN_PROGRESS" | "COMPLETE" | "FAILED";

/**
 * The role of the tokens wait condition handles give out (Heat's stack user): they may signal the handle they
 * belong to and read resource metadata, nothing else.
 */
export const STACK_USER_ROLE = "heat_stack_user";

/** A token's holder: the tenant (project) it acts for and its roles ("admin" sees every tenant). */
export interface TokenRecord {
  /** Public id of the token (never the secret; the store keeps only a hash of that). */
  id: string;
  tenant: string;
  roles: string[];
  createdAt: string;
}

/** What a stack is made from, as the API received it. */
export interface StackSource {
  /** The template as parsed from the request (HOT as a JSON object). */
  template: Record<string, unknown>;
  /** The environments in the order given (the request's `environment` last), each as parsed. */
  environments: Record<string, unknown>[];
  /** The `files` map: names as the template and environments use them → contents. */
  files: Record<string, string>;
  /** The request's `parameters` (they win over every environment). */
  parameters: Record<string, unknown>;
  /** Adopting, for the create only (never stored): Heat's adopt data of the existing resources, by name. */
  adopt?: Record<string, unknown>;
}

export interface StackOutputRecord {
  key: string;
  value: unknown;
  description?: string;
  /** Why the value could not be computed (Heat's `output_error`). */
  error?: string;
}

export interface StackRecord {
  /** A UUID. */
  id: string;
  /** What gantry warned about in the source when the stack was created (told in the answer, not stored). */
  warnings?: string[];
  name: string;
  tenant: string;
  /** The parent stack's id, for a nested stack. */
  parentId?: string;
  action: HeatAction;
  status: HeatStatus;
  statusReason: string;
  description: string;
  tags: string[];
  disableRollback: boolean;
  timeoutMins?: number;
  source: StackSource;
  /** The source of the last stack that completed (what a rollback returns to); none before the first. */
  previousSource?: StackSource;
  /** The merged environment as Heat shows it (`GET .../environment`). */
  environment: Record<string, unknown>;
  outputs: StackOutputRecord[];
  createdAt: string;
  updatedAt?: string;
  deletedAt?: string;
}

export interface ResourceRecord {
  stackId: string;
  /** The logical name in the template. */
  name: string;
  /** The type as the template names it ("OS::Heat::RandomString"). */
  type: string;
  /** The physical resource id ("" until created); stable across in-place updates. */
  physicalId: string;
  action: HeatAction;
  status: HeatStatus;
  statusReason: string;
  /** Logical names of the resources that depend on this one. */
  requiredBy: string[];
  /** The resource's attributes as last recorded (for `with_detail` and get_attr). */
  attributes: Record<string, unknown>;
  metadata: unknown;
  /** The nested stack's id (ResourceGroup, provider templates). */
  nestedStackId?: string;
  createdAt: string;
  updatedAt?: string;
}

export interface EventRecord {
  /** A UUID. */
  id: string;
  /** Order of events across the whole store (strictly increasing). */
  seq: number;
  stackId: string;
  /** The logical resource name; the stack's name for an event of the stack itself. */
  resourceName: string;
  physicalResourceId: string;
  /** "OS::Heat::Stack" for the stack itself. */
  resourceType: string;
  action: HeatAction;
  status: HeatStatus;
  reason: string;
  time: string;
  properties?: Record<string, unknown>;
}
