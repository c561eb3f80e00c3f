import type { AuditEvent } from './audit.ts';

/** An audit event as exported: the event and its actor's name. */
export type ExportedAuditEvent = AuditEvent & { actorName: string };

export const AUDIT_CSV_HEADER = 'id,at,actor,actorName,action,subject,detail';

/**
 * A CSV cell: quoted when it holds a comma, quote or line break; a cell that a spreadsheet would
 * read as a formula (starting with = + - @, or a tab or carriage return) gets a leading `'`.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV row (no line end) of an audit event; `detail` as its JSON. */
export function auditCsvRow(event: ExportedAuditEvent): string {
  return [event.id, event.at.toISOString(), event.actor, event.actorName, event.action, event.subjectId, JSON.stringify(event.detail)]
    .map(csvCell).join(',');
}

/** One JSON Lines line (no line end) of an audit event. */
export function auditJsonLine(event: ExportedAuditEvent): string {
  return JSON.stringify({ id: event.id, at: event.at.toISOString(), actor: event.actor, actorName: event.actorName, action: event.action, subjectId: event.subjectId, detail: event.detail });
}
