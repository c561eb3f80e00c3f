/**
 * Who did what to which record. `actor` is a staff member's object id, `api:<client>` for an API
 * client, `cli` for the admin CLI, or `system`. `detail` is free-form; events that change a record
 * keep what changed under `detail.changes` (see `auditChanges`). Older events have no `changes`
 * and stay readable as they are.
 */
export type AuditEvent = {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subjectId: string;
  detail: Record<string, unknown>;
};

/** One field's value before and after a change (null: it did not exist). */
export type FieldChange = { before: unknown; after: unknown };

/**
 * Fields whose values never go to the audit trail, only the fact that they changed: secrets
 * (codes, hashes, keys, webhook secrets) and mail template bodies (too long to keep twice).
 */
const REDACTED_FIELDS = new Set(['secret', 'code', 'codeSealed', 'codeLookupKey', 'password', 'passwordHash', 'html', 'text', 'key', 'keyHash']);
/** What a secret's before/after reads as in the trail. */
export const REDACTED = '(changed)';

/** A blank text reads as nothing: a field nobody filled in is not a change. */
const valueOf = (value: unknown) => (value === undefined || value === '' ? null : value);

/**
 * The fields that differ between `before` and `after` (null: the record did not exist, or is gone),
 * each with both values; secrets and template bodies (see `REDACTED_FIELDS`) are written as
 * `(changed)`. Unchanged fields are left out.
 */
export function auditChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const was = valueOf(before?.[field]);
    const is = valueOf(after?.[field]);
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    changes[field] = REDACTED_FIELDS.has(field)
      ? { before: was === null ? null : REDACTED, after: is === null ? null : REDACTED }
      : { before: was, after: is };
  }
  return changes;
}

export type ActorKind = 'staff' | 'api' | 'cli' | 'system';

/** What kind of actor an audit event names. */
export function actorKind(actor: string): ActorKind {
  if (actor === 'cli' || actor === 'system') return actor;
  return actor.startsWith('api:') ? 'api' : 'staff';
}
