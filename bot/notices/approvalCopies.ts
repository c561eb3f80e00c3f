import type { ConversationReference } from 'botbuilder';
import { ConcurrentChangeError } from '../../src/domain/errors.ts';
import type { BotStateStore } from '../../src/store/port.ts';

/** One posted approval card: the message (activity id) in a conversation, and how to reach it. */
export type ApprovalCopy = { conversationId: string; activityId: string; reference: Partial<ConversationReference> };

const copiesKey = (invitationId: string) => `approval-copies/${invitationId}`;

/** Every posted copy of the invitation's approval card (in the store, so any process can update them). */
export async function approvalCopies(botState: BotStateStore, invitationId: string): Promise<ApprovalCopy[]> {
  const key = copiesKey(invitationId);
  const copies = (await botState.read([key]))[key]?.value.copies;
  return Array.isArray(copies) ? copies as ApprovalCopy[] : [];
}

/** Whether a copy of the invitation's approval card was posted in that conversation. */
export async function postedIn(botState: BotStateStore, invitationId: string, conversationId: string): Promise<boolean> {
  return (await approvalCopies(botState, invitationId)).some((copy) => copy.conversationId === conversationId);
}

/** The copies kept per invitation; the oldest make way (each is a conversation reference, a few hundred bytes). */
const MAX_COPIES = 100;

/**
 * Adds a posted copy (the same message again replaces it). Jobs post the copies of one
 * invitation side by side, so the list is written with its eTag and read again when another
 * writer came first. The store cannot create a record only if it is missing, so the first write
 * is checked by reading it back; two first writes at the very same moment can still lose one copy,
 * which then is not edited on a decision (its card still refreshes to the outcome for approvers).
 */
export async function rememberApprovalCopy(botState: BotStateStore, invitationId: string, copy: ApprovalCopy): Promise<void> {
  const key = copiesKey(invitationId);
  for (let attempt = 0; ; attempt++) {
    const stored = (await botState.read([key]))[key];
    const copies = Array.isArray(stored?.value.copies) ? stored.value.copies as ApprovalCopy[] : [];
    const next = [...copies.filter((c) => c.conversationId !== copy.conversationId || c.activityId !== copy.activityId), copy].slice(-MAX_COPIES);
    try {
      await botState.write(key, { copies: next }, stored?.eTag ?? null);
      if (stored || (await approvalCopies(botState, invitationId)).some((c) => c.conversationId === copy.conversationId)) return;
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
    }
    if (attempt >= 10) throw new ConcurrentChangeError('The list of posted approval cards');
  }
}
