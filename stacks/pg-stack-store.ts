// The stack store in PostgreSQL (the `pg` package), shared by several `gantry serve` replicas: the same tables as
// the SQLite store (store-schema.ts) plus the work leases (store-work-schema.ts), migrations applied at open under an
// advisory lock, every multi-statement write in a transaction. Text sort keys compare byte-wise (COLLATE "C"), as
// SQLite compares them, so pages come out in the same order from both stores.

import { randomUUID } from "node:crypto";
import { GantryError } from "../contract/diagnostics.js";
import { afterMarker, orderBy, type SortDir } from "./keyset-page.js";
import { isPgUniqueViolation, PgDatabase } from "./pg-database.js";
import { migratePg } from "./pg-migrate.js";
import { PgSoftwareConfigStore } from "./pg-software-config-store.js";
import { PgStackLeases } from "./pg-stack-leases.js";
import { PgStackSnapshotStore } from "./pg-stack-snapshot-store.js";
import { PgStateBackend, PgStateWrites } from "./pg-state-backend.js";
import { sortOrder, STACK_COLUMNS } from "./sqlite-stack-store.js";
import { eventListFilters, stackListFilters } from "./store-list-filters.js";
import type { StackLeases } from "./stack-leases.js";
import type { EventRecord, ResourceRecord, StackRecord, TokenRecord } from "./stack-records.js";
import { type EventQuery, StackNameTakenError, type StackQuery, type StackStore } from "./stack-store.js";
import { MIGRATIONS, MIGRATIONS_TABLE } from "./store-schema.js";
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
import { shownLocation } from "./store-location.js";
import { WORK_MIGRATIONS, WORK_MIGRATIONS_TABLE } from "./store-work-schema.js";
import { newTokenSecret, tokenHash, tokenMatches } from "./token-secret.js";

const STACK_SORT_KEYS: Record<string, string> = {
  stack_name: 's.name COLLATE "C"',
  stack_status: 's.status COLLATE "C"',
  creation_time: 's.created_at COLLATE "C"',
  updated_time: "COALESCE(s.updated_at, '') COLLATE \"C\"",
};

const EVENT_SORT_KEYS: Record<string, string> = {
  event_time: 'e.time COLLATE "C"',
  resource_type: 'e.resource_type COLLATE "C"',
};

export interface PgStoreOptions {
  /** The most connections the pool opens (default 10). */
  maxConnections?: number;
}

export class PgStackStore implements StackStore {
  readonly softwareConfigs: PgSoftwareConfigStore;
  readonly snapshots: PgStackSnapshotStore;
  private readonly stateWrites = new PgStateWrites();

  private constructor(
    private readonly db: PgDatabase,
    /** The URL, its password hidden (for messages). */
    readonly location: string,
  ) {
    this.softwareConfigs = new PgSoftwareConfigStore(db);
    this.snapshots = new PgStackSnapshotStore(db);
  }

  /** Connects to the database at `url` and brings its schema up to date. */
  static async open(url: string, opts: PgStoreOptions = {}): Promise<PgStackStore> {
    const location = shownLocation(url);
    const db = new PgDatabase(url, opts);
    try {
      await migratePg(db, location, [
        { table: MIGRATIONS_TABLE, tableName: "schema_migrations", migrations: MIGRATIONS },
        { table: WORK_MIGRATIONS_TABLE, tableName: "work_migrations", migrations: WORK_MIGRATIONS },
      ]);
    } catch (e) {
      await db.close().catch(() => {});
      if (e instanceof GantryError) throw e;
      throw new GantryError(`cannot open the stack store ${location}: ${(e as Error).message}`);
    }
    return new PgStackStore(db, location);
  }

  /** The schema version of the store (the last migration applied). */
  async schemaVersion(): Promise<number> {
    return Number((await this.db.get<{ v: number }>("SELECT MAX(version) AS v FROM schema_migrations"))?.v ?? 0);
  }

  // tokens

  async issueToken(tenant: string, roles: string[]): Promise<{ token: string; record: TokenRecord }> {
    const token = newTokenSecret();
    const record: TokenRecord = { id: randomUUID(), tenant, roles: [...roles], createdAt: now() };
    await this.db.run("INSERT INTO tokens (id, secret_sha256, tenant, roles, created_at) VALUES (?, ?, ?, ?, ?)", [
      record.id,
      tokenHash(token),
      tenant,
      JSON.stringify(record.roles),
      record.createdAt,
    ]);
    return { token, record };
  }

  async authenticate(token: string): Promise<TokenRecord | undefined> {
    const row = await this.db.get<TokenRow>("SELECT * FROM tokens WHERE secret_sha256 = ?", [tokenHash(token)]);
    return row && tokenMatches(token, row.secret_sha256) ? tokenFromRow(row) : undefined;
  }

  // stacks

  insertStack(stack: StackRecord): Promise<void> {
    return this.db.transaction(async () => {
      if (!stack.deletedAt) await this.refuseTakenName(stack.tenant, stack.name, stack.id);
      const row = stackToRow(stack);
      const cols = Object.keys(row);
      try {
        await this.db.run(
          `INSERT INTO stacks (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
          Object.values(row),
        );
      } catch (e) {
        if (isPgUniqueViolation(e, "stacks_live_name")) throw new StackNameTakenError(stack.name);
        throw e;
      }
      await this.setTags(stack.id, stack.tags);
    });
  }

  getStack(id: string): Promise<StackRecord | undefined> {
    return this.stackById(id);
  }

  async findStack(
    tenant: string | undefined,
    nameOrId: string,
    opts: { showDeleted?: boolean } = {},
  ): Promise<StackRecord | undefined> {
    const visible = (s: StackRecord | undefined) =>
      s && (tenant === undefined || s.tenant === tenant) && (opts.showDeleted || !s.deletedAt) ? s : undefined;
    const byId = visible(await this.stackById(nameOrId));
    if (byId) return byId;
    const tenantClause = tenant === undefined ? "" : " AND tenant = ?";
    const params = tenant === undefined ? [nameOrId] : [nameOrId, tenant];
    const row = await this.db.get<StackRow>(
      `SELECT * FROM stacks WHERE name = ?${tenantClause}${opts.showDeleted ? "" : " AND deleted_at IS NULL"}
       ORDER BY CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END, deleted_at COLLATE "C" DESC NULLS LAST,
         created_at COLLATE "C" ASC, id COLLATE "C" ASC LIMIT 1`,
      params,
    );
    return row ? this.withTags(row) : undefined;
  }

  async listStacks(query: StackQuery): Promise<StackRecord[]> {
    const { where, params } = stackListFilters(query);
    const { keys, dir } = sortOrder(
      query.sortKeys,
      query.sortDir,
      STACK_SORT_KEYS,
      's.created_at COLLATE "C"',
      's.id COLLATE "C"',
    );
    await this.afterMarker("stacks s", "s.id", query.marker, keys, dir, where, params);
    let sql = `SELECT s.* FROM stacks s${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
    sql += ` ORDER BY ${orderBy(keys, dir)}`;
    if (query.limit !== undefined) {
      sql += " LIMIT ?";
      params.push(query.limit);
    }
    return this.withTagsAll(await this.db.all<StackRow>(sql, params));
  }

  updateStack(id: string, change: Partial<Omit<StackRecord, "id" | "tenant">>): Promise<void> {
    return this.db.transaction(async () => {
      const row0 = await this.db.get<StackRow>("SELECT * FROM stacks WHERE id = ? FOR UPDATE", [id]);
      if (!row0) throw new GantryError(`no stack ${id} in the store ${this.location}`);
      const current = await this.withTags(row0);
      const next: StackRecord = { ...current, ...change };
      for (const [k, v] of Object.entries(change))
        if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
      if (!next.deletedAt && (next.name !== current.name || current.deletedAt))
        await this.refuseTakenName(next.tenant, next.name, id);
      const row = stackToRow(next);
      const cols = Object.keys(change)
        .map((k) => STACK_COLUMNS[k])
        .filter((c): c is keyof StackRow => c !== undefined);
      if (cols.length) {
        try {
          await this.db.run(`UPDATE stacks SET ${cols.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`, [
            ...cols.map((c) => row[c]),
            id,
          ]);
        } catch (e) {
          if (isPgUniqueViolation(e, "stacks_live_name")) throw new StackNameTakenError(next.name);
          throw e;
        }
      }
      if (change.tags) await this.setTags(id, change.tags);
    });
  }

  async interruptedStacks(): Promise<StackRecord[]> {
    return this.withTagsAll(
      await this.db.all<StackRow>(
        `SELECT * FROM stacks WHERE status = 'IN_PROGRESS' AND deleted_at IS NULL
         ORDER BY created_at COLLATE "C" ASC, id COLLATE "C" ASC`,
      ),
    );
  }

  // resources

  async putResource(resource: ResourceRecord): Promise<void> {
    const row = resourceToRow(resource);
    const cols = Object.keys(row);
    const updates = cols.filter((c) => c !== "stack_id" && c !== "name" && c !== "created_at");
    await this.db.run(
      `INSERT INTO resources (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})
       ON CONFLICT (stack_id, name) DO UPDATE SET ${updates.map((c) => `${c} = excluded.${c}`).join(", ")}`,
      Object.values(row),
    );
  }

  async deleteResource(stackId: string, name: string): Promise<void> {
    await this.db.run("DELETE FROM resources WHERE stack_id = ? AND name = ?", [stackId, name]);
  }

  async listResources(stackId: string): Promise<ResourceRecord[]> {
    const rows = await this.db.all<ResourceRow>(
      'SELECT * FROM resources WHERE stack_id = ? ORDER BY created_at COLLATE "C" ASC, name COLLATE "C" ASC',
      [stackId],
    );
    return rows.map(resourceFromRow);
  }

  async getResource(stackId: string, name: string): Promise<ResourceRecord | undefined> {
    const row = await this.db.get<ResourceRow>("SELECT * FROM resources WHERE stack_id = ? AND name = ?", [
      stackId,
      name,
    ]);
    return row ? resourceFromRow(row) : undefined;
  }

  // events

  addEvent(event: Omit<EventRecord, "id" | "seq">): Promise<EventRecord> {
    return this.db.transaction(async () => {
      const counter = await this.db.get<{ value: string }>(
        "UPDATE counters SET value = value + 1 WHERE name = 'event_seq' RETURNING value",
      );
      const record: EventRecord = { ...event, id: randomUUID(), seq: Number(counter?.value) };
      const row = eventToRow(record);
      const cols = Object.keys(row);
      await this.db.run(
        `INSERT INTO events (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
        Object.values(row),
      );
      return record;
    });
  }

  async listEvents(query: EventQuery): Promise<EventRecord[]> {
    const { where, params } = eventListFilters(query);
    const { keys, dir } = sortOrder(query.sortKeys, query.sortDir, EVENT_SORT_KEYS, 'e.time COLLATE "C"', "e.seq");
    await this.afterMarker("events e", "e.id", query.marker, keys, dir, where, params);
    let sql = `SELECT e.* FROM events e WHERE ${where.join(" AND ")} ORDER BY ${orderBy(keys, dir)}`;
    if (query.limit !== undefined) {
      sql += " LIMIT ?";
      params.push(query.limit);
    }
    return (await this.db.all<EventRow>(sql, params)).map(eventFromRow);
  }

  // engine state

  stateBackend(stackId: string): Promise<PgStateBackend> {
    return PgStateBackend.load(this.db, this.stateWrites, stackId, this.location);
  }

  /** Resolves when every state write this store started for the stack has landed (or failed). */
  settleState(stackId: string): Promise<void> {
    return this.stateWrites.settled(stackId);
  }

  // work shared between replicas

  leases(owner: string, leaseMs: number): StackLeases {
    return new PgStackLeases(this.db, owner, leaseMs);
  }

  // transactions

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async close(): Promise<void> {
    await this.stateWrites.settled();
    await this.db.close();
  }

  private async afterMarker(
    from: string,
    idColumn: string,
    markerId: string | undefined,
    keys: string[],
    dir: SortDir,
    where: string[],
    params: unknown[],
  ): Promise<void> {
    if (markerId === undefined) return;
    const marker = await this.db.get<Record<string, unknown>>(
      `SELECT ${keys.map((k, i) => `${k} AS k${i}`).join(", ")} FROM ${from} WHERE ${idColumn} = ?`,
      [markerId],
    );
    if (!marker) return;
    const after = afterMarker(
      keys,
      dir,
      keys.map((_, i) => marker[`k${i}`]),
    );
    where.push(after.sql);
    params.push(...after.params);
  }

  private async stackById(id: string): Promise<StackRecord | undefined> {
    const row = await this.db.get<StackRow>("SELECT * FROM stacks WHERE id = ?", [id]);
    return row ? this.withTags(row) : undefined;
  }

  private async withTags(row: StackRow): Promise<StackRecord> {
    const tags = await this.db.all<{ tag: string }>("SELECT tag FROM stack_tags WHERE stack_id = ? ORDER BY position", [
      row.id,
    ]);
    return stackFromRow(
      row,
      tags.map((t) => t.tag),
    );
  }

  /** The stacks of the rows, their tags read in one query. */
  private async withTagsAll(rows: StackRow[]): Promise<StackRecord[]> {
    if (!rows.length) return [];
    const tags = await this.db.all<{ stack_id: string; tag: string }>(
      `SELECT stack_id, tag FROM stack_tags WHERE stack_id = ANY(?) ORDER BY stack_id, position`,
      [rows.map((r) => r.id)],
    );
    const byStack = new Map<string, string[]>();
    for (const t of tags) {
      const list = byStack.get(t.stack_id) ?? [];
      list.push(t.tag);
      byStack.set(t.stack_id, list);
    }
    return rows.map((r) => stackFromRow(r, byStack.get(r.id) ?? []));
  }

  private async setTags(stackId: string, tags: string[]): Promise<void> {
    await this.db.run("DELETE FROM stack_tags WHERE stack_id = ?", [stackId]);
    for (const [i, tag] of tags.entries())
      await this.db.run("INSERT INTO stack_tags (stack_id, position, tag) VALUES (?, ?, ?)", [stackId, i, tag]);
  }

  private async refuseTakenName(tenant: string, name: string, id: string): Promise<void> {
    const taken = await this.db.get(
      "SELECT id FROM stacks WHERE tenant = ? AND name = ? AND deleted_at IS NULL AND id <> ?",
      [tenant, name, id],
    );
    if (taken) throw new StackNameTakenError(name);
  }
}

function now(): string {
  return new Date().toISOString();
}
