import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { BOT_COMMANDS, commandPattern, type BotCommandName } from '../src/domain/botCommands.ts';
import { tenantAllowed } from './access.ts';
import type { BotDependencies } from './dependencies.ts';
import { rememberConversation } from './notices/conversationReferences.ts';
import { addressesBot, answerInPersonalChat, isSharedConversation, withoutBotMention } from './sharedConversations.ts';
import { VERBS } from './cards/verbs.ts';
import { approvalHandlers } from './handlers/approval.ts';
import { approvalsCommand } from './handlers/approvals.ts';
import { changeHandlers } from './handlers/changeInvitation.ts';
import { helpHandler } from './handlers/help.ts';
import { inviteHandlers } from './handlers/invite.ts';
import { listHandler } from './handlers/list.ts';
import { resetRedemptionHandler } from './handlers/resetRedemption.ts';
import { staffHandler } from './handlers/staff.ts';
import { statusHandler } from './handlers/status.ts';
import { templateHandlers } from './handlers/templates.ts';

/** The one ordered list of what the bot answers; the catch-all comes last. */
export function registerRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  app.turn('beforeTurn', async (context) => {
    if (tenantAllowed(context.activity, deps.allowedTenants)) {
      await rememberConversation(deps, context.activity);
      if (!isSharedConversation(context.activity)) return true;
      if (!addressesBot(context.activity)) return false;
      if (context.activity.text) context.activity.text = withoutBotMention(context.activity);
      answerInPersonalChat(context, deps);
      return true;
    }
    deps.logger.warn({ tenant: context.activity.conversation?.tenantId ?? null }, 'activity from a tenant that is not allowed');
    if (context.activity.type === 'message') await context.sendActivity('Sorry, Invite Desk serves only its own organisation.');
    if (context.activity.type === 'invoke') await answerInvoke(context, 403);
    return false;
  });
  const help = helpHandler(deps);
  const list = listHandler(deps);
  const invite = inviteHandlers(deps);
  const approval = approvalHandlers(deps);
  const change = changeHandlers(deps);
  const templates = templateHandlers(deps);
  const commands: Record<BotCommandName, (context: TurnContext) => Promise<void>> = {
    help,
    invite: invite.command,
    'invite group': invite.command,
    status: statusHandler(deps),
    list: list.command,
    approvals: approvalsCommand(deps, approval),
    resend: change.resend,
    extend: change.extend,
    revoke: change.revoke,
    templates: templates.command,
    staff: staffHandler(deps),
  };
  // Longer names first, so "invite group" is never taken for "invite".
  for (const command of [...BOT_COMMANDS].sort((a, b) => b.name.length - a.name.length)) app.message(commandPattern(command), commands[command.name]);
  app.adaptiveCards.actionSubmit(VERBS.inviteSubmit, invite.submitSingle);
  app.adaptiveCards.actionSubmit(VERBS.inviteGroupSubmit, invite.submitGroup);
  app.adaptiveCards.actionExecute(VERBS.approve, approval.approve);
  app.adaptiveCards.actionExecute(VERBS.reject, approval.reject);
  app.adaptiveCards.actionExecute(VERBS.refreshApproval, approval.refresh);
  app.adaptiveCards.actionSubmit(VERBS.revokeInvitation, change.revokeFromCard);
  app.adaptiveCards.actionSubmit(VERBS.extendInvitation, change.extendFromCard);
  app.adaptiveCards.actionSubmit(VERBS.resendInvitation, change.resendFromCard);
  app.adaptiveCards.actionSubmit(VERBS.resetRedemption, resetRedemptionHandler(deps));
  app.adaptiveCards.actionSubmit(VERBS.saveTemplate, templates.save);
  app.adaptiveCards.actionSubmit(VERBS.previewTemplate, templates.preview);
  app.adaptiveCards.actionSubmit(VERBS.resetTemplate, templates.reset);
  app.adaptiveCards.actionSubmit(VERBS.listNextPage, list.nextPage);
  app.activity('message', help);
  // An invoke nothing above serves (an unknown card verb, a task module the app does not offer) is the
  // sender's mistake: 400 rather than botbuilder's default 501.
  app.activity('invoke', (context) => answerInvoke(context, 400));
}

async function answerInvoke(context: TurnContext, status: number): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: { status, body: { code: status === 403 ? 'NotAllowed' : 'BadRequest', message: 'This bot does not serve that action.' } } });
}
