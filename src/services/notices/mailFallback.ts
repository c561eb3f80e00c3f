import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { Notify } from '../../domain/notice.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { noticeMail } from '../../mail/noticeMail.ts';
import type { Store } from '../../store/port.ts';

/**
 * Notices that Teams cannot deliver (PermanentJobError: never wrote to the bot and the app could
 * not be installed, the bot removed or blocked) go by mail to the address on the staff record.
 * With no address, or a mail refused for good, the notice fails for good with both reasons, for
 * the admins' summary of who could not be reached. Transient failures of either are retried.
 */
export function withMailFallback(teams: Notify, deps: { store: Pick<Store, 'staff'>; mailer: Mailer; sender: string; organisationName: string }): Notify {
  return async (to, title, text, color, message) => {
    try {
      await teams(to, title, text, color, message);
      return;
    } catch (error) {
      if (!(error instanceof PermanentJobError)) throw error;
      const teamsReason = error.message.replace(/[.\s]+$/, '');
      const member = await deps.store.staff.get(to.trim().toLowerCase());
      if (!member?.email) throw new PermanentJobError(`${teamsReason}; and no e-mail address is kept for them (staff add … --email).`);
      try {
        await deps.mailer.send(noticeMail({ from: deps.sender, to: { address: member.email, name: member.displayName }, title, text, organisationName: deps.organisationName }));
      } catch (mailError) {
        if (!(mailError instanceof PermanentJobError)) throw mailError;
        throw new PermanentJobError(`${teamsReason}; and the mail to ${member.email} failed too: ${mailError.message}`);
      }
    }
  };
}
