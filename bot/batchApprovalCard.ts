import type { AdaptiveCard } from '@microsoft/teams-ai';
import { utcMinute } from '../src/domain/dateText.ts';
import type { Services } from '../src/services/index.ts';
import type { BotStateStore } from '../src/store/port.ts';
import { teamsUserIds, type ApprovalView } from './approvalCard.ts';
import { expandCard } from './cards/render.ts';

const LANGUAGES: Readonly<Record<string, string>> = { en: 'English', da: 'Danish' };

/**
 * The one approval card of a batch (`invite many`), read on behalf of `viewer`: who asked, how
 * many, the first contacts and "N more", the options all its invitations share. Like a single
 * invitation's card (approvalCard.ts) it refreshes for the approvers only, who see Approve /
 * Reject; once decided it says by whom and how many were decided, without buttons.
 */
export async function batchApprovalCard(deps: { services: Services; botState: BotStateStore }, batchId: string, options: ApprovalView): Promise<AdaptiveCard> {
  const { services } = deps;
  const batch = await services.invitations.many.batch(options.viewer, batchId);
  const nameOf = async (id: string) => (id === 'cli' ? 'the admin CLI' : (await services.staff.get(id))?.displayName ?? id);
  const { decision } = batch;
  const decider = decision ? await nameOf(decision.by) : null;
  const card = expandCard('batchApproval', {
    batchId, count: String(batch.count), requester: await nameOf(batch.requestedBy),
    contacts: batch.contacts.join(', ') + (batch.moreContacts ? ` and ${batch.moreContacts} more` : ''),
    companies: batch.companies.join(', ') || '-', roles: batch.roles.join(', ') || '-',
    expires: batch.expiresAt ? utcMinute(batch.expiresAt) : 'never', workflow: batch.workflow ?? '-', language: LANGUAGES[batch.locale] ?? batch.locale,
    decision: batch.pending ? 'waiting for an approver'
      : decision ? `${decision.approved ? 'approved' : 'rejected'} by ${decider}, ${decision.decided} decided${decision.reason ? `: ${decision.reason}` : ''}`
        : 'did not wait for approval',
    decided: decision ? utcMinute(options.decidedAt ?? decision.at) : '',
    error: options.error ?? '', canDecide: batch.pending && options.view === 'decider' && batch.approvers.includes(options.viewer),
  }) as AdaptiveCard & { refresh?: { userIds?: string[] } };
  if (batch.pending && card.refresh) card.refresh.userIds = await teamsUserIds(deps.botState, batch.approvers);
  else delete card.refresh;
  return card;
}
