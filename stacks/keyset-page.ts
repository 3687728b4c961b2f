// Keyset pagination as Heat does it (oslo.db's paginate_query): rows ordered by the sort keys and then the id, all
// in one direction; the page after a marker row holds the rows that come after it in that order. The sort keys
// are SQL expressions (nullable columns wrapped in COALESCE so that comparisons see a value).

export type SortDir = "asc" | "desc";

/** `ORDER BY` terms for the keys, each in `dir`. */
export function orderBy(keys: string[], dir: SortDir): string {
  return keys.map((k) => `${k} ${dir === "asc" ? "ASC" : "DESC"}`).join(", ");
}

/**
 * The condition "after the marker": for keys k1..kn and the marker's values m1..mn,
 * (k1 > m1) OR (k1 = m1 AND k2 > m2) OR … (with < for descending order).
 */
export function afterMarker(keys: string[], dir: SortDir, marker: unknown[]): { sql: string; params: unknown[] } {
  const op = dir === "asc" ? ">" : "<";
  const terms: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(`${keys[j]} = ?`);
      params.push(marker[j]);
    }
    parts.push(`${keys[i]} ${op} ?`);
    params.push(marker[i]);
    terms.push(`(${parts.join(" AND ")})`);
  }
  return { sql: `(${terms.join(" OR ")})`, params };
}
