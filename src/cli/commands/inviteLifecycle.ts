import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import { EXPIRY_HELP, parseExpiry } from '../../domain/expiry.ts';
import type { Services } from '../../services/index.ts';
import type { InvitationDetails, InvitationSummary } from '../../services/queryInvitations.ts';
import { CLI_ACTOR } from '../actor.ts';
import { print, type Output } from '../output.ts';

/** What `invite show` says about sending and reminding: a draft's send time, and when the reminder went or will go. */
export function lifecycleLines(d: Pick<InvitationDetails, 'status' | 'sendAt' | 'reminder'>): string[] {
  const lines = d.status === 'draft' ? [d.sendAt ? `send at: ${d.sendAt.toISOString()} (by the worker)` : 'draft: not sent yet (invite send <id>)'] : [];
  const { reminder } = d;
  const days = reminder.days ? `${reminder.days} day(s) before expiry` : '';
  switch (reminder.state) {
    case 'off': return [...lines, `reminder: ${days ? 'none (no expiry)' : 'none'}`];
    case 'none': return [...lines, `reminder: ${days}; none will go`];
    case 'planned': return [...lines, `reminder: ${days}; goes at ${reminder.at.toISOString()} if still unredeemed`];
    case 'sent': return [...lines, `reminder: ${days}; went at ${reminder.at.toISOString()}`];
    case 'failed': return [...lines, `reminder: ${days}; failed at ${reminder.at.toISOString()} (see jobs dead)`];
  }
}

/** `invite send` (a draft) and `invite renew` (an invitation that went out: new expiry and mail again, in one step). */
export function inviteLifecycleCommands(invite: Command, services: Services, output: Output, summaryLine: (i: InvitationSummary) => string): void {
  invite.command('send <reference>')
    .description('send a draft now (a scheduled one before its time too); a group draft goes to the approvers first')
    .option('--skip-approval', 'admins: send at once even when the approval rule says wait (audited)')
    .action(async (reference: string, options, command: Command) => {
      const sent = await services.invitations.send(CLI_ACTOR, reference, { skipApproval: Boolean(options.skipApproval) });
      print(command, output, await services.invitations.find(CLI_ACTOR, sent.id), (i) => [
        i.lifecycle === 'sent' ? `mail queued for ${summaryLine(i)}` : `waits for an approver: ${summaryLine(i)}`,
      ]);
    });

  invite.command('renew <reference>')
    .description('give an invitation (typically an expired one) a new expiry and mail it again, in one audited step')
    .requiredOption('--expires <when>', EXPIRY_HELP)
    .action(async (reference: string, options, command: Command) => {
      const expiresAt = parseExpiry(options.expires, services.clock());
      if (expiresAt === undefined) throw new ValidationError([{ field: 'expires', message: `"${options.expires}" is not ${EXPIRY_HELP}` }]);
      const renewed = await services.invitations.renew(CLI_ACTOR, reference, expiresAt);
      print(command, output, await services.invitations.find(CLI_ACTOR, renewed.id), (i) => [`renewed; mail queued again for ${summaryLine(i)}`]);
    });
}
