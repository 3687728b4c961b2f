// The stack store's schema: numbered migrations, applied in order when a store opens, each recorded in
// `schema_migrations`. Plain SQL that SQLite and PostgreSQL both run (issue #13): TEXT for identifiers, times
// (ISO 8601, UTC, so they sort as text) and JSON documents, INTEGER/BIGINT for numbers and flags, partial unique
// indexes, ON CONFLICT upserts. Event numbers come from the `counters` table, not from an autoincrement column,
// so that they mean the same in both. Never edit a migration that has shipped: add the next one.

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "tokens, stacks, tags, resources, events, engine state and its locks",
    statements: [
      `CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        secret_sha256 TEXT NOT NULL UNIQUE,
        tenant TEXT NOT NULL,
        roles TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE stacks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        tenant TEXT NOT NULL,
        parent_id TEXT REFERENCES stacks (id),
        action TEXT NOT NULL,
        status TEXT NOT NULL,
        status_reason TEXT NOT NULL,
        description TEXT NOT NULL,
        disable_rollback INTEGER NOT NULL,
        timeout_mins INTEGER,
        source TEXT NOT NULL,
        previous_source TEXT,
        environment TEXT NOT NULL,
        outputs TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT,
        deleted_at TEXT
      )`,
      // a name is taken among a tenant's live stacks only: a deleted stack's name can be used again
      "CREATE UNIQUE INDEX stacks_live_name ON stacks (tenant, name) WHERE deleted_at IS NULL",
      "CREATE INDEX stacks_tenant_created ON stacks (tenant, created_at)",
      "CREATE INDEX stacks_parent ON stacks (parent_id)",
      "CREATE INDEX stacks_status ON stacks (status)",
      `CREATE TABLE stack_tags (
        stack_id TEXT NOT NULL REFERENCES stacks (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (stack_id, position)
      )`,
      "CREATE INDEX stack_tags_tag ON stack_tags (tag, stack_id)",
      `CREATE TABLE resources (
        stack_id TEXT NOT NULL REFERENCES stacks (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        physical_id TEXT NOT NULL,
        action TEXT NOT NULL,
        status TEXT NOT NULL,
        status_reason TEXT NOT NULL,
        required_by TEXT NOT NULL,
        attributes TEXT NOT NULL,
        metadata TEXT,
        nested_stack_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT,
        PRIMARY KEY (stack_id, name)
      )`,
      `CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value BIGINT NOT NULL
      )`,
      "INSERT INTO counters (name, value) VALUES ('event_seq', 0)",
      `CREATE TABLE events (
        seq BIGINT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        stack_id TEXT NOT NULL REFERENCES stacks (id) ON DELETE CASCADE,
        resource_name TEXT NOT NULL,
        physical_resource_id TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        action TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        time TEXT NOT NULL,
        properties TEXT
      )`,
      "CREATE INDEX events_stack ON events (stack_id, seq)",
      // the engine's state of a stack: the version written last, and the one before it (the backup)
      `CREATE TABLE stack_states (
        stack_id TEXT NOT NULL REFERENCES stacks (id) ON DELETE CASCADE,
        slot TEXT NOT NULL CHECK (slot IN ('current', 'backup')),
        serial BIGINT NOT NULL,
        lineage TEXT NOT NULL,
        body TEXT NOT NULL,
        written_at TEXT NOT NULL,
        PRIMARY KEY (stack_id, slot)
      )`,
      `CREATE TABLE state_locks (
        stack_id TEXT PRIMARY KEY REFERENCES stacks (id) ON DELETE CASCADE,
        lock_id TEXT NOT NULL,
        operation TEXT NOT NULL,
        who TEXT NOT NULL,
        pid INTEGER NOT NULL,
        created_at TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: "software configs and deployments, stack snapshots",
    statements: [
      `CREATE TABLE software_configs (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        name TEXT,
        config_group TEXT,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        stack_id TEXT
      )`,
      "CREATE INDEX software_configs_tenant_created ON software_configs (tenant, created_at)",
      "CREATE INDEX software_configs_stack ON software_configs (stack_id)",
      `CREATE TABLE software_deployments (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        server_id TEXT NOT NULL,
        config_id TEXT NOT NULL REFERENCES software_configs (id),
        input_values TEXT NOT NULL,
        output_values TEXT,
        action TEXT,
        status TEXT,
        status_reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT
      )`,
      "CREATE INDEX software_deployments_server ON software_deployments (server_id, created_at)",
      "CREATE INDEX software_deployments_config ON software_deployments (config_id)",
      // a snapshot: Heat's record (data as the API shows it) and the stack's sources to restore
      `CREATE TABLE stack_snapshots (
        id TEXT PRIMARY KEY,
        stack_id TEXT NOT NULL REFERENCES stacks (id) ON DELETE CASCADE,
        tenant TEXT NOT NULL,
        name TEXT,
        status TEXT NOT NULL,
        status_reason TEXT,
        data TEXT,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      "CREATE INDEX stack_snapshots_stack ON stack_snapshots (stack_id, created_at)",
    ],
  },
];

/** The table that records which migrations a store has applied. */
export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;
