import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ValidationError, type Problem } from '../../src/domain/errors.ts';
import type { InviteRequest } from '../../src/services/inviteContacts.ts';
import { formFields } from '../../src/services/input.ts';
import { cardMessage, expandCard } from '../cards/render.ts';
import { VERBS } from '../cards/verbs.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { BotLocale } from '../i18n/locale.ts';
import { botPhrase, translator, type BotTranslate } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { statusCardData } from './invitationCards.ts';
import { cardText } from './cardData.ts';
import { ECHO_LIMITS, echoError, echoNonce, echoValues } from './formEcho.ts';
import { errorText } from './replies.ts';

type FormValues = Partial<Record<(typeof FORM_FIELDS)[number], string>>;

const FORM_FIELDS = ['name', 'email', 'firstName', 'lastName', 'contacts', 'maxRedemptions', 'company', 'roles', 'inviter', 'redirectUrl', 'expires', 'workflow', 'locale', 'reminderDays', 'draft', 'sendAt'] as const;

const DEFAULTS: FormValues = { name: '', email: '', firstName: '', lastName: '', contacts: '', company: '', roles: '', inviter: '', redirectUrl: '', workflow: '', draft: 'false', sendAt: '' };

/** The fields the invitation itself checks, which the form labels (the invite use case labels its own). */
const LABELLED_FIELDS = ['name', 'redirectUrl', 'locale', 'workflow', 'expiresAt', 'inviterContactId'] as const;

/**
 * `invite [email]` and `invite group`: a form card whose `Action.Execute` is answered with the
 * invitation's status card, which takes the form's place (or with the form again, saying what is
 * wrong). Each form carries a nonce made when it is shown, sent as the invite request's key: the
 * service makes one invitation of it however often, or however fast, the form is sent. The form is
 * in the speaker's language, and so is the mail's language until they choose another.
 */
export function inviteHandlers(deps: BotDependencies) {
  const { services } = deps;

  async function form({ id: actor, locale }: StaffActor, group: boolean, requestKey: string, values: FormValues, error = ''): Promise<AdaptiveCard> {
    const t = translator(locale);
    const roles = (await services.webRoles.list({ limit: 100 })).items;
    const workflows = await services.workflows.list(actor);
    return expandCard('inviteForm', {
      title: t(group ? 'invite.titleGroup' : 'invite.titleSingle'),
      error, group, requestKey,
      verb: group ? VERBS.inviteGroupSubmit : VERBS.inviteSubmit,
      submitTitle: t(group ? 'invite.submitGroup' : 'invite.submitSingle'),
      values: { ...DEFAULTS, locale, ...formDefaults(services.invitations.defaults()), maxRedemptions: 10, ...values },
      roleChoices: roles.map((r) => ({ title: r.name, value: r.id })),
      workflowChoices: [{ title: t('invite.noWorkflow'), value: '' }, ...workflows.map((w) => ({ title: w.name, value: w.name }))],
    }, locale) as AdaptiveCard;
  }

  /** The invitation's status card, or the form again with what is wrong. */
  async function send(staff: StaffActor, data: unknown, group: boolean): Promise<AdaptiveCard> {
    const { id: actor, locale } = staff;
    const values = formFields(data, FORM_FIELDS, cardText);
    const requestKey = cardText((data as { requestKey?: unknown } | null)?.requestKey);
    try {
      const { invitation } = await services.invitations.invite(actor, { ...inviteRequest(values, group, locale), ...(requestKey ? { requestKey } : {}) });
      const details = await services.invitations.details(actor, invitation.id);
      return expandCard('invitationStatus', statusCardData(details, await services.jobs.mailDelivery(actor, invitation.id), { canChange: true, locale }), locale) as AdaptiveCard;
    } catch (error) {
      const t = translator(locale);
      const message = error instanceof ValidationError ? error.problems.map((problem) => problemText(problem, t, locale)).join('; ') : errorText(error, undefined, locale);
      return form(staff, group, echoNonce(requestKey, randomUUID), echoValues(values, { contacts: ECHO_LIMITS.list, redirectUrl: ECHO_LIMITS.url }), echoError(message));
    }
  }

  const execute = (group: boolean) => (_context: TurnContext, actor: StaffActor, data: unknown) => send(actor, data, group);
  /** The form sent by Action.Submit (a client without Action.Execute, or a card from before it): answered with a new message. */
  const submit = (group: boolean) => async (context: TurnContext, actor: StaffActor, data: unknown) => {
    await context.sendActivity(cardMessage(await send(actor, data, group)));
  };

  return {
    command: async (context: TurnContext, actor: StaffActor) => {
      const rest = (context.activity.text ?? '').trim().replace(/^invite\s*/i, '').trim();
      const group = /^group\b/i.test(rest);
      const card = await form(actor, group, randomUUID(), group ? {} : { email: rest.slice(0, 254) });
      await context.sendActivity(cardMessage(card));
    },
    executeSingle: execute(false),
    executeGroup: execute(true),
    submitSingle: submit(false),
    submitGroup: submit(true),
  };
}

/** The service's defaults as the form shows them: the reminder days as text, 0 for none. */
const formDefaults = ({ expires, reminderDays }: { expires: string; reminderDays: number | null }): FormValues => ({ expires, reminderDays: String(reminderDays ?? 0) });

/** A problem of the form: in English labelled with its field; in another language its phrase, which names the field itself. */
function problemText({ field, message, phrase }: Problem, t: BotTranslate, locale: BotLocale): string {
  if (phrase && locale !== 'en') return botPhrase(locale, phrase);
  const labelled = LABELLED_FIELDS.find((known) => known === field);
  return labelled ? t('invite.problem', { label: t(`invite.field.${labelled}`), message }) : message;
}

/** The form as an invite request; the service validates it and applies the approval rule, default expiry and default name. */
function inviteRequest(values: FormValues, group: boolean, speaker: BotLocale): InviteRequest {
  const text = (value: string | undefined) => value ?? '';
  return {
    type: group ? 'group' : 'single',
    ...(group
      ? { contactLines: text(values.contacts), maxRedemptions: values.maxRedemptions }
      : { people: [{ email: text(values.email).trim(), firstName: text(values.firstName), lastName: text(values.lastName) }] }),
    name: text(values.name).trim(),
    company: text(values.company),
    roles: text(values.roles).split(','),
    ...(text(values.inviter).trim() ? { inviter: text(values.inviter).trim() } : {}),
    ...(text(values.redirectUrl).trim() ? { redirectUrl: text(values.redirectUrl).trim() } : {}),
    expires: text(values.expires).trim(),
    ...(text(values.reminderDays).trim() ? { reminderDays: text(values.reminderDays).trim() } : {}),
    draft: values.draft === 'true',
    ...(text(values.sendAt).trim() ? { sendAt: text(values.sendAt).trim() } : {}),
    workflow: text(values.workflow),
    locale: values.locale === 'da' || values.locale === 'en' ? values.locale : speaker,
  };
}
