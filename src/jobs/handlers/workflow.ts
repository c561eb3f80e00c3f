import { displayName } from '../../domain/contact.ts';
import { PermanentJobError } from '../../domain/jobOutcomes.ts';
import type { JobHandler } from '../worker.ts';
import { payloadString, type HandlerDeps } from './deps.ts';
import { answerFailure, postSigned } from './signedPost.ts';

/**
 * Runs a redemption workflow: POSTs the redemption as signed JSON to the workflow's URL. 2xx is
 * done; 408, 429 and 5xx and network failures are retried; any other answer dead-letters the job.
 */
export function workflowHandler(deps: HandlerDeps): JobHandler {
  return async (job) => {
    const name = payloadString(job.payload, 'workflow');
    const workflow = await deps.store.workflows.findByName(name);
    if (!workflow) throw new PermanentJobError(`There is no workflow named "${name}".`);
    const body = JSON.stringify(await deliveryBody(deps, job.id, job.payload));

    let answer;
    try {
      answer = await postSigned({ url: workflow.url, secret: workflow.secret, body, event: 'invitation.redeemed', deliveryId: job.id, timeoutMs: deps.webhookTimeoutMs });
    } catch (error) {
      throw new Error(`workflow "${name}" could not be reached: ${(error as Error).message}`);
    }
    const failure = answerFailure(answer, deps.clock().getTime(), `workflow "${name}" answered ${answer.status}`);
    if (failure) throw failure;
  };
}

async function deliveryBody(deps: HandlerDeps, deliveryId: string, payload: Record<string, unknown>) {
  const invitation = await deps.store.invitations.get(payloadString(payload, 'invitationId'));
  const contact = await deps.store.contacts.get(payloadString(payload, 'contactId'));
  if (!invitation || !contact) throw new PermanentJobError('The invitation or the contact no longer exists.');
  const activities = await deps.store.activities.listForInvitation(invitation.id, { limit: 100 });
  const activity = activities.items.find((a) => a.id === payload.activityId);
  const account = invitation.assignToAccountId ? await deps.store.accounts.get(invitation.assignToAccountId) : null;
  const roles = await Promise.all(invitation.webRoleIds.map((id) => deps.store.webRoles.get(id)));
  return {
    event: 'invitation.redeemed',
    deliveryId,
    workflow: payload.workflow,
    redeemedAt: (activity?.at ?? deps.clock()).toISOString(),
    invitation: { id: invitation.id, name: invitation.name, type: invitation.type },
    contact: { id: contact.id, name: displayName(contact), firstName: contact.firstName, lastName: contact.lastName, email: contact.primaryEmail },
    account: account ? { id: account.id, name: account.name } : null,
    webRoles: roles.flatMap((role) => (role ? [{ id: role.id, name: role.name }] : [])),
  };
}
