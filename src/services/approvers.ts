import type { Invitation } from '../domain/invitation.ts';
import { hasRole } from '../domain/staff.ts';
import type { Store } from '../store/port.ts';
import { inviterOf, staffObjectId } from './notices/noticeJob.ts';

/**
 * Who may decide an invitation that waits for approval: every staff member with the approver role
 * (admins hold every role) but the one who asked for it and the one it is sent on behalf of.
 */
export async function approversOf(store: Pick<Store, 'staff'>, invitation: Pick<Invitation, 'createdBy' | 'ownerId'>): Promise<string[]> {
  const excluded = new Set([inviterOf(invitation), staffObjectId(invitation.ownerId)].filter((id): id is string => id !== null));
  const approvers: string[] = [];
  for (let after: string | null = null, first = true; first || after; first = false) {
    const page = await store.staff.list({ limit: 100, after });
    for (const member of page.items) if (hasRole(member, 'approver') && !excluded.has(member.id)) approvers.push(member.id);
    after = page.next;
  }
  return approvers;
}

const APPROVERS_CONVERSATION_KEY = 'setting/approvers-conversation';

/** The approvers' channel or group chat: where it is (a Bot Framework conversation reference, opaque here), who set it, when. */
export type ApproversConversation = { conversationId: string; reference: Record<string, unknown>; setBy: string; setAt: string };

/** The approvers' conversation an admin set with `approvals here`, or null. */
export async function approversConversation(store: Pick<Store, 'botState'>): Promise<ApproversConversation | null> {
  const value = (await store.botState.read([APPROVERS_CONVERSATION_KEY]))[APPROVERS_CONVERSATION_KEY]?.value as Partial<ApproversConversation> | undefined;
  return value?.conversationId && value.reference ? value as ApproversConversation : null;
}

export async function saveApproversConversation(store: Pick<Store, 'botState'>, conversation: ApproversConversation | null): Promise<void> {
  if (conversation) await store.botState.write(APPROVERS_CONVERSATION_KEY, conversation, null);
  else await store.botState.delete([APPROVERS_CONVERSATION_KEY]);
}
