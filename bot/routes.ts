import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { BOT_COMMANDS, commandPattern, type BotCommandName } from '../src/domain/botCommands.ts';
import { tenantAllowed } from './access.ts';
import type { BotDependencies } from './dependencies.ts';
import { staffGate, type StaffHandler } from './staffGate.ts';
import { rememberConversation } from './notices/conversationReferences.ts';
import { addressesBot, answerInPersonalChat, isSharedConversation, withoutBotMention } from './sharedConversations.ts';
import { answerOnly } from './cards/executeAnswer.ts';
import { VERBS } from './cards/verbs.ts';
import { apiKeysHandler } from './handlers/apiKeys.ts';
import { approvalHandlers } from './handlers/approval.ts';
import { approvalsCommand } from './handlers/approvals.ts';
import { auditHandlers } from './handlers/audit.ts';
import { batchApprovalHandlers } from './handlers/batchApproval.ts';
import { answersInPlace, approversHereHandler, isApprovalsHere } from './handlers/approversHere.ts';
import { changeHandlers } from './handlers/changeInvitation.ts';
import { FIND_INVITATION_COMMAND, findInvitationHandler, type FindInvitationQuery } from './handlers/findInvitation.ts';
import { helpHandler } from './handlers/help.ts';
import { inviteHandlers } from './handlers/invite.ts';
import { inviteManyHandlers } from './handlers/inviteMany.ts';
import { carriesFile, inviteManyFileHandler } from './handlers/inviteManyFile.ts';
import { listHandler } from './handlers/list.ts';
import { lifecycleCardHandlers } from './handlers/lifecycleCards.ts';
import { resetRedemptionHandlers } from './handlers/resetRedemption.ts';
import { staffHandler } from './handlers/staff.ts';
import { statsHandler } from './handlers/stats.ts';
import { statusCards } from './handlers/status.ts';
import { templateHandlers } from './handlers/templates.ts';
import { webhookHandlers } from './handlers/webhooks.ts';

/** The one ordered list of what the bot answers; the catch-all comes last. */
export function registerRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  app.turn('beforeTurn', async (context) => {
    if (tenantAllowed(context.activity, deps.allowedTenants)) {
      await rememberConversation(deps, context.activity);
      if (!isSharedConversation(context.activity)) return true;
      if (!addressesBot(context.activity)) return false;
      if (context.activity.text) context.activity.text = withoutBotMention(context.activity);
      if (!await answersInPlace(deps, context.activity)) answerInPersonalChat(context, deps);
      return true;
    }
    deps.logger.warn({ tenant: context.activity.conversation?.tenantId ?? null }, 'activity from a tenant that is not allowed');
    if (context.activity.type === 'message') await context.sendActivity('Sorry, Invite Desk serves only its own organisation.');
    if (context.activity.type === 'invoke') await answerInvoke(context, 403);
    return false;
  });
  const gate = staffGate(deps);
  const help = helpHandler(deps);
  const list = listHandler(deps);
  const invite = inviteHandlers(deps);
  const many = inviteManyHandlers(deps);
  const approval = approvalHandlers(deps);
  const batchApproval = batchApprovalHandlers(deps);
  const approvals = approvalsCommand(deps, approval, batchApproval);
  const approversHere = approversHereHandler(deps);
  const change = changeHandlers(deps);
  const templates = templateHandlers(deps);
  const status = statusCards(deps);
  const resetRedemption = resetRedemptionHandlers(deps);
  const webhooks = webhookHandlers(deps);
  const audit = auditHandlers(deps);
  const lifecycle = lifecycleCardHandlers(deps);
  const commands: Record<Exclude<BotCommandName, 'help'>, StaffHandler<unknown>> = {
    invite: invite.command,
    'invite group': invite.command,
    'invite many': many.command,
    status: status.command,
    list: list.command,
    approvals: (context, actor) => (isApprovalsHere(context.activity) ? approversHere(context, actor) : approvals.command(context, actor)),
    resend: change.resend,
    extend: change.extend,
    revoke: change.revoke,
    templates: templates.command,
    staff: staffHandler(deps),
    webhooks: webhooks.command,
    stats: statsHandler(deps),
    audit: audit.command,
    apikeys: apiKeysHandler(deps),
  };
  // Longer names first, so "invite group" is never taken for "invite". Help is for everyone: it says
  // what this person may do, or that they are not set up yet.
  for (const command of [...BOT_COMMANDS].sort((a, b) => b.name.length - a.name.length)) {
    app.message(commandPattern(command), command.name === 'help' ? help.help : gate.reply(command.role, command.name, commands[command.name]));
  }
  // Card actions, with the role each needs (the same as the command the card came from).
  app.adaptiveCards.actionExecute(VERBS.inviteSubmit, gate.answer('inviter', 'invite', invite.executeSingle));
  app.adaptiveCards.actionExecute(VERBS.inviteGroupSubmit, gate.answer('inviter', 'invite group', invite.executeGroup));
  app.adaptiveCards.actionSubmit(VERBS.inviteSubmit, gate.reply('inviter', 'invite', invite.submitSingle));
  app.adaptiveCards.actionSubmit(VERBS.inviteGroupSubmit, gate.reply('inviter', 'invite group', invite.submitGroup));
  app.adaptiveCards.actionExecute(VERBS.inviteManyPreview, gate.answer('inviter', 'invite many', many.preview));
  app.adaptiveCards.actionExecute(VERBS.inviteManyConfirm, gate.answer('inviter', 'invite many', many.confirm));
  app.adaptiveCards.actionExecute(VERBS.approve, answerOnly(gate.answer('approver', 'approve', approval.approve)));
  app.adaptiveCards.actionExecute(VERBS.reject, answerOnly(gate.answer('approver', 'reject', approval.reject)));
  app.adaptiveCards.actionExecute(VERBS.refreshApproval, answerOnly(gate.answer('viewer', 'approvals', approval.refresh)));
  app.adaptiveCards.actionExecute(VERBS.approveBatch, answerOnly(gate.answer('approver', 'approve', batchApproval.approve)));
  app.adaptiveCards.actionExecute(VERBS.rejectBatch, answerOnly(gate.answer('approver', 'reject', batchApproval.reject)));
  app.adaptiveCards.actionExecute(VERBS.refreshBatchApproval, answerOnly(gate.answer('viewer', 'approvals', batchApproval.refresh)));
  app.adaptiveCards.actionSubmit(VERBS.revokeInvitation, gate.reply('inviter', 'revoke', change.revokeFromCard));
  app.adaptiveCards.actionSubmit(VERBS.extendInvitation, gate.reply('inviter', 'extend', change.extendFromCard));
  app.adaptiveCards.actionSubmit(VERBS.resendInvitation, gate.reply('inviter', 'resend', change.resendFromCard));
  app.adaptiveCards.actionSubmit(VERBS.resetRedemption, gate.reply('inviter', 'reset redemption', resetRedemption.fromCard));
  app.adaptiveCards.actionExecute(VERBS.showStatus, gate.answer('viewer', 'status', status.show));
  app.adaptiveCards.actionExecute(VERBS.extendInvitation, gate.answer('inviter', 'extend', change.extendOnCard));
  app.adaptiveCards.actionExecute(VERBS.resendInvitation, gate.answer('inviter', 'resend', change.resendOnCard));
  app.adaptiveCards.actionExecute(VERBS.revokeInvitation, gate.answer('inviter', 'revoke', change.revokeOnCard));
  app.adaptiveCards.actionExecute(VERBS.resetRedemption, gate.answer('inviter', 'reset redemption', resetRedemption.onCard));
  app.adaptiveCards.actionExecute(VERBS.sendInvitation, gate.answer('inviter', 'send', lifecycle.sendOnCard));
  app.adaptiveCards.actionExecute(VERBS.renewInvitation, gate.answer('inviter', 'renew', lifecycle.renewOnCard));
  app.adaptiveCards.actionExecute(VERBS.listPage, gate.answer('viewer', 'list', list.page));
  app.adaptiveCards.actionExecute(VERBS.auditPage, gate.answer('admin', 'audit', audit.page));
  app.adaptiveCards.actionSubmit(VERBS.saveTemplate, gate.reply('admin', 'templates', templates.save));
  app.adaptiveCards.actionSubmit(VERBS.previewTemplate, gate.reply('admin', 'templates', templates.preview));
  app.adaptiveCards.actionSubmit(VERBS.resetTemplate, gate.reply('admin', 'templates', templates.reset));
  app.adaptiveCards.actionExecute(VERBS.addWebhook, gate.answer('admin', 'webhooks', webhooks.add));
  app.adaptiveCards.actionExecute(VERBS.removeWebhook, gate.answer('admin', 'webhooks', webhooks.remove));
  app.adaptiveCards.actionSubmit(VERBS.listNextPage, gate.reply('viewer', 'list', list.nextPage));
  app.adaptiveCards.actionSubmit(VERBS.approvalsNextPage, gate.reply('approver', 'approvals', approvals.nextPage));
  app.message(carriesFile, gate.reply('inviter', 'invite many', inviteManyFileHandler(deps, many.previewList)));
  // The "Find invitation" search in the compose area (manifest composeExtensions): viewers and up; a refusal is a message, not results.
  const findInvitation = gate.answer('viewer', 'find invitation', findInvitationHandler(deps));
  app.messageExtensions.query(FIND_INVITATION_COMMAND, async (context, state, query) => {
    const answer = await findInvitation(context, state, query as FindInvitationQuery);
    return typeof answer === 'string' ? { type: 'message', text: answer } : answer;
  });
  app.activity('message', help.notUnderstood);
  // An invoke nothing above serves (an unknown card verb, a task module the app does not offer) is the
  // sender's mistake: 400 rather than botbuilder's default 501.
  app.activity('invoke', (context) => answerInvoke(context, 400));
}

async function answerInvoke(context: TurnContext, status: number): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: { status, body: { code: status === 403 ? 'NotAllowed' : 'BadRequest', message: 'This bot does not serve that action.' } } });
}
