import type { TurnContext } from 'botbuilder';
import { ValidationError } from '../../src/domain/errors.ts';
import type { InviteRequest } from '../../src/services/inviteContacts.ts';
import { formFields } from '../../src/services/input.ts';
import { renderCard } from '../cards/render.ts';
import { VERBS } from '../cards/verbs.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { statusCardData } from './invitationCards.ts';
import { cardText } from './cardData.ts';
import { errorText } from './replies.ts';

type FormValues = {
  email?: string; firstName?: string; lastName?: string; contacts?: string; maxRedemptions?: number | string;
  company?: string; roles?: string; expires?: string; workflow?: string; locale?: string;
};

const DEFAULTS: FormValues = { locale: 'en', roles: '', workflow: '', company: '' };

/**
 * `invite [email]` and `invite group`: a form card; its submit creates the invitation (a group, or
 * any invitation when approval is required for all, waits for an approver) or shows the form again
 * with what is wrong.
 */
export function inviteHandlers(deps: BotDependencies) {
  const { services } = deps;

  async function showForm(context: TurnContext, actor: string, group: boolean, values: FormValues, error = '') {
    const roles = (await services.webRoles.list({ limit: 100 })).items;
    const workflows = await services.workflows.list(actor);
    await context.sendActivity({
      attachments: [renderCard('inviteForm', {
        title: group ? 'Invite a group' : 'Invite a customer',
        error, group,
        verb: group ? VERBS.inviteGroupSubmit : VERBS.inviteSubmit,
        submitTitle: group ? 'Ask for approval' : 'Send invitation',
        values: { ...DEFAULTS, ...services.invitations.defaults(), email: '', firstName: '', lastName: '', contacts: '', maxRedemptions: 10, ...values },
        roleChoices: roles.map((r) => ({ title: r.name, value: r.id })),
        workflowChoices: [{ title: 'None', value: '' }, ...workflows.map((w) => ({ title: w.name, value: w.name }))],
      })],
    });
  }

  async function submit(context: TurnContext, { id: actor }: StaffActor, values: FormValues, group: boolean) {
    try {
      const { invitation } = await services.invitations.invite(actor, inviteRequest(values, group));
      const details = await services.invitations.details(actor, invitation.id);
      await context.sendActivity({ attachments: [renderCard('invitationStatus', statusCardData(details, await services.jobs.mailDelivery(actor, invitation.id)))] });
    } catch (error) {
      const message = error instanceof ValidationError ? error.problems.map((p) => p.message).join('; ') : errorText(error);
      await showForm(context, actor, group, values, message);
    }
  }

  return {
    command: async (context: TurnContext, { id: actor }: StaffActor) => {
      const rest = (context.activity.text ?? '').trim().replace(/^invite\s*/i, '').trim();
      if (/^group\b/i.test(rest)) return showForm(context, actor, true, {});
      return showForm(context, actor, false, { email: rest.slice(0, 254) });
    },
    submitSingle: (context: TurnContext, actor: StaffActor, data: unknown) => submit(context, actor, formValues(data), false),
    submitGroup: (context: TurnContext, actor: StaffActor, data: unknown) => submit(context, actor, formValues(data), true),
  };
}

const FORM_FIELDS = ['email', 'firstName', 'lastName', 'contacts', 'maxRedemptions', 'company', 'roles', 'expires', 'workflow', 'locale'] as const;

/** The submitted form as text fields; whatever else the data holds is dropped. */
const formValues = (data: unknown): FormValues => formFields(data, FORM_FIELDS, cardText);

/** The form as an invite request; the service validates it and applies the approval rule and default expiry. */
function inviteRequest(values: FormValues, group: boolean): InviteRequest {
  const text = (value: string | number | undefined) => String(value ?? '');
  return {
    type: group ? 'group' : 'single',
    ...(group
      ? { contactLines: text(values.contacts), maxRedemptions: values.maxRedemptions }
      : { people: [{ email: text(values.email).trim(), firstName: text(values.firstName), lastName: text(values.lastName) }] }),
    company: text(values.company),
    roles: text(values.roles).split(','),
    expires: text(values.expires).trim(),
    workflow: text(values.workflow),
    locale: values.locale === 'da' ? 'da' : 'en',
  };
}
