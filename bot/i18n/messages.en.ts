import { BOT_COMMANDS, type BotCommandName } from '../../src/domain/botCommands.ts';

/** Each command's usage and description (English from the command table, src/domain/botCommands.ts). */
type CommandKey = `command.${BotCommandName}.${'usage' | 'description'}`;
const commandTexts = Object.fromEntries(BOT_COMMANDS.flatMap((command) => [
  [`command.${command.name}.usage`, command.usage],
  [`command.${command.name}.description`, command.description],
])) as Record<CommandKey, string>;

/**
 * Every text the bot says, in English. Keys are shared with messages.da.ts; `{name}` is a value
 * filled in. `card.<card>.<name>` are a card template's own texts (`${t.name}` in the template).
 */
const texts = {
  'help.hello': 'Hello {name}.',
  'help.notUnderstood': 'I didn\'t understand that.',
  'help.typeCommand': '{opening} Type one of these commands:',
  'help.noAccess': 'You are not set up to use Invite Desk yet. Ask an Invite Desk admin to add you as staff.',
  'help.objectId': 'Give them your Microsoft Entra object id: {objectId}',

  'reply.failed': 'That did not work',
  'reply.notAllowed': 'Not allowed',
  'reply.refusal': 'Your Invite Desk role does not allow "{command}". Ask an Invite Desk admin if you need it.',
  'reply.noInvitation': 'No invitation matches "{reference}".',

  'status.which': 'Which invitation?',
  'status.howTo': 'Type status followed by an invitation code, id or e-mail address.',
  'status.notFound': 'Not found',

  'invitation.status.draft': 'Draft',
  'invitation.status.pending-approval': 'Waiting for approval',
  'invitation.status.rejected': 'Rejected',
  'invitation.status.sent': 'Sent',
  'invitation.status.redeemed': 'Redeemed',
  'invitation.status.expired': 'Expired',
  'invitation.status.revoked': 'Revoked',
  'invitation.summary': '{name}: {status}',
  'invitation.headline.group': '{status} · group invitation',
  'invitation.headline.single': '{status} · single invitation',
  'invitation.invited': 'Invited',
  'invitation.invitedCount': 'Invited ({count})',
  'invitation.moreInvited': 'and {count} more',
  'invitation.never': 'never',
  'invitation.redemptions': '{count} of {max}',
  'invitation.redeemedBy': 'Redeemed by',
  'invitation.redeemedByPage': 'Redeemed by ({from}–{to} of {total})',
  'mail.sent': '{count} sent',
  'mail.queued': '{count} queued',
  'mail.queuedAlone': 'queued',
  'mail.failed': '{count} failed',
  'mail.failedAlone': 'failed',
  'mail.notYet': 'not sent yet',
  'mail.none': 'none',

  'card.invitationStatus.inviter': 'Inviter',
  'card.invitationStatus.sentFor': 'Sent for',
  'card.invitationStatus.requestedBy': 'Requested by',
  'card.invitationStatus.created': 'Created',
  'card.invitationStatus.expires': 'Expires',
  'card.invitationStatus.redemptions': 'Redemptions',
  'card.invitationStatus.company': 'Company',
  'card.invitationStatus.roles': 'Roles',
  'card.invitationStatus.mail': 'Mail',
  'card.invitationStatus.code': 'Code',
  'card.invitationStatus.showMore': 'Show more',
  'card.invitationStatus.reset': 'Reset redemption',
  'card.invitationStatus.resetWhose': 'Whose redemption to undo',
  'card.invitationStatus.resetWhoseError': 'Choose a contact',
  'card.invitationStatus.why': 'Why (kept in the audit trail)',
  'card.invitationStatus.reissue': 'Give the invitation a new code and mail it again',
  'card.invitationStatus.extend': 'Extend',
  'card.invitationStatus.newEnd': 'New end (2026-12-31, 7d, never)',
  'card.invitationStatus.newEndError': 'Give the new end',
  'card.invitationStatus.resend': 'Resend',
  'card.invitationStatus.revoke': 'Revoke',
  'card.invitationStatus.revokeQuestion': 'Revoke "{name}"? Its code stops working at once; this cannot be undone.',
  'card.invitationStatus.confirmRevoke': 'Confirm revoke',

  'invite.titleSingle': 'Invite a customer',
  'invite.titleGroup': 'Invite a group',
  'invite.submitSingle': 'Send invitation',
  'invite.submitGroup': 'Ask for approval',
  'invite.noWorkflow': 'None',
  'invite.field.name': 'Name of the invitation',
  'invite.field.redirectUrl': 'Redirect URL',
  'invite.field.locale': 'Language of the mail',
  'invite.field.workflow': 'Workflow',
  'invite.field.expiresAt': 'Expires',
  'invite.field.inviterContactId': 'Inviter',
  'invite.problem': '{label}: {message}',

  'card.inviteForm.name': 'Name of the invitation',
  'card.inviteForm.namePlaceholder': 'Left empty: the contact (a group: the company) and today\'s date',
  'card.inviteForm.email': 'E-mail address',
  'card.inviteForm.emailError': 'Give the customer\'s e-mail address',
  'card.inviteForm.firstName': 'First name (for a new contact)',
  'card.inviteForm.lastName': 'Last name (for a new contact)',
  'card.inviteForm.contacts': 'Contacts, one per line: e-mail, or First Last <e-mail>, or first,last,e-mail',
  'card.inviteForm.contactsError': 'Give at least one contact',
  'card.inviteForm.maxRedemptions': 'How many may redeem',
  'card.inviteForm.maxRedemptionsError': 'Give how many may redeem: at least 1',
  'card.inviteForm.company': 'Company (the redeemer\'s account; created if new)',
  'card.inviteForm.roles': 'Web roles',
  'card.inviteForm.inviter': 'Inviter (a contact\'s e-mail, shown as who invites)',
  'card.inviteForm.redirectUrl': 'Redirect URL (where the customer lands after redeeming: this site or an allowed https site)',
  'card.inviteForm.expires': 'Expires (2026-12-31, 7d, 2w, or never)',
  'card.inviteForm.workflow': 'Workflow on redemption',
  'card.inviteForm.locale': 'Language of the mail',
  'card.inviteForm.localeError': 'Choose the language of the mail',
} as const;

export const en = { ...texts, ...commandTexts };

export type BotMessageKey = keyof typeof en;
