// A PostgreSQL database for the stack store (the `pg` package): a pool of connections, statements written with `?`
// placeholders (numbered $1, $2 … here, so that the same SQL text serves SQLite and PostgreSQL), and transactions
// that follow the caller's async context: every statement run inside `transaction(fn)` goes to that transaction's
// connection; a nested transaction is a savepoint.

import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pg from "pg";

type Queryable = pg.Pool | pg.PoolClient;

export interface PgDatabaseOptions {
  /** The most connections the pool opens (default 10). */
  maxConnections?: number;
}

export class PgDatabase {
  private readonly pool: pg.Pool;
  private readonly context = new AsyncLocalStorage<pg.PoolClient>();
  private closed = false;

  constructor(
    /** postgres://… */
    readonly url: string,
    opts: PgDatabaseOptions = {},
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 10 });
    // an idle connection the server dropped: the pool replaces it; nothing to report to a caller
    this.pool.on("error", () => {});
  }

  /** The rows of a statement (`?` placeholders). */
  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const res = await this.runner().query(numbered(sql), params as unknown[]);
    return res.rows as T[];
  }

  /** The first row, or undefined. */
  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Runs a statement; returns how many rows it changed. */
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const res = await this.runner().query(numbered(sql), params as unknown[]);
    return res.rowCount ?? 0;
  }

  /** True when the caller runs inside a transaction of this database. */
  inTransaction(): boolean {
    return this.context.getStore() !== undefined;
  }

  /** Runs `fn` in one transaction (a savepoint when already inside one): all its statements or none. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.context.getStore();
    if (outer) {
      const name = `sp_${randomUUID().replaceAll("-", "")}`;
      await outer.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn();
        await outer.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (e) {
        await outer.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await outer.query(`RELEASE SAVEPOINT ${name}`);
        throw e;
      }
    }
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const result = await this.context.run(client, fn);
      await client.query("COMMIT");
      return result;
    } catch (e) {
      try {
        await client.query("ROLLBACK");
      } catch {
        broken = true;
      }
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** Runs `fn` outside any transaction the caller is in (its statements commit on their own). */
  detached<T>(fn: () => Promise<T>): Promise<T> {
    return this.context.exit(fn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private runner(): Queryable {
    return this.context.getStore() ?? this.pool;
  }
}

/** `?` → `$1`, `$2` … (outside quoted strings). */
export function numbered(sql: string): string {
  let n = 0;
  let out = "";
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      n++;
      out += `$${n}`;
    } else out += ch;
  }
  return out;
}

/** True for a unique violation (SQLSTATE 23505), of the named constraint when given. */
export function isPgUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string };
  return err.code === "23505" && (constraint === undefined || err.constraint === constraint);
}
