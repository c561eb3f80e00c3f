import type { TurnContext } from 'botbuilder';
import { parseContactLines } from '../../src/domain/contactLines.ts';
import { isEmail } from '../../src/domain/email.ts';
import { DomainError, ValidationError } from '../../src/domain/errors.ts';
import { EXPIRY_HELP, parseExpiry } from '../../src/domain/expiry.ts';
import type { Services } from '../../src/services/index.ts';
import { formFields } from '../../src/services/input.ts';
import { identifySpeaker, may } from '../access.ts';
import { renderCard } from '../cards/render.ts';
import { VERBS } from '../cards/verbs.ts';
import type { BotDependencies } from '../dependencies.ts';
import { statusCardData } from './invitationCards.ts';
import { cardText } from './cardData.ts';
import { refuse } from './replies.ts';

type FormValues = {
  email?: string; firstName?: string; lastName?: string; contacts?: string; maxRedemptions?: number | string;
  company?: string; roles?: string; expires?: string; workflow?: string; locale?: string;
};

const DEFAULTS: FormValues = { expires: '30d', locale: 'en', roles: '', workflow: '', company: '' };

/**
 * `invite [email]` and `invite group`: a form card; its submit creates the invitation (a group, or
 * any invitation when approval is required for all, waits for an approver) or shows the form again
 * with what is wrong.
 */
export function inviteHandlers(deps: BotDependencies) {
  const { services } = deps;

  async function showForm(context: TurnContext, group: boolean, values: FormValues, error = '') {
    const roles = (await services.webRoles.list({ limit: 100 })).items;
    const workflows = await services.workflows.list();
    await context.sendActivity({
      attachments: [renderCard('inviteForm', {
        title: group ? 'Invite a group' : 'Invite a customer',
        error, group,
        verb: group ? VERBS.inviteGroupSubmit : VERBS.inviteSubmit,
        submitTitle: group ? 'Ask for approval' : 'Send invitation',
        values: { ...DEFAULTS, email: '', firstName: '', lastName: '', contacts: '', maxRedemptions: 10, ...values },
        roleChoices: roles.map((r) => ({ title: r.name, value: r.id })),
        workflowChoices: [{ title: 'None', value: '' }, ...workflows.map((w) => ({ title: w.name, value: w.name }))],
      })],
    });
  }

  async function speakerMayInvite(context: TurnContext) {
    const speaker = await identifySpeaker(context.activity, services, deps.adminObjectIds);
    return may(speaker, 'inviter') && speaker.objectId ? speaker.objectId : null;
  }

  async function submit(context: TurnContext, values: FormValues, group: boolean) {
    const actor = await speakerMayInvite(context);
    if (!actor) return refuse(context, group ? 'invite group' : 'invite');
    try {
      const invitationId = await create(services, actor, values, group, deps.approvalRequiredForAll ?? false);
      const details = await services.invitations.details(invitationId);
      await context.sendActivity({ attachments: [renderCard('invitationStatus', statusCardData(details, await services.jobs.mailDelivery(invitationId)))] });
    } catch (error) {
      if (!(error instanceof DomainError) || !error.expose) throw error;
      const message = error instanceof ValidationError ? error.problems.map((p) => p.message).join('; ') : error.message;
      await showForm(context, group, values, message);
    }
  }

  return {
    command: async (context: TurnContext) => {
      if (!(await speakerMayInvite(context))) return refuse(context, 'invite');
      const rest = (context.activity.text ?? '').trim().replace(/^invite\s*/i, '').trim();
      if (/^group\b/i.test(rest)) return showForm(context, true, {});
      return showForm(context, false, { email: rest.slice(0, 254) });
    },
    submitSingle: (context: TurnContext, _state: unknown, data: unknown) => submit(context, formValues(data), false),
    submitGroup: (context: TurnContext, _state: unknown, data: unknown) => submit(context, formValues(data), true),
  };
}

const FORM_FIELDS = ['email', 'firstName', 'lastName', 'contacts', 'maxRedemptions', 'company', 'roles', 'expires', 'workflow', 'locale'] as const;

/** The submitted form as text fields; whatever else the data holds is dropped. */
const formValues = (data: unknown): FormValues => formFields(data, FORM_FIELDS, cardText);

async function create(services: Services, actor: string, values: FormValues, group: boolean, approvalForAll: boolean): Promise<string> {
  const problems: string[] = [];
  const expiresAt = values.expires?.trim() ? parseExpiry(values.expires, new Date()) : null;
  if (expiresAt === undefined) problems.push(`Expires: "${values.expires}" is not ${EXPIRY_HELP}`);
  let people: { email: string; firstName: string; lastName: string }[] = [];
  if (group) {
    const parsed = parseContactLines(String(values.contacts ?? ''));
    problems.push(...parsed.problems);
    if (parsed.contacts.length === 0 && parsed.problems.length === 0) problems.push('Contacts: give at least one contact');
    people = parsed.contacts;
  } else if (!isEmail(String(values.email ?? ''))) {
    problems.push('E-mail address: give the customer\'s e-mail address');
  } else {
    people = [{ email: String(values.email), firstName: String(values.firstName ?? ''), lastName: String(values.lastName ?? '') }];
  }
  const maxRedemptions = group ? Number(values.maxRedemptions) : undefined;
  if (group && !(Number.isInteger(maxRedemptions) && maxRedemptions! >= 1)) problems.push('How many may redeem: a whole number, at least 1');
  if (problems.length) throw new ValidationError(problems.map((message) => ({ field: 'form', message })));

  const account = values.company?.trim() ? await services.accounts.ensure(values.company) : null;
  const contacts = [];
  for (const person of people) contacts.push(await services.contacts.ensure({ ...person, account: account?.id ?? null }));
  const { invitation } = await services.invitations.create(actor, {
    type: group ? 'group' : 'single',
    invitedContactIds: contacts.map((c) => c.id),
    maxRedemptions,
    expiresAt,
    assignToAccountId: account?.id ?? null,
    webRoleIds: String(values.roles ?? '').split(',').map((id) => id.trim()).filter(Boolean),
    workflow: values.workflow?.trim() || null,
    locale: values.locale === 'da' ? 'da' : 'en',
    ownerId: (await services.staff.get(actor)) ? actor : null,
    requiresApproval: group || approvalForAll,
  });
  return invitation.id;
}
