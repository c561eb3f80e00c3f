import { TurnContext } from 'botbuilder';
import type { InvitationSummary } from '../../src/services/queryInvitations.ts';
import { cardActivity, cardMessage } from '../cards/render.ts';
import { rememberApprovalCopy } from '../notices/approvalCopies.ts';
import { isSharedConversation } from '../sharedConversations.ts';
import type { BotDependencies } from '../dependencies.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import type { approvalHandlers } from './approval.ts';
import type { batchApprovalHandlers } from './batchApproval.ts';
import { reply } from './replies.ts';

/** Approval cards shown at once; the rest are a "next" button away. */
export const APPROVALS_PAGE = 5;

/** What one card of `approvals` decides: one invitation, or a whole batch (`invite many`). */
type Waiting = { batch: boolean; id: string };

/**
 * `approvals`: the approval cards of what waits for a decision, oldest first, five at a time with
 * "N more waiting" and a button for the next five. The invitations of a batch are one card, the
 * batch's (they are decided together). The speaker's own requests are shown without buttons
 * (nobody approves their own).
 */
export function approvalsCommand(deps: BotDependencies, approval: ReturnType<typeof approvalHandlers>, batchApproval: ReturnType<typeof batchApprovalHandlers>) {
  async function waiting(actor: StaffActor): Promise<Waiting[]> {
    const cards: Waiting[] = [];
    const batches = new Set<string>();
    for (const invitation of await waitingInvitations(actor)) {
      if (!invitation.batchId) cards.push({ batch: false, id: invitation.id });
      else if (!batches.has(invitation.batchId)) {
        batches.add(invitation.batchId);
        cards.push({ batch: true, id: invitation.batchId });
      }
    }
    return cards;
  }

  async function waitingInvitations(actor: StaffActor): Promise<InvitationSummary[]> {
    const all: InvitationSummary[] = [];
    for (let after: string | null = null, first = true; first || after; first = false) {
      const page = await deps.services.invitations.list(actor.id, { status: 'pending-approval' }, { limit: 100, after });
      all.push(...page.items);
      after = page.next;
    }
    return all.reverse();
  }

  async function show(context: TurnContext, actor: StaffActor, page: number): Promise<void> {
    const all = await waiting(actor);
    const start = page * APPROVALS_PAGE;
    const shown = all.slice(start, start + APPROVALS_PAGE);
    const t = translator(actor.locale);
    if (!shown.length) return reply(context, t('approvals.title'), t(page ? 'approvals.noMore' : 'approvals.none'));
    for (const { batch, id } of shown) {
      const card = batch ? await batchApproval.cardFor(actor, id) : await approval.cardFor(actor, id);
      const sent = await context.sendActivity(cardMessage(card));
      await rememberShownCopy(context, id, sent?.id);
    }
    const more = all.length - start - shown.length;
    if (more > 0) await context.sendActivity(cardActivity('approvalsPage', { more, shown: Math.min(more, APPROVALS_PAGE), page: page + 1 }, actor.locale));
  }

  /** A card shown in a personal chat is a copy like a posted one: a decision edits it too. */
  async function rememberShownCopy(context: TurnContext, invitationOrBatchId: string, activityId: string | undefined): Promise<void> {
    if (!activityId || isSharedConversation(context.activity)) return;
    const { activityId: _theCommand, ...reference } = TurnContext.getConversationReference(context.activity);
    await rememberApprovalCopy(deps.botState, invitationOrBatchId, { conversationId: context.activity.conversation.id, activityId, reference });
  }

  return {
    command: (context: TurnContext, actor: StaffActor) => show(context, actor, 0),
    nextPage: (context: TurnContext, actor: StaffActor, data: { page?: unknown }) => {
      const page = Number(data?.page);
      return show(context, actor, Number.isSafeInteger(page) && page > 0 && page < 10_000 ? page : 0);
    },
  };
}
