import type { AdaptiveCard } from '@microsoft/teams-ai';
import { utcMinute } from '../src/domain/dateText.ts';
import type { Services } from '../src/services/index.ts';
import type { BotStateStore } from '../src/store/port.ts';
import { moreText, teamsUserIds, type ApprovalView } from './approvalCard.ts';
import { translator } from './i18n/translate.ts';
import { expandCard } from './cards/render.ts';


/**
 * The one approval card of a batch (`invite many`), read on behalf of `viewer`: who asked, how
 * many, the first contacts and "N more", the options all its invitations share. Like a single
 * invitation's card (approvalCard.ts) it refreshes for the approvers only, who see Approve /
 * Reject; once decided it says by whom and how many were decided, without buttons.
 */
export async function batchApprovalCard(deps: { services: Services; botState: BotStateStore }, batchId: string, options: ApprovalView): Promise<AdaptiveCard> {
  const { services } = deps;
  const locale = options.locale ?? 'en';
  const t = translator(locale);
  const batch = await services.invitations.many.batch(options.viewer, batchId);
  const nameOf = async (id: string) => (id === 'cli' ? 'the admin CLI' : (await services.staff.get(id))?.displayName ?? id);
  const { decision } = batch;
  const decider = decision ? await nameOf(decision.by) : null;
  const card = expandCard('batchApproval', {
    batchId, count: String(batch.count), requester: await nameOf(batch.requestedBy),
    contacts: moreText(batch.contacts.join(', '), batch.moreContacts, locale),
    companies: batch.companies.join(', ') || '-', roles: batch.roles.join(', ') || '-',
    expires: batch.expiresAt ? utcMinute(batch.expiresAt) : t('approval.never'), workflow: batch.workflow ?? '-',
    language: batch.locale === 'en' || batch.locale === 'da' ? t(`batch.language.${batch.locale}`) : batch.locale,
    decision: batch.pending ? t('approval.waiting')
      : decision ? t(decision.reason ? 'batch.decidedWhy' : 'batch.decided', { outcome: t(decision.approved ? 'batch.approved' : 'batch.rejected'), decider: decider ?? '', decided: decision.decided, reason: decision.reason ?? '' })
        : t('batch.noApproval'),
    decided: decision ? utcMinute(options.decidedAt ?? decision.at) : '',
    error: options.error ?? '', canDecide: batch.pending && options.view === 'decider' && batch.approvers.includes(options.viewer),
  }, locale) as AdaptiveCard & { refresh?: { userIds?: string[] } };
  if (batch.pending && card.refresh) card.refresh.userIds = await teamsUserIds(deps.botState, batch.approvers);
  else delete card.refresh;
  return card;
}
