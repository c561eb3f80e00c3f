import { utcMinute } from '../../src/domain/dateText.ts';
import type { InvitationDetails, InvitationSummary } from '../../src/services/queryInvitations.ts';

/** The data the invitation cards are bound with. */
/** `canChange`: the viewer may extend, resend and revoke, and the invitation is still open to it. */
export function statusCardData(details: InvitationDetails, mail: Record<'queued' | 'running' | 'done' | 'dead', number>, canChange = false) {
  return {
    canChange: canChange && !['revoked', 'rejected', 'redeemed'].includes(details.status),
    /** Reset redemption: for the same viewers, whenever someone's redemption stands. */
    canReset: canChange && details.redeemedBy.length > 0,
    id: details.id,
    name: details.name,
    status: details.status,
    type: details.type,
    redemptions: details.redemptions,
    maxRedemptions: details.maxRedemptions,
    expires: details.expiresAt ? utcMinute(details.expiresAt) : 'never',
    account: details.account?.name ?? '-',
    roles: details.webRoles.map((r) => r.name).join(', ') || '-',
    code: details.code,
    mail: `${mail.done} sent, ${mail.queued + mail.running} waiting, ${mail.dead} failed`,
    redeemedBy: details.redeemedBy.slice(0, 20).map((r) => ({ contactId: r.contactId, name: r.name, at: utcMinute(r.at) })),
  };
}

export function listCardData(items: InvitationSummary[], filter: string, next: string | null) {
  return {
    title: filter ? `Invitations: ${filter}` : 'Invitations, newest first',
    filter,
    next: next ?? '',
    items: items.map((i) => ({ status: i.status, summary: `${i.name} (${i.type}, ${i.redemptions}/${i.maxRedemptions}) · ${i.id}` })),
  };
}
