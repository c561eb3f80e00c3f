import type { StaffRole } from '../src/domain/staff.ts';

/** The personal-chat commands, who may use them, and how the help card describes them. */
export const COMMANDS: ReadonlyArray<{ name: string; usage: string; role: StaffRole; description: string }> = [
  { name: 'help', usage: 'help', role: 'viewer', description: 'What I can do for you' },
  { name: 'invite', usage: 'invite [email]', role: 'inviter', description: 'Invite one customer to the portal' },
  { name: 'invite group', usage: 'invite group', role: 'inviter', description: 'Invite a group of customers (needs approval)' },
  { name: 'status', usage: 'status <code|id|email>', role: 'viewer', description: 'See an invitation: state, redemptions, mail' },
  { name: 'list', usage: 'list [status]', role: 'viewer', description: 'List invitations' },
  { name: 'resend', usage: 'resend <id|code>', role: 'inviter', description: 'Send an invitation mail again' },
  { name: 'extend', usage: 'extend <id|code> <when>', role: 'inviter', description: 'Give an invitation a new end date' },
  { name: 'revoke', usage: 'revoke <id|code> [reason]', role: 'inviter', description: 'Withdraw an invitation' },
  { name: 'templates', usage: 'templates', role: 'admin', description: 'View and edit the mail templates' },
  { name: 'staff', usage: 'staff', role: 'admin', description: 'Manage who may use Invite Desk' },
];
