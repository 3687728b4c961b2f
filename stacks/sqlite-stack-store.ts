// The stack store in one SQLite file (better-sqlite3): WAL journal (readers never wait for the writer; another
// process can open the same file), a busy timeout, foreign keys, every write in a transaction, the schema's
// migrations applied at open. `:memory:` gives a private store (tests). Write transactions begin IMMEDIATE: a
// deferred one that read first could not wait for another connection's write lock (SQLite answers SQLITE_BUSY at
// once rather than risk a deadlock), so it takes the lock up front, and the busy timeout applies.

import { randomUUID } from "node:crypto";
import Sqlite, { type Database } from "better-sqlite3";
import { GantryError } from "../contract/diagnostics.js";
import { ConnectionGate } from "./connection-gate.js";
import { afterMarker, orderBy, type SortDir } from "./keyset-page.js";
import { SqliteSoftwareConfigStore } from "./sqlite-software-config-store.js";
import { SqliteStackSnapshotStore } from "./sqlite-stack-snapshot-store.js";
import { eventListFilters, stackListFilters } from "./store-list-filters.js";
import type { EventRecord, ResourceRecord, StackRecord, TokenRecord } from "./stack-records.js";
import { type EventQuery, StackNameTakenError, type StackQuery, type StackStore } from "./stack-store.js";
import { MIGRATIONS, MIGRATIONS_TABLE, type Migration } from "./store-schema.js";
import {
  type EventRow,
  eventFromRow,
  eventToRow,
  type ResourceRow,
  resourceFromRow,
  resourceToRow,
  type StackRow,
  stackFromRow,
  stackToRow,
  type TokenRow,
  tokenFromRow,
} from "./store-rows.js";
import { StoreStateBackend } from "./store-state-backend.js";
import { newTokenSecret, tokenHash, tokenMatches } from "./token-secret.js";

export interface SqliteStoreOptions {
  /** How long a statement waits for another connection's write lock (default 5 s). */
  busyTimeoutMs?: number;
  /** The migrations to apply (default: all of the schema's; tests give fewer). */
  migrations?: readonly Migration[];
}

/** Heat's stack sort keys (heat/db/api.py `_filter_and_page_query`) → columns; other keys are ignored, as there. */
const STACK_SORT_KEYS: Record<string, string> = {
  stack_name: "s.name",
  stack_status: "s.status",
  creation_time: "s.created_at",
  updated_time: "COALESCE(s.updated_at, '')",
};

/**
 * Heat's event sort keys (heat/db/api.py `_events_filter_and_page_query`): only the time and the resource type;
 * Heat ignores the others (resource_action, resource_status, resource_name), and so does this store.
 */
const EVENT_SORT_KEYS: Record<string, string> = {
  event_time: "e.time",
  resource_type: "e.resource_type",
};

/** The columns a stack change may set (tags are rows of their own). */
export const STACK_COLUMNS: Record<string, keyof StackRow> = {
  name: "name",
  parentId: "parent_id",
  action: "action",
  status: "status",
  statusReason: "status_reason",
  description: "description",
  disableRollback: "disable_rollback",
  timeoutMins: "timeout_mins",
  source: "source",
  previousSource: "previous_source",
  environment: "environment",
  outputs: "outputs",
  createdAt: "created_at",
  updatedAt: "updated_at",
  deletedAt: "deleted_at",
};

export class SqliteStackStore implements StackStore {
  private readonly gate = new ConnectionGate();
  readonly softwareConfigs: SqliteSoftwareConfigStore;
  readonly snapshots: SqliteStackSnapshotStore;

  private constructor(
    private readonly db: Database,
    /** The file (or ":memory:"). */
    readonly location: string,
  ) {
    this.softwareConfigs = new SqliteSoftwareConfigStore(db, this.gate);
    this.snapshots = new SqliteStackSnapshotStore(db, this.gate);
  }

  /** Opens (creating it if needed) the store in `file` and brings its schema up to date. */
  static open(file: string, opts: SqliteStoreOptions = {}): SqliteStackStore {
    let db: Database;
    try {
      db = new Sqlite(file, { timeout: opts.busyTimeoutMs ?? 5000 });
    } catch (e) {
      throw new GantryError(`cannot open the stack store ${file}: ${(e as Error).message}`);
    }
    try {
      db.pragma("journal_mode = WAL");
      // every commit reaches the disk before it is reported done (WAL's NORMAL could lose the last ones on power loss)
      db.pragma("synchronous = FULL");
      db.pragma("foreign_keys = ON");
      migrate(db, file, opts.migrations ?? MIGRATIONS);
    } catch (e) {
      db.close();
      if (e instanceof GantryError) throw e;
      throw new GantryError(`cannot open the stack store ${file}: ${(e as Error).message}`);
    }
    return new SqliteStackStore(db, file);
  }

  /** How many callers wait for a transaction of this connection to end. */
  waitingForConnection(): number {
    return this.gate.waiting;
  }

  /** The schema version of the store (the last migration applied). */
  schemaVersion(): number {
    return (this.db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number }).v;
  }

  // tokens

  issueToken(tenant: string, roles: string[]): Promise<{ token: string; record: TokenRecord }> {
    return this.gate.exclusive(() => {
      const token = newTokenSecret();
      const record: TokenRecord = { id: randomUUID(), tenant, roles: [...roles], createdAt: now() };
      this.db
        .prepare("INSERT INTO tokens (id, secret_sha256, tenant, roles, created_at) VALUES (?, ?, ?, ?, ?)")
        .run(record.id, tokenHash(token), tenant, JSON.stringify(record.roles), record.createdAt);
      return { token, record };
    });
  }

  authenticate(token: string): Promise<TokenRecord | undefined> {
    return this.gate.exclusive(() => {
      const row = this.db.prepare("SELECT * FROM tokens WHERE secret_sha256 = ?").get(tokenHash(token)) as
        | TokenRow
        | undefined;
      return row && tokenMatches(token, row.secret_sha256) ? tokenFromRow(row) : undefined;
    });
  }

  // stacks

  insertStack(stack: StackRecord): Promise<void> {
    return this.gate.exclusive(() =>
      this.db
        .transaction(() => {
          if (!stack.deletedAt) this.refuseTakenName(stack.tenant, stack.name, stack.id);
          const row = stackToRow(stack);
          const cols = Object.keys(row);
          try {
            this.db
              .prepare(`INSERT INTO stacks (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`)
              .run(row);
          } catch (e) {
            // another connection took the name between the check and the insert
            if (isUniqueViolation(e, "stacks.tenant")) throw new StackNameTakenError(stack.name);
            throw e;
          }
          this.setTags(stack.id, stack.tags);
        })
        .immediate(),
    );
  }

  getStack(id: string): Promise<StackRecord | undefined> {
    return this.gate.exclusive(() => this.stackById(id));
  }

  findStack(
    tenant: string | undefined,
    nameOrId: string,
    opts: { showDeleted?: boolean } = {},
  ): Promise<StackRecord | undefined> {
    return this.gate.exclusive(() => {
      const visible = (s: StackRecord | undefined) =>
        s && (tenant === undefined || s.tenant === tenant) && (opts.showDeleted || !s.deletedAt) ? s : undefined;
      const byId = visible(this.stackById(nameOrId));
      if (byId) return byId;
      const tenantClause = tenant === undefined ? "" : " AND tenant = ?";
      const params = tenant === undefined ? [nameOrId] : [nameOrId, tenant];
      // the live stack of that name first, then (with showDeleted) the last one deleted
      const row = this.db
        .prepare(
          `SELECT * FROM stacks WHERE name = ?${tenantClause}${opts.showDeleted ? "" : " AND deleted_at IS NULL"}
           ORDER BY CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END, deleted_at DESC, created_at ASC, id ASC LIMIT 1`,
        )
        .get(...params) as StackRow | undefined;
      return row ? this.withTags(row) : undefined;
    });
  }

  listStacks(query: StackQuery): Promise<StackRecord[]> {
    return this.gate.exclusive(() => {
      const { where, params } = stackListFilters(query);
      const { keys, dir } = sortOrder(query.sortKeys, query.sortDir, STACK_SORT_KEYS, "s.created_at", "s.id");
      this.afterMarker("stacks s", "s.id", query.marker, keys, dir, where, params);
      let sql = `SELECT s.* FROM stacks s${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
      sql += ` ORDER BY ${orderBy(keys, dir)}`;
      if (query.limit !== undefined) {
        sql += " LIMIT ?";
        params.push(query.limit);
      }
      return (this.db.prepare(sql).all(...params) as StackRow[]).map((r) => this.withTags(r));
    });
  }

  updateStack(id: string, change: Partial<Omit<StackRecord, "id" | "tenant">>): Promise<void> {
    return this.gate.exclusive(() =>
      this.db
        .transaction(() => {
          const current = this.stackById(id);
          if (!current) throw new GantryError(`no stack ${id} in the store ${this.location}`);
          const next: StackRecord = { ...current, ...change };
          // a field given as undefined is cleared
          for (const [k, v] of Object.entries(change))
            if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
          if (!next.deletedAt && (next.name !== current.name || current.deletedAt))
            this.refuseTakenName(next.tenant, next.name, id);
          const row = stackToRow(next);
          const cols = Object.keys(change)
            .map((k) => STACK_COLUMNS[k])
            .filter((c): c is keyof StackRow => c !== undefined);
          if (cols.length) {
            try {
              this.db
                .prepare(`UPDATE stacks SET ${cols.map((c) => `${c} = @${c}`).join(", ")} WHERE id = @id`)
                .run({ ...Object.fromEntries(cols.map((c) => [c, row[c]])), id });
            } catch (e) {
              if (isUniqueViolation(e, "stacks.tenant")) throw new StackNameTakenError(next.name);
              throw e;
            }
          }
          if (change.tags) this.setTags(id, change.tags);
        })
        .immediate(),
    );
  }

  interruptedStacks(): Promise<StackRecord[]> {
    return this.gate.exclusive(() =>
      (
        this.db
          .prepare(
            "SELECT * FROM stacks WHERE status = 'IN_PROGRESS' AND deleted_at IS NULL ORDER BY created_at ASC, id ASC",
          )
          .all() as StackRow[]
      ).map((r) => this.withTags(r)),
    );
  }

  // resources

  putResource(resource: ResourceRecord): Promise<void> {
    return this.gate.exclusive(() => {
      const row = resourceToRow(resource);
      const cols = Object.keys(row);
      const updates = cols.filter((c) => c !== "stack_id" && c !== "name" && c !== "created_at");
      this.db
        .prepare(
          `INSERT INTO resources (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})
           ON CONFLICT (stack_id, name) DO UPDATE SET ${updates.map((c) => `${c} = excluded.${c}`).join(", ")}`,
        )
        .run(row);
    });
  }

  deleteResource(stackId: string, name: string): Promise<void> {
    return this.gate.exclusive(() => {
      this.db.prepare("DELETE FROM resources WHERE stack_id = ? AND name = ?").run(stackId, name);
    });
  }

  listResources(stackId: string): Promise<ResourceRecord[]> {
    return this.gate.exclusive(() =>
      (
        this.db
          .prepare("SELECT * FROM resources WHERE stack_id = ? ORDER BY created_at ASC, name ASC")
          .all(stackId) as ResourceRow[]
      ).map(resourceFromRow),
    );
  }

  getResource(stackId: string, name: string): Promise<ResourceRecord | undefined> {
    return this.gate.exclusive(() => {
      const row = this.db.prepare("SELECT * FROM resources WHERE stack_id = ? AND name = ?").get(stackId, name) as
        | ResourceRow
        | undefined;
      return row ? resourceFromRow(row) : undefined;
    });
  }

  // events

  addEvent(event: Omit<EventRecord, "id" | "seq">): Promise<EventRecord> {
    return this.gate.exclusive(() =>
      this.db
        .transaction(() => {
          const { value } = this.db
            .prepare("UPDATE counters SET value = value + 1 WHERE name = 'event_seq' RETURNING value")
            .get() as { value: number };
          const record: EventRecord = { ...event, id: randomUUID(), seq: Number(value) };
          const row = eventToRow(record);
          const cols = Object.keys(row);
          this.db
            .prepare(`INSERT INTO events (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`)
            .run(row);
          return record;
        })
        .immediate(),
    );
  }

  listEvents(query: EventQuery): Promise<EventRecord[]> {
    return this.gate.exclusive(() => {
      const { where, params } = eventListFilters(query);
      const { keys, dir } = sortOrder(query.sortKeys, query.sortDir, EVENT_SORT_KEYS, "e.time", "e.seq");
      this.afterMarker("events e", "e.id", query.marker, keys, dir, where, params);
      let sql = `SELECT e.* FROM events e WHERE ${where.join(" AND ")} ORDER BY ${orderBy(keys, dir)}`;
      if (query.limit !== undefined) {
        sql += " LIMIT ?";
        params.push(query.limit);
      }
      return (this.db.prepare(sql).all(...params) as EventRow[]).map(eventFromRow);
    });
  }

  // engine state

  stateBackend(stackId: string): StoreStateBackend {
    return new StoreStateBackend(this.db, this.gate, stackId, this.location);
  }

  // transactions

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.gate.inside()) {
      // nested: a savepoint, so that a failure undoes this part only
      const name = `sp_${randomUUID().replaceAll("-", "")}`;
      return (async () => {
        this.db.exec(`SAVEPOINT ${name}`);
        try {
          const result = await fn();
          this.db.exec(`RELEASE ${name}`);
          return result;
        } catch (e) {
          this.db.exec(`ROLLBACK TO ${name}`);
          this.db.exec(`RELEASE ${name}`);
          throw e;
        }
      })();
    }
    return this.gate.exclusive(async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn();
        this.db.exec("COMMIT");
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    });
  }

  close(): Promise<void> {
    return this.gate.exclusive(() => {
      if (this.db.open) this.db.close();
    });
  }

  /**
   * Keyset paging: the rows after the marker's in this order (Heat looks the marker up by its id alone; an unknown
   * marker is ignored, which gives the first page). Adds the condition to `where` and `params`.
   */
  private afterMarker(
    from: string,
    idColumn: string,
    markerId: string | undefined,
    keys: string[],
    dir: SortDir,
    where: string[],
    params: unknown[],
  ): void {
    if (markerId === undefined) return;
    const marker = this.db
      .prepare(`SELECT ${keys.map((k, i) => `${k} AS k${i}`).join(", ")} FROM ${from} WHERE ${idColumn} = ?`)
      .get(markerId) as Record<string, unknown> | undefined;
    if (!marker) return;
    const after = afterMarker(
      keys,
      dir,
      keys.map((_, i) => marker[`k${i}`]),
    );
    where.push(after.sql);
    params.push(...after.params);
  }

  private stackById(id: string): StackRecord | undefined {
    const row = this.db.prepare("SELECT * FROM stacks WHERE id = ?").get(id) as StackRow | undefined;
    return row ? this.withTags(row) : undefined;
  }

  private withTags(row: StackRow): StackRecord {
    const tags = this.db
      .prepare("SELECT tag FROM stack_tags WHERE stack_id = ? ORDER BY position")
      .pluck()
      .all(row.id) as string[];
    return stackFromRow(row, tags);
  }

  private setTags(stackId: string, tags: string[]): void {
    this.db.prepare("DELETE FROM stack_tags WHERE stack_id = ?").run(stackId);
    const insert = this.db.prepare("INSERT INTO stack_tags (stack_id, position, tag) VALUES (?, ?, ?)");
    for (const [i, tag] of tags.entries()) insert.run(stackId, i, tag);
  }

  private refuseTakenName(tenant: string, name: string, id: string): void {
    const taken = this.db
      .prepare("SELECT id FROM stacks WHERE tenant = ? AND name = ? AND deleted_at IS NULL AND id <> ?")
      .get(tenant, name, id);
    if (taken) throw new StackNameTakenError(name);
  }
}

/** Applies the migrations not applied yet, all in one transaction (another process opening the file waits). */
function migrate(db: Database, file: string, migrations: readonly Migration[]): void {
  const known = migrations.at(-1)?.version ?? 0;
  // an up-to-date store is only read (opening it never waits for another process's write)
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (hasTable) {
    const { v } = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null };
    if (v === known) return;
  }
  db.transaction(() => {
    db.exec(MIGRATIONS_TABLE);
    const applied = (db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v;
    if ((applied ?? 0) > known)
      throw new GantryError(
        `the stack store ${file} has schema version ${applied}; this gantry knows up to ${known} ` +
          "(a newer gantry wrote it)",
      );
    for (const m of migrations) {
      if (m.version <= (applied ?? 0)) continue;
      for (const statement of m.statements) db.prepare(statement).run();
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        now(),
      );
    }
  }).immediate();
}

/** The sort keys as columns (unknown keys dropped, as Heat does), the tie-breaker last, and the direction. */
export function sortOrder(
  sortKeys: string[] | undefined,
  sortDir: SortDir | undefined,
  known: Record<string, string>,
  defaultKey: string,
  tieBreaker: string,
): { keys: string[]; dir: SortDir } {
  const keys = (sortKeys ?? []).filter((k) => Object.hasOwn(known, k)).map((k) => known[k]!);
  // Heat's default: newest first; with keys given, ascending unless told
  if (!keys.length) return { keys: [defaultKey, tieBreaker], dir: sortDir ?? "desc" };
  return { keys: [...new Set(keys), tieBreaker], dir: sortDir ?? "asc" };
}

function isUniqueViolation(e: unknown, columnHint: string): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === "SQLITE_CONSTRAINT_UNIQUE" && !!err.message?.includes(columnHint);
}

function now(): string {
  return new Date().toISOString();
}
