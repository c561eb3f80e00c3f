import { CardFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import { PermanentJobError } from '../../src/domain/jobOutcomes.ts';
import type { ApprovalCardNotice, ApprovalCards } from '../../src/domain/notice.ts';
import type { Logger } from '../../src/logger.ts';
import type { Services } from '../../src/services/index.ts';
import type { BotStateStore } from '../../src/store/port.ts';
import { approvalCard } from '../approvalCard.ts';
import { batchApprovalCard } from '../batchApprovalCard.ts';
import type { BotLocale } from '../i18n/locale.ts';
import { botText } from '../i18n/translate.ts';
import { serviceUrlAllowed, type ReplyPolicy } from '../serviceUrls.ts';
import { approvalCopies, postedIn, rememberApprovalCopy, type ApprovalCopy } from './approvalCopies.ts';
import { conversationFor, languageOf } from './conversationReferences.ts';
import { sendFailure, type ProactiveAdapter } from './notifier.ts';

/**
 * Posts approval cards (an invitation's, or a batch's one card) where approvers are (personal chats, the approvers' conversation) and keeps
 * every posted copy: on a decision each one is edited in place (updateActivity) to the outcome, so
 * the buttons are gone everywhere. Run by notice jobs, so a failure is retried like any notice.
 */
export function createApprovalCards(options: {
  adapter: ProactiveAdapter; botAppId: string; services: Services; botState: BotStateStore; logger: Logger; clock?: () => Date; replyPolicy?: ReplyPolicy;
  /** For an approver who never wrote to the bot: their chat made another way (personalChat.ts), as the notifier does. */
  makeChat?: (objectId: string) => Promise<Partial<ConversationReference> | null>;
}): ApprovalCards {
  const { botState } = options;
  const clock = options.clock ?? (() => new Date());
  const replyPolicy = options.replyPolicy ?? 'bot-framework';

  /** Runs `work` in the conversation; what it throws is the job's failure (not the adapter's turn error handler's). */
  async function inConversation(reference: Partial<ConversationReference>, label: string, work: (context: TurnContext) => Promise<void>): Promise<void> {
    if (!serviceUrlAllowed(reference.serviceUrl ?? '', replyPolicy)) throw new PermanentJobError(`${label} is at ${String(reference.serviceUrl).slice(0, 200)}, where this bot does not send.`);
    const failures: unknown[] = [];
    await options.adapter.continueConversationAsync(options.botAppId, reference, async (context) => {
      try {
        await work(context);
      } catch (error) {
        failures.push(error);
      }
    });
    if (failures.length) throw sendFailure(label, failures[0], clock());
  }

  /**
   * What a notice's card shows: an invitation, or with `batch` a batch (`invite many`); whether it
   * still waits; its card, in a language (a personal chat's person's, see `languageOf`).
   */
  function subjectOf(notice: ApprovalCardNotice) {
    const deps = { services: options.services, botState };
    const view = { viewer: notice.viewer, view: 'everyone' as const };
    return notice.batch
      ? {
        summary: (locale: BotLocale) => botText(locale, 'approvalCard.waitingList'),
        pending: async () => (await options.services.invitations.many.batch(notice.viewer, notice.invitationId)).pending,
        card: (locale: BotLocale, decidedAt?: Date) => batchApprovalCard(deps, notice.invitationId, { ...view, locale, decidedAt }),
      }
      : {
        summary: (locale: BotLocale) => botText(locale, 'approvalCard.waitingOne'),
        pending: async () => (await options.services.invitations.find(notice.viewer, notice.invitationId)).status === 'pending-approval',
        card: (locale: BotLocale, decidedAt?: Date) => approvalCard(deps, notice.invitationId, { ...view, locale, decidedAt }),
      };
  }

  return {
    async post(notice) {
      const reference = notice.action === 'post'
        ? (await conversationFor({ botState }, notice.to)) ?? (await options.makeChat?.(notice.to)) ?? null
        : notice.conversation as Partial<ConversationReference>;
      const conversationId = reference?.conversation?.id;
      if (!reference || !conversationId) return false;
      const subject = subjectOf(notice);
      if (!(await subject.pending())) return true;
      if (await postedIn(botState, notice.invitationId, conversationId)) return true;
      const locale = languageOf(reference);
      const card = await subject.card(locale);
      let activityId: string | undefined;
      const label = notice.action === 'post' ? notice.to : 'the approvers\' conversation';
      await inConversation(reference, label, async (context) => {
        activityId = (await context.sendActivity({ summary: subject.summary(locale), attachments: [CardFactory.adaptiveCard(card)] }))?.id;
      });
      if (!activityId) throw new Error('Teams did not say which message the approval card is, so it could not be updated later.');
      const copy = { conversationId, activityId, reference };
      await rememberApprovalCopy(botState, notice.invitationId, copy);
      if (!(await subject.pending())) {
        // Decided while this copy was on its way: the update job may have run before the copy was recorded.
        const decided = await subject.card(locale);
        await inConversation(reference, label, (context) => edit(context, copy, decided, locale));
      }
      return true;
    },

    async update(notice) {
      const copies = await approvalCopies(botState, notice.invitationId);
      if (!copies.length) return;
      const subject = subjectOf(notice);
      const cards = new Map<BotLocale, object>();
      const failures: Error[] = [];
      for (const copy of copies) {
        try {
          const locale = languageOf(copy.reference);
          if (!cards.has(locale)) cards.set(locale, await subject.card(locale, new Date(notice.decidedAt)));
          await inConversation(copy.reference, `the approval card in ${copy.conversationId}`, (context) => edit(context, copy, cards.get(locale)!, locale));
        } catch (error) {
          // A copy that is gone (the message or chat deleted, the app removed) is left; the others are still edited.
          if (error instanceof PermanentJobError) options.logger.warn({ err: error, invitationId: notice.invitationId }, 'a posted approval card could not be updated');
          else failures.push(error as Error);
        }
      }
      if (failures.length) throw failures[0]!;
    },
  };
}

async function edit(context: TurnContext, copy: ApprovalCopy, card: object, locale: BotLocale): Promise<void> {
  await context.updateActivity({ type: 'message', id: copy.activityId, summary: botText(locale, 'approvalCard.decided'), attachments: [CardFactory.adaptiveCard(card)] });
}
