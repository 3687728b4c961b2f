// How the stack store's records are laid out in table rows (snake_case columns, JSON documents as text, flags as
// 0/1) and read back.

import type { EventRecord, HeatAction, HeatStatus, ResourceRecord, StackRecord, TokenRecord } from "./stack-records.js";

export interface TokenRow {
  id: string;
  secret_sha256: string;
  tenant: string;
  roles: string;
  created_at: string;
}

export interface StackRow {
  id: string;
  name: string;
  tenant: string;
  parent_id: string | null;
  action: string;
  status: string;
  status_reason: string;
  description: string;
  disable_rollback: number;
  timeout_mins: number | null;
  source: string;
  previous_source: string | null;
  environment: string;
  outputs: string;
  created_at: string;
  updated_at: string | null;
  deleted_at: string | null;
}

export interface ResourceRow {
  stack_id: string;
  name: string;
  type: string;
  physical_id: string;
  action: string;
  status: string;
  status_reason: string;
  required_by: string;
  attributes: string;
  metadata: string | null;
  nested_stack_id: string | null;
  created_at: string;
  updated_at: string | null;
}

export interface EventRow {
  seq: number;
  id: string;
  stack_id: string;
  resource_name: string;
  physical_resource_id: string;
  resource_type: string;
  action: string;
  status: string;
  reason: string;
  time: string;
  properties: string | null;
}

export function tokenFromRow(r: TokenRow): TokenRecord {
  return { id: r.id, tenant: r.tenant, roles: JSON.parse(r.roles), createdAt: r.created_at };
}

/** The stack's columns (its tags live in stack_tags). */
export function stackToRow(s: StackRecord): StackRow {
  return {
    id: s.id,
    name: s.name,
    tenant: s.tenant,
    parent_id: s.parentId ?? null,
    action: s.action,
    status: s.status,
    status_reason: s.statusReason,
    description: s.description,
    disable_rollback: s.disableRollback ? 1 : 0,
    timeout_mins: s.timeoutMins ?? null,
    source: JSON.stringify(s.source),
    previous_source: s.previousSource === undefined ? null : JSON.stringify(s.previousSource),
    environment: JSON.stringify(s.environment),
    outputs: JSON.stringify(s.outputs),
    created_at: s.createdAt,
    updated_at: s.updatedAt ?? null,
    deleted_at: s.deletedAt ?? null,
  };
}

export function stackFromRow(r: StackRow, tags: string[]): StackRecord {
  return {
    id: r.id,
    name: r.name,
    tenant: r.tenant,
    ...(r.parent_id !== null ? { parentId: r.parent_id } : {}),
    action: r.action as HeatAction,
    status: r.status as HeatStatus,
    statusReason: r.status_reason,
    description: r.description,
    tags,
    disableRollback: r.disable_rollback !== 0,
    ...(r.timeout_mins !== null ? { timeoutMins: r.timeout_mins } : {}),
    source: JSON.parse(r.source),
    ...(r.previous_source !== null ? { previousSource: JSON.parse(r.previous_source) } : {}),
    environment: JSON.parse(r.environment),
    outputs: JSON.parse(r.outputs),
    createdAt: r.created_at,
    ...(r.updated_at !== null ? { updatedAt: r.updated_at } : {}),
    ...(r.deleted_at !== null ? { deletedAt: r.deleted_at } : {}),
  };
}

export function resourceToRow(r: ResourceRecord): ResourceRow {
  return {
    stack_id: r.stackId,
    name: r.name,
    type: r.type,
    physical_id: r.physicalId,
    action: r.action,
    status: r.status,
    status_reason: r.statusReason,
    required_by: JSON.stringify(r.requiredBy),
    attributes: JSON.stringify(r.attributes),
    metadata: r.metadata === undefined ? null : JSON.stringify(r.metadata),
    nested_stack_id: r.nestedStackId ?? null,
    created_at: r.createdAt,
    updated_at: r.updatedAt ?? null,
  };
}

export function resourceFromRow(r: ResourceRow): ResourceRecord {
  return {
    stackId: r.stack_id,
    name: r.name,
    type: r.type,
    physicalId: r.physical_id,
    action: r.action as HeatAction,
    status: r.status as HeatStatus,
    statusReason: r.status_reason,
    requiredBy: JSON.parse(r.required_by),
    attributes: JSON.parse(r.attributes),
    metadata: r.metadata === null ? undefined : JSON.parse(r.metadata),
    ...(r.nested_stack_id !== null ? { nestedStackId: r.nested_stack_id } : {}),
    createdAt: r.created_at,
    ...(r.updated_at !== null ? { updatedAt: r.updated_at } : {}),
  };
}

export function eventToRow(e: EventRecord): EventRow {
  return {
    seq: e.seq,
    id: e.id,
    stack_id: e.stackId,
    resource_name: e.resourceName,
    physical_resource_id: e.physicalResourceId,
    resource_type: e.resourceType,
    action: e.action,
    status: e.status,
    reason: e.reason,
    time: e.time,
    properties: e.properties === undefined ? null : JSON.stringify(e.properties),
  };
}

export function eventFromRow(r: EventRow): EventRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    stackId: r.stack_id,
    resourceName: r.resource_name,
    physicalResourceId: r.physical_resource_id,
    resourceType: r.resource_type,
    action: r.action as HeatAction,
    status: r.status as HeatStatus,
    reason: r.reason,
    time: r.time,
    ...(r.properties !== null ? { properties: JSON.parse(r.properties) } : {}),
  };
}
