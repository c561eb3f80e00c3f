import { STATUSES, type InvitationStatus } from '../../src/domain/invitation.ts';
import type { InvitationDetails, InvitationSummary } from '../../src/services/queryInvitations.ts';
import type { ReminderState } from '../../src/services/reminderState.ts';
import type { BotLocale } from '../i18n/locale.ts';
import { botText, translator, type BotTranslate } from '../i18n/translate.ts';

/** How many redeemers the status card lists at a time (Next / Previous page through them all). */
export const REDEEMERS_PER_CARD = 5;
/** How many pages back the status card's Previous reaches: the redeemer cursors a card keeps (Next always goes on). */
export const REDEEMER_CURSORS_KEPT = 40;

/**
 * Where the status card is in the redeemers: `page` (0 for the newest) and the cursors of the
 * pages up to it (the last is this page's `after`; only the last REDEEMER_CURSORS_KEPT are kept).
 */
export type RedeemerPosition = { page: number; cursors: readonly string[] };
/** How many invited contacts the status card names before "and N more". */
export const CONTACTS_ON_CARD = 3;

/** Mails by state, and sendings not yet split into mails (see the jobs service's `mailDelivery`). */
export type MailCounts = Record<'queued' | 'running' | 'done' | 'dead', number> & { preparing?: number; unprepared?: number };

/** What a status card says on top of the facts: what was just done, or why not. */
export type CardNote = { text: string; color: 'Good' | 'Attention' | 'Default' };

/**
 * An ISO UTC time as Teams' date functions, so each reader sees it in their own time zone (the
 * card text keeps only these exact forms; see render.ts).
 */
export function readerTime(date: Date): string {
  const iso = `${date.toISOString().slice(0, 19)}Z`;
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

/** A status in words, as the status card and the list show it. */
const statusWord = (status: InvitationStatus, locale: BotLocale = 'en'): string => botText(locale, `invitation.status.${status}`);

/** The mail as it stands now: sent, still queued, failed (each only when there is some). */
export function mailText(mail: MailCounts, status: InvitationStatus, locale: BotLocale = 'en'): string {
  const t = translator(locale);
  const waiting = mail.queued + mail.running;
  const parts = [
    ...(mail.done ? [t('mail.sent', { count: mail.done })] : []),
    ...(waiting ? [t('mail.queued', { count: waiting })] : mail.preparing ? [t('mail.queuedAlone')] : []),
    ...(mail.dead ? [t('mail.failed', { count: mail.dead })] : mail.unprepared ? [t('mail.failedAlone')] : []),
  ];
  if (parts.length) return parts.join(', ');
  return t(status === 'pending-approval' || status === 'draft' ? 'mail.notYet' : 'mail.none');
}

/** The reminder as the status card says it: none, or when it went or will go (in the reader's zone). */
export function reminderText(reminder: ReminderState, t: BotTranslate): string {
  switch (reminder.state) {
    case 'off':
    case 'none': return t(`invitation.reminder.${reminder.state}`);
    default: return t(`invitation.reminder.${reminder.state}`, { at: readerTime(reminder.at) });
  }
}

/** Who is invited: the first few by name and e-mail, and how many more. */
function invitedLines(details: InvitationDetails, t: BotTranslate) {
  const shown = details.invitedContacts.slice(0, CONTACTS_ON_CARD);
  const more = details.invitedCount - shown.length;
  return {
    invitedTitle: details.invitedCount > 1 ? t('invitation.invitedCount', { count: details.invitedCount }) : t('invitation.invited'),
    invited: shown.map((c) => ({ line: c.email && c.email !== c.name ? `${c.name} · ${c.email}` : c.name })),
    moreInvited: more > 0 ? t('invitation.moreInvited', { count: more }) : '',
  };
}

/**
 * The data the status card is bound with. `canChange`: the viewer's role allows extend, resend,
 * revoke and reset; the card offers each only where the invitation is still open to it. `locale`:
 * the reader's language (pass the same to `expandCard`).
 */
export function statusCardData(details: InvitationDetails, mail: MailCounts, options: { canChange?: boolean; note?: CardNote; redeemers?: RedeemerPosition; locale?: BotLocale } = {}) {
  const locale = options.locale ?? 'en';
  const t = translator(locale);
  const status = statusWord(details.status, locale);
  const open = !['revoked', 'rejected', 'redeemed'].includes(details.status);
  const position = options.redeemers ?? { page: 0, cursors: [] };
  const redeemers = details.redeemedBy.slice(0, REDEEMERS_PER_CARD);
  const from = position.page * REDEEMERS_PER_CARD;
  const total = Math.max(details.redemptions, from + redeemers.length);
  const previousCursors = position.cursors.slice(0, -1);
  return {
    summary: t('invitation.summary', { name: details.name, status: status.toLowerCase() }),
    id: details.id,
    name: details.name,
    type: details.type,
    headline: t(details.type === 'group' ? 'invitation.headline.group' : 'invitation.headline.single', { status }),
    note: options.note?.text ?? '',
    noteColor: options.note?.color ?? 'Default',
    ...invitedLines(details, t),
    inviter: details.inviter?.name ?? '',
    owner: details.owner && details.owner.id !== details.creator.id ? details.owner.name : '',
    creator: details.creator.name,
    created: readerTime(details.createdAt),
    expires: details.expiresAt ? readerTime(details.expiresAt) : t('invitation.never'),
    redemptions: t('invitation.redemptions', { count: details.redemptions, max: details.maxRedemptions }),
    account: details.account?.name ?? '',
    roles: details.webRoles.map((r) => r.name).join(', '),
    mail: mailText(mail, details.status, locale),
    /** A draft's send time (none once it went), and when the reminder went or will go. */
    sendAt: details.status === 'draft' && details.sendAt ? readerTime(details.sendAt) : '',
    reminder: details.reminder.state === 'off' ? '' : reminderText(details.reminder, t),
    code: details.code,
    redeemersTitle: total > REDEEMERS_PER_CARD ? t('invitation.redeemedByPage', { from: from + 1, to: from + redeemers.length, total }) : t('invitation.redeemedBy'),
    redeemers: redeemers.map((r) => ({ name: r.name, at: readerTime(r.at) })),
    hasNextRedeemers: details.redeemersNext !== null,
    nextRedeemersCursors: details.redeemersNext === null ? [] : [...position.cursors, details.redeemersNext].slice(-REDEEMER_CURSORS_KEPT),
    nextRedeemersPage: position.page + 1,
    /** Back one page, while the card still holds that page's cursor (the first page needs none). */
    hasPreviousRedeemers: position.page > 0 && (position.page === 1 || previousCursors.length > 0),
    previousRedeemersCursors: previousCursors,
    previousRedeemersPage: position.page - 1,
    canChange: Boolean(options.canChange) && open,
    canResend: Boolean(options.canChange) && details.status === 'sent',
    canSend: Boolean(options.canChange) && details.status === 'draft',
    /** Renew (new end and mail again): an invitation that went out and expired unused. */
    canRenew: Boolean(options.canChange) && details.status === 'expired' && details.lifecycle === 'sent',
    /** Reset redemption: for the same viewers, whenever someone's redemption stands. */
    canReset: Boolean(options.canChange) && total > 0,
    /** Reset redemption offers the redeemers shown (Show more reaches the others), which keeps the card small. */
    resettable: redeemers.map((r) => ({ contactId: r.contactId, name: r.name })),
  };
}

/** The list card's status choice for no status filter. */
export const ANY_STATUS = 'any';

/** The filter a list card shows: a status (or all) and whether only the speaker's own. */
export type ListFilter = { status: string; mine: boolean };

/**
 * The data the list card is bound with. `cursors`: the `after` of each page up to this one (none
 * for the first), kept on the card so Previous can go back.
 */
export function listCardData(items: InvitationSummary[], who: ReadonlyMap<string, { name: string; email: string | null }>, filter: ListFilter, cursors: readonly string[], next: string | null, locale: BotLocale = 'en') {
  const t = translator(locale);
  const status = STATUSES.find((known) => known === filter.status);
  const kind = t(filter.mine ? 'list.mine' : 'list.all');
  const title = filter.status ? t('list.filtered', { title: kind, status: status ? statusWord(status, locale).toLowerCase() : filter.status }) : kind;
  const page = cursors.length + 1;
  return {
    summary: t('list.summary', { title, page }),
    title,
    subtitle: t('list.subtitle', { page }),
    status: filter.status || ANY_STATUS,
    mine: filter.mine ? 'true' : 'false',
    shown: filter,
    statusChoices: [{ title: t('list.anyStatus'), value: ANY_STATUS }, ...STATUSES.map((s) => ({ title: statusWord(s, locale), value: s }))],
    hasPrevious: cursors.length > 0,
    previousCursors: cursors.slice(0, -1),
    hasNext: next !== null,
    nextCursors: next === null ? [] : [...cursors, next],
    items: items.map((i) => {
      const first = who.get(i.id);
      const more = i.invitedCount - (first ? 1 : 0);
      return {
        id: i.id,
        name: i.name,
        line: [first ? first.name : '', more > 0 ? `+${more}` : '', statusWord(i.status, locale).toLowerCase(), t('list.redeemed', { count: i.redemptions, max: i.maxRedemptions })].filter(Boolean).join(' · '),
      };
    }),
  };
}
