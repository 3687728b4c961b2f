// What the body of each declaration may contain, for every language: the
// fields of variables and outputs, the meta-arguments of resources, their
// nested blocks (lifecycle, update_policy, validation, provisioner, connection), and the JSON Schema
// (with an `expected` text for messages) each field's value must satisfy.
// templates/block-check.ts checks bodies against these.
//
// Resource bodies are open: fields that are not meta-arguments are the
// resource's own properties, checked later against the type's schema.
//
// `expected` texts may say <addr>, an example resource address; it is spelled
// the way the language spells types ("noop.a" in YAML, "gantry_noop.a" in
// Terraform JSON).

/** A JSON Schema, with gantry's `expected` text and custom keywords (templates/block-check.ts). */
export type FieldSchema = Record<string, unknown>;

export type FieldRule =
  | { kind: "value"; schema: FieldSchema }
  /**
   * A nested block. `lists`: a list of bodies is accepted always, never, or where
   * the language writes repeated blocks as lists (Terraform JSON). `describe`:
   * messages name its fields as a path ("lifecycle.ignore_changes" of …) or
   * as fields of the block ("condition" in validation of …).
   */
  | {
      kind: "block";
      block: BlockSchema;
      lists: "always" | "dialect" | "never";
      describe: "path" | "block";
      expected: string;
    }
  /**
   * Blocks with one label, kept in order (Terraform's `provisioner "local-exec" { ... }`): a list of maps whose
   * one member is keyed by the label, or a map keyed by label; each label's value is a body or a list of bodies.
   * `labels`: the body schema per label; `unsupportedLabels`: labels recognized but not implemented, with why.
   */
  | {
      kind: "labeled";
      labels: Record<string, BlockSchema>;
      unsupportedLabels: Record<string, string>;
      expected: string;
    }
  /** Recognized but not implemented: reported as "not supported yet". */
  | { kind: "unsupported"; detail?: string }
  /** Accepted as it is. */
  | { kind: "any" };

export interface BlockSchema {
  /** The body as a whole, for the message when it is not a map. */
  expected: string;
  /** A body may be empty (null), as `noop.a:` in YAML. */
  nullable: boolean;
  required: string[];
  fields: Record<string, FieldRule>;
  /** Fields not listed are properties (resources) instead of unknown fields. */
  open: boolean;
  /** Sets of fields of which exactly one must be written (remote-exec's inline, script, scripts). */
  exactlyOne?: string[][];
}

const value = (schema: FieldSchema): FieldRule => ({ kind: "value", schema });

const addressList: FieldSchema = {
  type: "array",
  expected: "a list of resource addresses such as [<addr>]",
  items: { type: "string", address: "resource", expected: "a resource address such as <addr>" },
};

const triggerList: FieldSchema = {
  type: "array",
  expected: 'a list of resource, instance or attribute references such as ["noop.a", "noop.a.id"]',
  items: { type: "string", address: "trigger", expected: 'a reference such as "noop.a", "noop.a[0]" or "noop.a.id"' },
};

const VALIDATION_RULE_BLOCK: BlockSchema = {
  expected: "a map with condition and error_message",
  nullable: false,
  required: ["condition", "error_message"],
  open: false,
  fields: {
    condition: value({ type: ["string", "boolean"], expected: 'an expression string such as "${var.x > 0}"' }),
    error_message: value({ type: "string", expected: "a string" }),
  },
};

/** precondition, postcondition and check assertions: Terraform's custom conditions. */
const CONDITION_BLOCK: BlockSchema = {
  expected: "a map with condition and error_message",
  nullable: false,
  required: ["condition", "error_message"],
  open: false,
  fields: {
    condition: value({ type: ["string", "boolean"], expected: 'an expression string such as "${self.id != ""}"' }),
    error_message: value({ type: "string", expected: "a string" }),
  },
};

const conditions = (what: string): FieldRule => ({
  kind: "block",
  block: CONDITION_BLOCK,
  lists: "always",
  describe: "block",
  expected: `a ${what} block (condition, error_message) or a list of them`,
});

const LIFECYCLE_BLOCK: BlockSchema = {
  expected:
    "a map with create_before_destroy, prevent_destroy, ignore_changes, replace_triggered_by, precondition, " +
    "postcondition",
  nullable: false,
  required: [],
  open: false,
  fields: {
    create_before_destroy: value({ type: "boolean", expected: "true or false" }),
    prevent_destroy: value({ type: "boolean", expected: "true or false" }),
    ignore_changes: value({
      type: ["array", "string"],
      pattern: "^\\s*(all|\\$\\{\\s*all\\s*\\})\\s*$",
      expected: 'a list of attribute names or "all"',
      items: { type: "string", expected: "an attribute name" },
    }),
    replace_triggered_by: value(triggerList),
    precondition: conditions("precondition"),
    postcondition: conditions("postcondition"),
  },
};

const UPDATE_POLICY_BLOCK: BlockSchema = {
  expected:
    "a map with group, max_batch_size, min_in_service, member, pause_time, rolling, create_batch_size, " +
    "create_pause_time",
  nullable: false,
  required: ["group"],
  open: false,
  fields: {
    group: value({ type: "string", expected: "a group name" }),
    max_batch_size: value({ type: "integer", minimum: 1, expected: "a whole number >= 1" }),
    min_in_service: value({ type: "integer", minimum: 0, expected: "a whole number >= 0" }),
    member: value({ type: "string", expected: "a member name" }),
    pause_time: value({ type: "number", minimum: 0, expected: "seconds >= 0" }),
    rolling: value({ type: "boolean", expected: "true or false" }),
    create_batch_size: value({ type: "integer", minimum: 1, expected: "a whole number >= 1" }),
    create_pause_time: value({ type: "number", minimum: 0, expected: "seconds >= 0" }),
  },
};

/** What an expression string may look like for a keyword argument ("destroy" or "${destroy}"). */
const keyword = (words: string[], expected: string): FieldSchema => ({
  type: "string",
  pattern: `^\\s*(${words.join("|")}|\\$\\{\\s*(${words.join("|")})\\s*\\})\\s*$`,
  expected,
});

/** An argument that is a string, a number or a bool as written, or an expression string. */
const scalar = (expected: string): FieldRule => value({ type: ["string", "number", "boolean"], expected });

const CONNECTION_UNSUPPORTED =
  "gantry's connections are ssh with a private key, the ssh agent or a password, and a bastion reached with the " +
  "same credentials; certificates, other bastion credentials, proxies and winrm are not implemented.";

/**
 * Terraform's `connection` block (a resource's, or a provisioner's overriding it argument by argument): how remote-exec
 * and file reach the machine. `host` is required of the merged block (templates/resource-builder.ts).
 */
export const CONNECTION_BLOCK: BlockSchema = {
  expected:
    "a map with type, host, port, user, password, private_key, agent, host_key, timeout, script_path, " +
    "target_platform, bastion_host, bastion_port, bastion_user, bastion_host_key",
  nullable: false,
  required: [],
  open: false,
  fields: {
    type: scalar('"ssh"'),
    host: scalar("a host name or address"),
    port: scalar("a port number"),
    user: scalar("a user name"),
    password: scalar("a string"),
    private_key: scalar('the contents of a private key, such as file("~/.ssh/id_ed25519")'),
    agent: scalar("true or false"),
    host_key: scalar('the host\'s public key, such as "ssh-ed25519 AAAA..."'),
    timeout: scalar('a duration such as "5m" or "30s"'),
    script_path: scalar("a path on the remote machine"),
    target_platform: scalar('"unix"'),
    bastion_host: scalar("a host name or address"),
    bastion_port: scalar("a port number"),
    bastion_user: scalar("a user name"),
    bastion_host_key: scalar("the bastion's public key"),
    certificate: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    agent_identity: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    bastion_password: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    bastion_private_key: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    bastion_certificate: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    proxy_scheme: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    proxy_host: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    proxy_port: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    proxy_user_name: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    proxy_user_password: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    https: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    insecure: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    use_ntlm: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
    cacert: { kind: "unsupported", detail: CONNECTION_UNSUPPORTED },
  },
};

const connection: FieldRule = {
  kind: "block",
  block: CONNECTION_BLOCK,
  lists: "dialect",
  describe: "block",
  expected: "a connection block (type, host, user, private_key, ...)",
};

const stringList = (expected: string): FieldRule =>
  value({
    type: ["array", "string"],
    expected,
    items: { type: ["string", "number", "boolean"], expected: "a string" },
  });

/** local-exec, as Terraform 1.11's: the command runs on the machine running gantry. */
export const LOCAL_EXEC_BLOCK: BlockSchema = {
  expected: "a map with command, interpreter, environment, working_dir, quiet, when, on_failure",
  nullable: false,
  required: ["command"],
  open: false,
  fields: {
    command: value({ type: "string", expected: "a command string" }),
    interpreter: value({
      type: ["array", "string"],
      expected: 'a list of strings such as ["/bin/bash", "-c"], or an expression string',
      items: { type: ["string", "number", "boolean"], expected: "a string" },
    }),
    environment: value({ type: ["object", "string"], expected: "a map of strings, or an expression string" }),
    working_dir: value({ type: "string", expected: "a directory path" }),
    quiet: value({ type: ["boolean", "string"], expected: "true or false" }),
    when: value(keyword(["create", "destroy"], "create or destroy")),
    on_failure: value(keyword(["continue", "fail"], "continue or fail")),
    // Terraform accepts a connection in any provisioner block; local-exec does not use it
    connection,
  },
};

/** remote-exec, as Terraform 1.11's: inline commands, or local scripts, run on the machine of the connection. */
export const REMOTE_EXEC_BLOCK: BlockSchema = {
  expected: "a map with inline, script, scripts, when, on_failure, connection",
  nullable: false,
  required: [],
  open: false,
  exactlyOne: [["inline", "script", "scripts"]],
  fields: {
    inline: stringList('a list of commands such as ["echo hello"], or an expression string'),
    script: value({ type: "string", expected: "a path to a local script" }),
    scripts: stringList("a list of paths to local scripts, or an expression string"),
    when: value(keyword(["create", "destroy"], "create or destroy")),
    on_failure: value(keyword(["continue", "fail"], "continue or fail")),
    connection,
  },
};

/** file, as Terraform 1.11's: a local file or directory (source), or text (content), copied to destination. */
export const FILE_BLOCK: BlockSchema = {
  expected: "a map with source, content, destination, when, on_failure, connection",
  nullable: false,
  required: ["destination"],
  open: false,
  exactlyOne: [["source", "content"]],
  fields: {
    source: value({ type: "string", expected: "a local file or directory path" }),
    content: scalar("a string"),
    destination: value({ type: "string", expected: "a path on the remote machine" }),
    when: value(keyword(["create", "destroy"], "create or destroy")),
    on_failure: value(keyword(["continue", "fail"], "continue or fail")),
    connection,
  },
};

export const VARIABLE_BLOCK: BlockSchema = {
  expected: "a map with type, default, description, sensitive, nullable, validation",
  nullable: true,
  required: [],
  open: false,
  fields: {
    type: value({
      type: "string",
      expected: "a type constraint such as string, list(string) or object({name = string})",
    }),
    default: { kind: "any" },
    description: value({ type: "string", expected: "a string" }),
    sensitive: value({ type: "boolean", expected: "true or false" }),
    nullable: value({ type: "boolean", expected: "true or false" }),
    ephemeral: value({ type: "boolean", expected: "true or false" }),
    validation: {
      kind: "block",
      block: VALIDATION_RULE_BLOCK,
      lists: "always",
      describe: "block",
      expected: "a validation rule (condition, error_message) or a list of them",
    },
  },
};

export const RESOURCE_BLOCK: BlockSchema = {
  expected: "a map of properties",
  nullable: true,
  required: [],
  open: true,
  fields: {
    count: value({ type: ["integer", "string"], minimum: 0, expected: "a number or an expression string" }),
    for_each: value({ type: ["object", "array", "string"], expected: "a map, a list or an expression string" }),
    depends_on: value(addressList),
    lifecycle: {
      kind: "block",
      block: LIFECYCLE_BLOCK,
      lists: "dialect",
      describe: "path",
      expected: LIFECYCLE_BLOCK.expected,
    },
    update_policy: {
      kind: "block",
      block: UPDATE_POLICY_BLOCK,
      lists: "dialect",
      describe: "path",
      expected: UPDATE_POLICY_BLOCK.expected,
    },
    // The only provider is gantry's.
    provider: { kind: "any" },
    // nested blocks repeated by for_each (templates/dynamic-blocks.ts)
    dynamic: { kind: "any" },
    provisioner: {
      kind: "labeled",
      labels: { "local-exec": LOCAL_EXEC_BLOCK, "remote-exec": REMOTE_EXEC_BLOCK, file: FILE_BLOCK },
      unsupportedLabels: {},
      expected: 'a list of provisioners such as [{"local-exec": {"command": "..."}}]',
    },
    connection,
  },
};

export const OUTPUT_BLOCK: BlockSchema = {
  expected: "a map with value, description, sensitive, depends_on, precondition",
  nullable: false,
  required: ["value"],
  open: false,
  fields: {
    value: { kind: "any" },
    description: value({ type: "string", expected: "a string" }),
    sensitive: value({ type: "boolean", expected: "true or false" }),
    depends_on: value(addressList),
    precondition: conditions("precondition"),
  },
};

export const CHECK_BLOCK: BlockSchema = {
  expected: "a map with assert and data blocks",
  nullable: false,
  required: ["assert"],
  open: false,
  fields: {
    assert: conditions("assert"),
    // scoped data sources: read by templates/check-builder.ts (buildScopedData) with the data resource's own checks
    data: { kind: "any" },
  },
};

export const MOVED_BLOCK: BlockSchema = {
  expected: "a map with from and to",
  nullable: false,
  required: ["from", "to"],
  open: false,
  fields: {
    from: value({ type: "string", expected: "a resource or instance address such as <addr>" }),
    to: value({ type: "string", expected: "a resource or instance address such as <addr>" }),
  },
};

export const IMPORT_BLOCK: BlockSchema = {
  expected: "a map with to and id",
  nullable: false,
  required: ["to", "id"],
  open: false,
  fields: {
    to: value({ type: "string", expected: "a resource instance address such as <addr>" }),
    id: value({ type: "string", expected: "an import id string (or an expression string known at plan)" }),
    // The only provider is gantry's.
    provider: { kind: "any" },
    for_each: { kind: "unsupported" },
    identity: { kind: "unsupported" },
    // what was kept of the object beside its id: only a front end that says so writes it (HOT: Heat's adopt)
    data: { kind: "any" },
  },
};

/** Data resources: their arguments, count, for_each, depends_on, and lifecycle's conditions. */
export const DATA_BLOCK: BlockSchema = {
  expected: "a map of arguments",
  nullable: true,
  required: [],
  open: true,
  fields: {
    count: RESOURCE_BLOCK.fields.count,
    for_each: RESOURCE_BLOCK.fields.for_each,
    depends_on: RESOURCE_BLOCK.fields.depends_on,
    lifecycle: {
      kind: "block",
      block: {
        expected: "a map with precondition, postcondition",
        nullable: false,
        required: [],
        open: false,
        fields: { precondition: conditions("precondition"), postcondition: conditions("postcondition") },
      },
      lists: "dialect",
      describe: "path",
      expected: "a map with precondition, postcondition",
    },
    provider: { kind: "any" },
  },
};

export const LOCAL_BACKEND_BLOCK: BlockSchema = {
  expected: "a map with path",
  nullable: false,
  required: [],
  open: false,
  fields: {
    path: value({ type: "string", expected: "a file path" }),
    workspace_dir: { kind: "unsupported" },
  },
};

/** `backend "pg"`: Terraform's settings for state in PostgreSQL. */
export const PG_BACKEND_BLOCK: BlockSchema = {
  expected: "a map with conn_str, schema_name, skip_schema_creation",
  nullable: false,
  required: [],
  open: false,
  fields: {
    conn_str: value({ type: "string", expected: "a connection string such as postgres://user@host/db" }),
    schema_name: value({ type: "string", expected: "a schema name" }),
    skip_schema_creation: value({ type: "boolean", expected: "true or false" }),
    skip_table_creation: { kind: "unsupported", detail: "gantry creates and migrates its own tables" },
    skip_index_creation: { kind: "unsupported", detail: "gantry creates and migrates its own tables" },
  },
};

/** The `terraform` block. Providers and backends are read by templates/terraform-settings-builder.ts. */
export const TERRAFORM_BLOCK: BlockSchema = {
  expected: "a map with required_version, required_providers, backend",
  nullable: false,
  required: [],
  open: false,
  fields: {
    required_version: value({ type: "string", expected: 'a version constraint such as ">= 1.5"' }),
    required_providers: { kind: "any" },
    backend: { kind: "any" },
    cloud: {
      kind: "unsupported",
      detail: 'Gantry keeps state in a local file (backend "local") or in PostgreSQL (backend "pg").',
    },
    experiments: { kind: "unsupported" },
    provider_meta: { kind: "unsupported" },
  },
};

/** A `provider` block: accepted for gantry's built-in providers, its settings unused. */
export const PROVIDER_BLOCK: BlockSchema = {
  expected: "a map of provider settings",
  nullable: true,
  required: [],
  open: true,
  fields: {},
};

/** A module call: source and meta-arguments; every other field is an input (checked against the module's variables). */
export const MODULE_BLOCK: BlockSchema = {
  expected: "a map with source and the module's inputs",
  nullable: false,
  required: ["source"],
  open: true,
  fields: {
    source: value({ type: "string", expected: 'a local path such as "./modules/web"' }),
    count: value({ type: ["integer", "string"], minimum: 0, expected: "a number or an expression string" }),
    for_each: value({ type: ["object", "array", "string"], expected: "a map, a list or an expression string" }),
    depends_on: value(addressList),
    // gantry's providers are built in: a providers map is accepted and has nothing to pass on
    providers: { kind: "any" },
    version: {
      kind: "unsupported",
      detail: "version applies to registry modules; gantry supports only local module paths.",
    },
  },
};
