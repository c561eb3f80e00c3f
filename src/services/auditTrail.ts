import { auditChanges, type AuditEvent } from '../domain/audit.ts';
import type { Actor, ServiceContext } from './context.ts';

/** An audit event of `actor` doing `action` to `subjectId` now. */
export function auditEvent(ctx: ServiceContext, actor: Actor, action: string, subjectId: string, detail: Record<string, unknown> = {}): AuditEvent {
  return { id: ctx.newId(), at: ctx.clock(), actor, action, subjectId, detail };
}

/**
 * The audit event of a change to a record: only the fields that changed, before and after (secrets
 * as "(changed)"; see `auditChanges`), beside anything `extra` adds. Hand it to the store write
 * that makes the change, which records it with the change.
 */
export function changeEvent(
  ctx: ServiceContext, actor: Actor, action: string, subjectId: string,
  before: Record<string, unknown> | null, after: Record<string, unknown> | null, extra: Record<string, unknown> = {},
): AuditEvent {
  return auditEvent(ctx, actor, action, subjectId, { ...extra, changes: auditChanges(before, after) });
}
