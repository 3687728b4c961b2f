// The WHERE clauses of the stores' lists, as both stores (SQLite and PostgreSQL) write them: stacks (tenant,
// deleted and nested stacks, the name/status/action/id filters and Heat's tag filters, heat/db/api.py
// `_query_stack_get_all`; an empty list filters nothing) and events (a stack and its nested stacks, resource
// filters). Placeholders are `?` in both (the PostgreSQL store numbers them).
import type { EventQuery, StackQuery } from "./stack-store.js";

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

/** The conditions (to be joined with AND) on `events e` and their parameters, in order. */
export function eventListFilters(query: EventQuery): { where: string[]; params: unknown[] } {
  const params: unknown[] = [query.stackId];
  let stacks = "e.stack_id = ?";
  if (query.nestedDepth && query.nestedDepth > 0) {
    // the stack and its live nested stacks down to nestedDepth levels
    stacks = `e.stack_id IN (
      WITH RECURSIVE tree (id, depth) AS (
        SELECT id, 0 FROM stacks WHERE id = ?
        UNION ALL
        SELECT c.id, tree.depth + 1 FROM stacks c JOIN tree ON c.parent_id = tree.id
        WHERE c.deleted_at IS NULL AND tree.depth < ?
      ) SELECT id FROM tree)`;
    params.push(query.nestedDepth);
  }
  const where = [stacks];
  if (query.resourceName !== undefined) {
    where.push("e.resource_name = ?");
    params.push(query.resourceName);
  }
  for (const [values, column] of [
    [query.resourceNames, "e.resource_name"],
    [query.resourceAction, "e.action"],
    [query.resourceStatus, "e.status"],
    [query.resourceType, "e.resource_type"],
  ] as const) {
    if (values === undefined) continue;
    where.push(inList(column, values));
    params.push(...values);
  }
  return { where, params };
}
