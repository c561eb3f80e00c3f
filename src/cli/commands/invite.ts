import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import { EXPIRY_HELP, parseExpiry, SEND_AT_HELP } from '../../domain/expiry.ts';
import { displayName } from '../../domain/contact.ts';
import type { Services } from '../../services/index.ts';
import type { ResetRedemptionResult } from '../../services/resetRedemption.ts';
import type { InvitationDetails, InvitationSummary } from '../../services/queryInvitations.ts';
import { CLI_ACTOR } from '../actor.ts';
import { collect, nextPageLine, pageOptions, print, type Output } from '../output.ts';
import { inviteLifecycleCommands, lifecycleLines } from './inviteLifecycle.ts';

const summaryLine = (i: InvitationSummary) =>
  `${i.id}  ${i.status.padEnd(16)} ${i.type.padEnd(6)} ${i.redemptions}/${i.maxRedemptions}  ${i.expiresAt?.toISOString() ?? 'no expiry'}  ${i.name}`;

function detailLines(d: InvitationDetails & { newCode?: string }): string[] {
  return [
    ...(d.newCode ? [`code: ${d.newCode}   (shown once; it is stored only in protected form)`] : [`code: ${d.code}`]),
    `id: ${d.id}`,
    `name: ${d.name}`,
    `type: ${d.type}   status: ${d.status}   redemptions: ${d.redemptions}/${d.maxRedemptions}`,
    `expires: ${d.expiresAt?.toISOString() ?? 'never'}`,
    ...lifecycleLines(d),
    `account: ${d.account?.name ?? '-'}   web roles: ${d.webRoles.map((r) => r.name).join(', ') || '-'}`,
    `inviter: ${d.inviter?.name ?? '-'}   workflow: ${d.workflow ?? '-'}   locale: ${d.locale}`,
    `invited: ${d.invitedContacts.map((c) => `${c.name} <${c.email ?? 'no e-mail'}>`).join(', ')}${d.moreInvitedContacts ? ` and ${d.moreInvitedContacts} more` : ''}`,
    ...d.redeemedBy.map((r) => `redeemed by ${r.name} at ${r.at.toISOString()}`),
    ...d.resets.map((r) => `redemption by ${r.name} reset at ${r.at.toISOString()} by ${r.actor}${r.reason ? `: ${r.reason}` : ''}`),
  ];
}

function resetLines({ invitation, contact, activity }: ResetRedemptionResult): string[] {
  const removed = [
    ...(activity.accountId ? ['the parent account'] : []),
    ...(activity.webRoleIds.length ? [`${activity.webRoleIds.length} web role(s)`] : []),
    ...(activity.identities.length ? [`${activity.identities.length} sign-in(s) linked through this invitation`] : []),
    ...(activity.localAccountRemoved ? ['the password set through this invitation'] : []),
  ];
  return [
    `reset the redemption of "${invitation.name}" (${invitation.id}) by ${displayName(contact)} <${contact.primaryEmail ?? 'no e-mail'}>`,
    `removed: ${removed.join(', ') || 'nothing (the contact holds it all from elsewhere)'}; sessions ended`,
    `redemptions: ${invitation.maxRedemptions - invitation.remaining}/${invitation.maxRedemptions}`,
    ...(activity.reissued ? ['a new code was mailed to the invited contact; the old code no longer works'] : []),
  ];
}

function expiryOption(text: string | undefined, now: Date): Date | null | undefined {
  if (text === undefined) return undefined;
  const expiry = parseExpiry(text, now);
  if (expiry === undefined) throw new ValidationError([{ field: 'expires', message: `"${text}" is not ${EXPIRY_HELP}` }]);
  return expiry;
}

export function inviteCommands(program: Command, services: Services, output: Output): void {
  const invite = program.command('invite').description('invitations');

  invite.command('create')
    .description('create an invitation and print its code (shown only this once)')
    .option('--type <type>', 'single (one contact, one redemption) or group', 'single')
    .requiredOption('--contact <email|id>', 'invited contact; repeat for a group', collect)
    .option('--max <n>', 'group: maximum number of redemptions', (v) => Number(v))
    .option('--name <text>', 'descriptive label (default: the contact, or a group\'s account, and the date)')
    .option('--expires <when>', EXPIRY_HELP)
    .option('--account <name|id>', 'account set as the redeemer\'s parent company')
    .option('--role <name|id>', 'web role given on redemption; repeat for more', collect)
    .option('--inviter <email|id>', 'contact shown as the person who invites')
    .option('--workflow <name>', 'workflow run on redemption')
    .option('--locale <locale>', 'language of the mail: en or da', 'en')
    .option('--owner <objectId>', 'staff member the mail is sent on behalf of')
    .option('--redirect <url>', 'where the customer lands after redeeming')
    .option('--skip-approval', 'admins: send at once even when the approval rule says wait (audited)')
    .option('--draft', 'store it without mailing it; send it later with `invite send`')
    .option('--send-at <when>', `a draft the worker sends then: ${SEND_AT_HELP}`)
    .option('--reminder-days <n>', 'remind whoever has not redeemed this many days before the expiry (default: REMINDER_DAYS)')
    .option('--no-reminder', 'no reminder for this invitation')
    .action(async (options, command: Command) => {
      const { invitation, code } = await services.invitations.invite(CLI_ACTOR, {
        type: options.type,
        name: options.name,
        contacts: options.contact,
        maxRedemptions: options.max,
        expires: options.expires,
        account: options.account,
        roles: options.role,
        inviter: options.inviter,
        workflow: options.workflow,
        locale: options.locale,
        owner: options.owner,
        redirectUrl: options.redirect,
        skipApproval: Boolean(options.skipApproval),
        draft: Boolean(options.draft),
        sendAt: options.sendAt,
        reminderDays: options.reminder === false ? null : options.reminderDays,
      });
      const details = await services.invitations.details(CLI_ACTOR, invitation.id);
      print(command, output, { ...details, code }, () => detailLines({ ...details, newCode: code }));
    });

  invite.command('show <reference>')
    .description('show one invitation, found by id, code or e-mail (the newest sent to that contact)')
    .option('--reveal-code', 'print the code in full (for resending by hand)')
    .action(async (reference: string, options, command: Command) => {
      const details = await services.invitations.details(CLI_ACTOR, reference, { revealCode: Boolean(options.revealCode) });
      // Every redeemer, however many: the pages after the first come from the redeemers listing.
      const redeemedBy = [...details.redeemedBy];
      for (let after = details.redeemersNext; after;) {
        const page = await services.invitations.redeemers(CLI_ACTOR, details.id, { limit: 100, after });
        redeemedBy.push(...page.items);
        after = page.next;
      }
      print(command, output, { ...details, redeemedBy, redeemersNext: null }, detailLines);
    });

  pageOptions(invite.command('list')
    .description('list invitations, newest first')
    .option('--status <status>', 'draft, pending-approval, rejected, sent, redeemed, expired or revoked')
    .option('--contact <email|id>', 'only invitations that invite this contact or that it redeemed')
    .option('--search <text>', 'start of the name'))
    .action(async (options, command: Command) => {
      const page = await services.invitations.list(
        CLI_ACTOR,
        { status: options.status, contact: options.contact, search: options.search },
        { limit: options.limit, after: options.after },
      );
      print(command, output, page, (p) => [...p.items.map(summaryLine), ...nextPageLine(p.next)]);
    });

  invite.command('revoke <reference>')
    .description('withdraw an invitation so it can no longer be redeemed')
    .option('--reason <text>', 'why (kept in the audit trail)')
    .action(async (reference: string, options, command: Command) => {
      const revoked = await services.invitations.revoke(CLI_ACTOR, reference, options.reason);
      print(command, output, await services.invitations.find(CLI_ACTOR, revoked.id), (i) => [`revoked ${summaryLine(i)}`]);
    });

  invite.command('resend <reference>')
    .description('mail the invitation again to every invited contact')
    .action(async (reference: string, _options, command: Command) => {
      const resent = await services.invitations.resend(CLI_ACTOR, reference);
      print(command, output, await services.invitations.find(CLI_ACTOR, resent.id), (i) => [`mail queued again for ${summaryLine(i)}`]);
    });

  invite.command('reset-redemption <invitation> <contact>')
    .description('undo a redemption: the slot goes back, the contact loses what it gave and its sessions (invitation by id, code or e-mail, contact by id or e-mail)')
    .option('--reissue', 'single invitations: give it a new code and mail it to the invited contact again (the old code stops working)')
    .option('--reason <text>', 'why (kept in the audit trail and told to the inviter)')
    .action(async (invitation: string, contact: string, options, command: Command) => {
      const result = await services.invitations.resetRedemption(CLI_ACTOR, { invitation, contact, reissue: Boolean(options.reissue), reason: options.reason });
      const { codeLookupKey: _key, codeSealed: _sealed, ...shown } = result.invitation;
      print(command, output, { ...result, invitation: shown }, () => resetLines(result));
    });

  inviteLifecycleCommands(invite, services, output, summaryLine);

  invite.command('extend <reference>')
    .description('give an invitation a new expiry')
    .requiredOption('--expires <when>', EXPIRY_HELP)
    .action(async (reference: string, options, command: Command) => {
      const expiresAt = expiryOption(options.expires, services.clock()) ?? null;
      const extended = await services.invitations.extend(CLI_ACTOR, reference, expiresAt);
      print(command, output, await services.invitations.find(CLI_ACTOR, extended.id), (i) => [`extended ${summaryLine(i)}`]);
    });
}
