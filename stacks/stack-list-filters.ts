// The WHERE clauses of a stack list, as both stores (SQLite and PostgreSQL) write them: tenant, deleted and nested
// stacks, the name/status/action/id filters and Heat's tag filters (heat/db/api.py `_query_stack_get_all`; an
// empty list filters nothing). Placeholders are `?` in both (the PostgreSQL store numbers them).
import type { StackQuery } from "./stack-store.js";

/** `column IN (?, ?, …)`; an empty list matches nothing (as SQLAlchemy's `in_([])`). */
export function inList(column: string, values: readonly unknown[]): string {
  return values.length ? `${column} IN (${values.map(() => "?").join(", ")})` : "1 = 0";
}

/** The conditions (to be joined with AND) on `stacks s` and their parameters, in order. */
export function stackListFilters(query: StackQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.tenant !== undefined) {
    where.push("s.tenant = ?");
    params.push(query.tenant);
  }
  if (!query.showDeleted) where.push("s.deleted_at IS NULL");
  if (!query.showNested) where.push("s.parent_id IS NULL");
  for (const [values, column] of [
    [query.name, "s.name"],
    [query.status, "s.status"],
    [query.action, "s.action"],
    [query.id, "s.id"],
  ] as const) {
    if (values === undefined) continue;
    where.push(inList(column, values));
    params.push(...values);
  }
  const hasTag = "EXISTS (SELECT 1 FROM stack_tags t WHERE t.stack_id = s.id AND t.tag = ?)";
  const hasAnyTag = (tags: string[]) =>
    `EXISTS (SELECT 1 FROM stack_tags t WHERE t.stack_id = s.id AND ${inList("t.tag", tags)})`;
  if (query.tags?.length) {
    for (const _ of query.tags) where.push(hasTag);
    params.push(...query.tags);
  }
  if (query.tagsAny?.length) {
    where.push(hasAnyTag(query.tagsAny));
    params.push(...query.tagsAny);
  }
  if (query.notTags?.length) {
    where.push(`NOT (${query.notTags.map(() => hasTag).join(" AND ")})`);
    params.push(...query.notTags);
  }
  if (query.notTagsAny?.length) {
    where.push(`NOT ${hasAnyTag(query.notTagsAny)}`);
    params.push(...query.notTagsAny);
  }
  return { where, params };
}
