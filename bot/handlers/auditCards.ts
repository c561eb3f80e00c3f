import { auditChanges, type FieldChange } from '../../src/domain/audit.ts';
import type { StaffMember } from '../../src/domain/staff.ts';
import type { AuditEntry } from '../../src/services/audit.ts';
import type { Page } from '../../src/store/port.ts';
import type { BotLocale } from '../i18n/locale.ts';
import { translator } from '../i18n/translate.ts';
import { readerTime } from './invitationCards.ts';

/** The audit card's filter: an actor (id, `cli`, `system`, or '' for anyone) and a subject as typed. */
export type AuditFilter = { actor: string; subject: string };
/** The actor choice for anyone. */
export const ANY_ACTOR = 'any';

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What changed, in one line: `field: before → after`, the first few; old events without `changes` have none. */
function changesLine(detail: Record<string, unknown>): string {
  const changes = detail.changes && typeof detail.changes === 'object' ? detail.changes as Record<string, FieldChange> : auditChanges(null, null);
  const parts = Object.entries(changes).map(([field, change]) => `${field}: ${valueText(change.before)} → ${valueText(change.after)}`);
  const line = parts.slice(0, 4).join(' · ');
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * The data the audit card is bound with: a page of events (time in the reader's zone, the actor and
 * a staff member as subject by name), the filter with the staff to choose from, and the cursors of the pages before (Previous).
 */
export function auditCardData(page: Page<AuditEntry>, staff: readonly StaffMember[], filter: AuditFilter, cursors: readonly string[], next: string | null, locale: BotLocale = 'en') {
  const t = translator(locale);
  const pageNumber = cursors.length + 1;
  // A staff member as subject (added, roles changed) is named too.
  const staffNames = new Map(staff.map((member) => [member.id, member.displayName]));
  return {
    summary: t('audit.summary', { page: pageNumber }),
    subtitle: t('audit.subtitle', { page: pageNumber }),
    actor: filter.actor || ANY_ACTOR,
    subject: filter.subject,
    shown: filter,
    actorChoices: [
      { title: t('audit.anyone'), value: ANY_ACTOR },
      ...staff.map((member) => ({ title: member.displayName, value: member.id })),
      { title: t('audit.cli'), value: 'cli' },
      { title: t('audit.system'), value: 'system' },
    ],
    events: page.items.map((event) => ({
      when: readerTime(event.at),
      who: event.actorName,
      what: `${event.action} · ${staffNames.get(event.subjectId) ?? event.subjectId}`,
      changes: changesLine(event.detail),
    })),
    hasPrevious: cursors.length > 0,
    previousCursors: cursors.slice(0, -1),
    hasNext: next !== null,
    nextCursors: next === null ? [] : [...cursors, next],
  };
}
