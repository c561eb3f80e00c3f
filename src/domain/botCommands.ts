import type { StaffRole } from './staff.ts';

/** `inManifest: false` keeps a command out of the Teams command menu (help still lists it). */
export type BotCommand = { name: string; usage: string; role: StaffRole; description: string; aliases?: readonly string[]; inManifest?: boolean };

/** Teams shows at most this many commands per scope in its command menu. */
export const MANIFEST_COMMAND_LIMIT = 10;

/**
 * The bot's personal-chat commands: who may use them and how they are described. The one table
 * behind routing, the help card and the Teams manifest's command list (descriptions at most 128
 * characters). A message is routed to the first command whose name (or alias) is its first words.
 */
export const BOT_COMMANDS = [
  { name: 'help', usage: 'help', role: 'viewer', description: 'What I can do for you' },
  { name: 'invite', usage: 'invite [email]', role: 'inviter', description: 'Invite one customer to the portal' },
  { name: 'invite group', usage: 'invite group', role: 'inviter', description: 'Invite a group of customers (needs approval)' },
  { name: 'invite many', usage: 'invite many (or send a CSV file)', role: 'inviter', description: 'Invite up to 1,000 customers at once, one invitation each, from a pasted list or a CSV file' },
  { name: 'status', usage: 'status <code|id|email>', role: 'viewer', description: 'See an invitation: state, redemptions, mail' },
  { name: 'list', usage: 'list [status] [mine]', role: 'viewer', description: 'List invitations, newest first; mine: those you own or made' },
  { name: 'approvals', usage: 'approvals', role: 'approver', description: 'Approve or reject invitations that wait for you; an admin types "approvals here" in a channel to post them there', aliases: ['approval'] },
  { name: 'resend', usage: 'resend <id|code|email>', role: 'inviter', description: 'Send an invitation mail again' },
  { name: 'extend', usage: 'extend <id|code|email> <when>', role: 'inviter', description: 'Give an invitation a new end date' },
  { name: 'revoke', usage: 'revoke <id|code|email> [reason]', role: 'inviter', description: 'Withdraw an invitation' },
  { name: 'templates', usage: 'templates', role: 'admin', description: 'View and edit the mail templates', inManifest: false },
  { name: 'staff', usage: 'staff', role: 'admin', description: 'Manage who may use Invite Desk', inManifest: false },
  { name: 'webhooks', usage: 'webhooks', role: 'admin', description: 'Send invitation events to other systems: add and remove webhook subscriptions', inManifest: false },
  { name: 'stats', usage: 'stats [weeks]', role: 'viewer', description: 'Invitations sent, redeemed, expired and revoked per week; redemption rate; top inviters', inManifest: false },
  { name: 'audit', usage: 'audit', role: 'admin', description: 'Who changed what, when: the audit trail, newest first, by person or record', inManifest: false },
  { name: 'apikeys', usage: 'apikeys', role: 'admin', description: 'Manage the API keys of systems that call the REST API', inManifest: false },
] as const satisfies readonly BotCommand[];

export type BotCommandName = (typeof BOT_COMMANDS)[number]['name'];

/** The commands of the Teams command menu: the most used, at most MANIFEST_COMMAND_LIMIT (admin commands are in help only). */
export const manifestCommands = (): BotCommand[] => (BOT_COMMANDS as readonly BotCommand[]).filter((command) => command.inManifest !== false);

/** Matches a message that starts with the command's name or one of its aliases, any case. */
export function commandPattern(command: BotCommand): RegExp {
  const names = [command.name, ...(command.aliases ?? [])].map((name) => name.replace(/ /g, '\\s+'));
  return new RegExp(`^\\s*(${names.join('|')})(\\s|$)`, 'i');
}
