import type { StaffRole } from './staff.ts';

export type BotCommand = { name: string; usage: string; role: StaffRole; description: string; aliases?: readonly string[] };

/**
 * The bot's personal-chat commands: who may use them and how they are described. The one table
 * behind routing, the help card and the Teams manifest's command list (descriptions at most 128
 * characters). A message is routed to the first command whose name (or alias) is its first words.
 */
export const BOT_COMMANDS = [
  { name: 'help', usage: 'help', role: 'viewer', description: 'What I can do for you' },
  { name: 'invite', usage: 'invite [email]', role: 'inviter', description: 'Invite one customer to the portal' },
  { name: 'invite group', usage: 'invite group', role: 'inviter', description: 'Invite a group of customers (needs approval)' },
  { name: 'status', usage: 'status <code|id|email>', role: 'viewer', description: 'See an invitation: state, redemptions, mail' },
  { name: 'list', usage: 'list [status]', role: 'viewer', description: 'List invitations' },
  { name: 'approvals', usage: 'approvals', role: 'approver', description: 'Approve or reject invitations that wait for you', aliases: ['approval'] },
  { name: 'resend', usage: 'resend <id|code|email>', role: 'inviter', description: 'Send an invitation mail again' },
  { name: 'extend', usage: 'extend <id|code|email> <when>', role: 'inviter', description: 'Give an invitation a new end date' },
  { name: 'revoke', usage: 'revoke <id|code|email> [reason]', role: 'inviter', description: 'Withdraw an invitation' },
  { name: 'templates', usage: 'templates', role: 'admin', description: 'View and edit the mail templates' },
  { name: 'staff', usage: 'staff', role: 'admin', description: 'Manage who may use Invite Desk' },
] as const satisfies readonly BotCommand[];

export type BotCommandName = (typeof BOT_COMMANDS)[number]['name'];

/** Matches a message that starts with the command's name or one of its aliases, any case. */
export function commandPattern(command: BotCommand): RegExp {
  const names = [command.name, ...(command.aliases ?? [])].map((name) => name.replace(/ /g, '\\s+'));
  return new RegExp(`^\\s*(${names.join('|')})(\\s|$)`, 'i');
}
