// One SQL statement and its parameters, as the stores' row modules build them for SQLite and PostgreSQL alike
// (`?` placeholders; the PostgreSQL database numbers them).

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** How a store makes a text column sort byte-wise: SQLite's default, PostgreSQL's `COLLATE "C"`. */
export type ByteWiseText = (column: string) => string;
