import { TurnContext, type Activity } from 'botbuilder';
import { VERBS } from '../cards/verbs.ts';
import { postedIn } from '../notices/approvalCopies.ts';
import { isSharedConversation } from '../sharedConversations.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { reply, replyError } from './replies.ts';

const APPROVALS_HERE = /^\s*approvals?\s+here(\s+off)?\s*$/i;

/** `approvals here [off]`: answered where it is typed, group chats and channels included (it shows no invitation). */
export function isApprovalsHere(activity: Partial<Activity>): boolean {
  return activity.type === 'message' && APPROVALS_HERE.test(activity.text ?? '');
}

/** A channel's conversation id without the thread a message was in (`;messageid=…`): posts there start a new thread. */
export function conversationKey(conversationId: string): string {
  return conversationId.split(';messageid=')[0]!;
}

/**
 * `approvals here` in a team channel or group chat makes it the approvers' conversation: approval
 * requests are posted there too (admins only, audited). `approvals here off` stops it.
 */
export function approversHereHandler(deps: BotDependencies) {
  return async (context: TurnContext, actor: StaffActor): Promise<void> => {
    const off = /\soff\s*$/i.test(context.activity.text ?? '');
    try {
      if (off) {
        const stopped = await deps.services.approvals.clearConversation(actor.id);
        return await reply(context, 'Approvals', stopped ? 'Approval requests are no longer posted to a channel or group chat; approvers still get them in their personal chat.' : 'Approval requests were not posted to a channel or group chat.');
      }
      if (!isSharedConversation(context.activity)) {
        return await reply(context, 'Approvals', 'Type "approvals here" in the team channel or group chat where approvers should get approval requests (Invite Desk must be added there).');
      }
      const { activityId: _thisMessageOnly, ...reference } = TurnContext.getConversationReference(context.activity);
      const conversationId = conversationKey(context.activity.conversation.id);
      await deps.services.approvals.setConversation(actor.id, conversationId, { ...reference, conversation: { ...reference.conversation, id: conversationId } });
      await reply(context, 'Approvals', 'Approval requests are posted here from now on, as well as in each approver\'s personal chat. An admin types "approvals here off" to stop.', 'Good');
    } catch (error) {
      await replyError(context, error);
    }
  };
}

const APPROVAL_VERBS: readonly string[] = [VERBS.approve, VERBS.reject, VERBS.refreshApproval];

/**
 * What a shared conversation is answered in, not in the speaker's personal chat: `approvals here`,
 * and the actions of an approval card the bot posted in this very conversation (each reader gets
 * their view of it: approvers their buttons, anyone else the facts that are already shown there).
 */
export async function answersInPlace(deps: Pick<BotDependencies, 'botState'>, activity: Partial<Activity>): Promise<boolean> {
  if (isApprovalsHere(activity)) return true;
  const value = activity.value as { action?: { type?: unknown; verb?: unknown; data?: { invitationId?: unknown } } } | undefined;
  const invitationId = value?.action?.data?.invitationId;
  if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action' || !APPROVAL_VERBS.includes(String(value?.action?.verb))) return false;
  if (typeof invitationId !== 'string' || !invitationId || !activity.conversation?.id) return false;
  return postedIn(deps.botState, invitationId, conversationKey(activity.conversation.id));
}
