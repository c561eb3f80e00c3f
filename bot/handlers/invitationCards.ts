import { STATUSES, type InvitationStatus } from '../../src/domain/invitation.ts';
import type { InvitationDetails, InvitationSummary } from '../../src/services/queryInvitations.ts';

/** How many redeemers the status card lists at a time ("Show more" shows the next ones). */
export const REDEEMERS_PER_CARD = 5;
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

const STATUS_WORDS: Record<InvitationStatus, string> = {
  draft: 'Draft', 'pending-approval': 'Waiting for approval', rejected: 'Rejected', sent: 'Sent', redeemed: 'Redeemed', expired: 'Expired', revoked: 'Revoked',
};

/** The mail as it stands now: sent, still queued, failed (each only when there is some). */
export function mailText(mail: MailCounts, status: InvitationStatus): string {
  const waiting = mail.queued + mail.running;
  const parts = [
    ...(mail.done ? [`${mail.done} sent`] : []),
    ...(waiting ? [`${waiting} queued`] : mail.preparing ? ['queued'] : []),
    ...(mail.dead ? [`${mail.dead} failed`] : mail.unprepared ? ['failed'] : []),
  ];
  if (parts.length) return parts.join(', ');
  return status === 'pending-approval' || status === 'draft' ? 'not sent yet' : 'none';
}

/** Who is invited: the first few by name and e-mail, and how many more. */
function invitedLines(details: InvitationDetails) {
  const shown = details.invitedContacts.slice(0, CONTACTS_ON_CARD);
  const more = details.invitedCount - shown.length;
  return {
    invitedTitle: details.invitedCount > 1 ? `Invited (${details.invitedCount})` : 'Invited',
    invited: shown.map((c) => ({ line: c.email && c.email !== c.name ? `${c.name} · ${c.email}` : c.name })),
    moreInvited: more > 0 ? `and ${more} more` : '',
  };
}

/**
 * The data the status card is bound with. `canChange`: the viewer's role allows extend, resend,
 * revoke and reset; the card offers each only where the invitation is still open to it.
 */
export function statusCardData(details: InvitationDetails, mail: MailCounts, options: { canChange?: boolean; note?: CardNote; redeemersFrom?: number } = {}) {
  const open = !['revoked', 'rejected', 'redeemed'].includes(details.status);
  const from = Math.min(Math.max(0, Math.floor(options.redeemersFrom ?? 0)), Math.max(0, details.redeemedBy.length - 1));
  const redeemers = details.redeemedBy.slice(from, from + REDEEMERS_PER_CARD);
  const total = details.redeemedBy.length;
  return {
    summary: `${details.name}: ${STATUS_WORDS[details.status].toLowerCase()}`,
    id: details.id,
    name: details.name,
    type: details.type,
    headline: `${STATUS_WORDS[details.status]} · ${details.type === 'group' ? 'group' : 'single'} invitation`,
    note: options.note?.text ?? '',
    noteColor: options.note?.color ?? 'Default',
    ...invitedLines(details),
    inviter: details.inviter?.name ?? '',
    owner: details.owner && details.owner.id !== details.creator.id ? details.owner.name : '',
    creator: details.creator.name,
    created: readerTime(details.createdAt),
    expires: details.expiresAt ? readerTime(details.expiresAt) : 'never',
    redemptions: `${details.redemptions} of ${details.maxRedemptions}`,
    account: details.account?.name ?? '',
    roles: details.webRoles.map((r) => r.name).join(', '),
    mail: mailText(mail, details.status),
    code: details.code,
    redeemersTitle: total > REDEEMERS_PER_CARD ? `Redeemed by (${from + 1}–${from + redeemers.length} of ${total})` : 'Redeemed by',
    redeemers: redeemers.map((r) => ({ name: r.name, at: readerTime(r.at) })),
    moreRedeemers: total > REDEEMERS_PER_CARD,
    /** After the last page, "Show more" starts again at the first. */
    nextRedeemersFrom: from + REDEEMERS_PER_CARD < total ? from + REDEEMERS_PER_CARD : 0,
    canChange: Boolean(options.canChange) && open,
    canResend: Boolean(options.canChange) && details.status === 'sent',
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
export function listCardData(items: InvitationSummary[], who: ReadonlyMap<string, { name: string; email: string | null }>, filter: ListFilter, cursors: readonly string[], next: string | null) {
  const status = STATUSES.find((known) => known === filter.status);
  const title = `${filter.mine ? 'My invitations' : 'Invitations'}${filter.status ? `: ${status ? STATUS_WORDS[status].toLowerCase() : filter.status}` : ''}`;
  const page = cursors.length + 1;
  return {
    summary: `${title}, page ${page}`,
    title,
    subtitle: `Newest first · page ${page}`,
    status: filter.status || ANY_STATUS,
    mine: filter.mine ? 'true' : 'false',
    shown: filter,
    statusChoices: [{ title: 'Any status', value: ANY_STATUS }, ...STATUSES.map((s) => ({ title: STATUS_WORDS[s], value: s }))],
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
        line: [first ? first.name : '', more > 0 ? `+${more}` : '', STATUS_WORDS[i.status].toLowerCase(), `${i.redemptions}/${i.maxRedemptions} redeemed`].filter(Boolean).join(' · '),
      };
    }),
  };
}
