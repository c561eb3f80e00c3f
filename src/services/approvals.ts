import { ValidationError } from '../domain/errors.ts';
import { approversConversation, approversOf, saveApproversConversation } from './approvers.ts';
import type { Actor, ServiceContext } from './context.ts';
import { findInvitation } from './invitationReference.ts';
import { assertMay } from './permissions.ts';

/** Where approval requests go: who may decide one, and the approvers' channel or group chat (admins set it). */
export function approvalService(ctx: ServiceContext) {
  const audit = (actor: Actor, action: string, subjectId: string, detail: Record<string, unknown>) =>
    ctx.store.audit.append({ id: ctx.newId(), at: ctx.clock(), actor, action, subjectId, detail });

  return {
    /** The staff object ids that may approve or reject the invitation (never its requester). */
    async approvers(actor: Actor, invitationId: string): Promise<string[]> {
      await assertMay(ctx, actor, 'viewer', 'looking at invitations');
      return approversOf(ctx.store, await findInvitation(ctx, invitationId));
    },

    /** The approvers' conversation's id and who set it, or null. */
    async conversation(actor: Actor): Promise<{ conversationId: string; setBy: string; setAt: string } | null> {
      await assertMay(ctx, actor, 'viewer', 'looking at approval settings');
      const found = await approversConversation(ctx.store);
      return found && { conversationId: found.conversationId, setBy: found.setBy, setAt: found.setAt };
    },

    /**
     * Makes a channel or group chat the approvers' conversation: every later approval request is
     * posted there as well. `reference` is where to post (the edge's own format, kept as it is).
     */
    async setConversation(actor: Actor, conversationId: string, reference: Record<string, unknown>): Promise<void> {
      await assertMay(ctx, actor, 'admin', 'choosing where approval requests go');
      const id = conversationId.trim();
      if (!id || id.length > 500) throw new ValidationError([{ field: 'conversation', message: 'is not a conversation this bot can post to' }]);
      await saveApproversConversation(ctx.store, { conversationId: id, reference, setBy: actor, setAt: ctx.clock().toISOString() });
      await audit(actor, 'approvals.conversation-set', id, {});
    },

    /** Stops posting approval requests to a conversation (personal chats still get them). */
    async clearConversation(actor: Actor): Promise<boolean> {
      await assertMay(ctx, actor, 'admin', 'choosing where approval requests go');
      const found = await approversConversation(ctx.store);
      if (!found) return false;
      await saveApproversConversation(ctx.store, null);
      await audit(actor, 'approvals.conversation-cleared', found.conversationId, {});
      return true;
    },
  };
}
