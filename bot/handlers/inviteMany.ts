import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { utcMinute } from '../../src/domain/dateText.ts';
import { ConflictError, ValidationError } from '../../src/domain/errors.ts';
import { MAX_TABLE_CONTACTS } from '../../src/services/contactTable.ts';
import { formFields } from '../../src/services/input.ts';
import type { InviteManyPreview, InviteManyRequest } from '../../src/services/inviteMany.ts';
import { cardMessage, expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { BotLocale } from '../i18n/locale.ts';
import { botPhrase, translator, type BotTranslate } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { errorText } from './replies.ts';
import { echoError, echoValues } from './formEcho.ts';

type FormValues = { contacts?: string; company?: string; roles?: string; expires?: string; workflow?: string; locale?: string };

/** How much of a list the preview card shows; the rest is counted ("and N more"). */
export const PREVIEW_NEW_CONTACTS = 10;
export const PREVIEW_REJECTED = 20;
/** A paste longer than this is not put back into the form it came from (the card would pass 28 KB). */
const FORM_ECHO_CHARS = 12_000;
const FIELD_CHARS = 80;

const FORM_FIELDS = ['contacts', 'company', 'roles', 'expires', 'workflow', 'locale'] as const;

/**
 * `invite many`: a form for a pasted list (or CSV), its preview card (what would be made, what is
 * rejected and why) and Confirm, each an `Action.Execute` answered with the next card in place of
 * the last. The same preview answers a CSV file sent in personal chat (see inviteManyFile.ts).
 * All in the speaker's language, whose mail language is the form's default.
 */
export function inviteManyHandlers(deps: BotDependencies) {
  const { services } = deps;

  async function formCard({ id: actor, locale }: StaffActor, values: FormValues, error = ''): Promise<AdaptiveCard> {
    const roles = (await services.webRoles.list({ limit: 100 })).items;
    const workflows = await services.workflows.list(actor);
    const contacts = values.contacts && values.contacts.length <= FORM_ECHO_CHARS ? values.contacts : '';
    return expandCard('inviteManyForm', {
      error: echoError(error), maxContacts: MAX_TABLE_CONTACTS.toLocaleString(locale),
      values: echoValues({ locale, roles: '', workflow: '', company: '', ...services.invitations.defaults(), ...values, contacts }, { contacts: FORM_ECHO_CHARS }),
      roleChoices: roles.map((r) => ({ title: r.name, value: r.id })),
      workflowChoices: [{ title: translator(locale)('invite.noWorkflow'), value: '' }, ...workflows.map((w) => ({ title: w.name, value: w.name }))],
    }, locale) as AdaptiveCard;
  }

  async function previewCard({ id: actor, locale }: StaffActor, request: InviteManyRequest): Promise<AdaptiveCard> {
    const preview = await services.invitations.many.preview(actor, request);
    const roleNames = [];
    for (const role of request.roles ?? []) if (role.trim()) roleNames.push((await services.webRoles.resolve(role)).name);
    return expandCard('inviteManyPreview', previewData(preview, roleNames, locale), locale) as AdaptiveCard;
  }

  /** The preview of a list, or what is wrong with it (the form again for a paste, a notice for a file). */
  async function preview(actor: StaffActor, values: FormValues): Promise<AdaptiveCard> {
    try {
      return await previewCard(actor, manyRequest(values, actor.locale));
    } catch (error) {
      return formCard(actor, values, problemText(error, actor.locale));
    }
  }

  return {
    command: async (context: TurnContext, actor: StaffActor) => {
      const pasted = (context.activity.text ?? '').replace(/^\s*invite\s+many\b/i, '').trim();
      const card = pasted ? await preview(actor, { contacts: pasted }) : await formCard(actor, {});
      await context.sendActivity(cardMessage(card));
    },
    preview: (_context: TurnContext, actor: StaffActor, data: unknown) => preview(actor, formFields(data, FORM_FIELDS, cardText)),
    /** A list from elsewhere (a CSV file): its preview card, or a notice saying what is wrong. */
    previewList: async (actor: StaffActor, text: string): Promise<Record<string, unknown>> => {
      try {
        return await previewCard(actor, { text, locale: actor.locale });
      } catch (error) {
        return expandCard('notice', { title: translator(actor.locale)('many.cannotInvite'), text: problemText(error, actor.locale), color: 'Attention' }, actor.locale);
      }
    },
    confirm: async (_context: TurnContext, { id: actor, locale }: StaffActor, data: unknown): Promise<AdaptiveCard | string> => {
      const t = translator(locale);
      const key = cardText((data as { key?: unknown } | null)?.key).slice(0, 100);
      try {
        const result = await services.invitations.many.confirm(actor, key);
        const text = t(result.requiresApproval ? 'many.waiting' : 'many.madeText', { count: result.invited });
        return expandCard('notice', { title: t(result.alreadyConfirmed ? 'many.alreadyConfirmed' : 'many.made'), text, color: 'Good' }, locale) as AdaptiveCard;
      } catch (error) {
        if (error instanceof ConflictError) return expandCard('notice', { title: t('many.alreadyConfirmed'), text: errorText(error, undefined, locale), color: 'Good' }, locale) as AdaptiveCard;
        return expandCard('notice', { title: t('many.nothingMade'), text: problemText(error, locale), color: 'Attention' }, locale) as AdaptiveCard;
      }
    },
  };
}

function problemText(error: unknown, locale: BotLocale): string {
  if (error instanceof ValidationError) return error.problems.map((p) => (p.phrase ? botPhrase(locale, p.phrase) : p.message)).join('; ');
  return errorText(error, undefined, locale);
}

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The form as a request; a mail language not chosen is the speaker's. */
function manyRequest(values: FormValues, speaker: BotLocale): InviteManyRequest {
  return {
    text: values.contacts ?? '',
    company: values.company,
    roles: (values.roles ?? '').split(','),
    expires: (values.expires ?? '').trim(),
    workflow: values.workflow,
    locale: values.locale === 'da' || values.locale === 'en' ? values.locale : speaker,
  };
}

const short = (text: string) => (text.length > FIELD_CHARS ? `${text.slice(0, FIELD_CHARS - 1)}…` : text);

/** The preview as card data: counts in full, contacts and rejected lines only the first few, every value cut short. */
function previewData(preview: InviteManyPreview, roleNames: readonly string[], locale: BotLocale) {
  const t: BotTranslate = translator(locale);
  const number = (n: number) => n.toLocaleString(locale);
  const more = (total: number, shown: number, key: 'many.moreNewContacts' | 'many.moreRejected') => (total > shown ? t(key, { count: number(total - shown) }) : '');
  const companies = preview.newCompanies.slice(0, 5).join(', ');
  return {
    key: preview.key,
    count: number(preview.count),
    knownContacts: number(preview.knownContacts),
    newContactCount: preview.newContacts.length,
    newContactTotal: number(preview.newContacts.length),
    newCompanies: short(preview.newCompanies.length > 5 ? t('many.moreCompanies', { companies, count: preview.newCompanies.length - 5 }) : companies),
    roles: short(roleNames.join(', ')) || '-',
    expires: preview.expiresAt ? utcMinute(preview.expiresAt) : t('many.never'),
    approval: t(preview.requiresApproval ? 'many.approvalRequired' : 'many.approvalNotRequired'),
    newContacts: preview.newContacts.slice(0, PREVIEW_NEW_CONTACTS).map((c) => ({
      text: t('many.line', { line: c.line, text: `${short(c.name ? `${c.name} <${c.email}>` : c.email)}${c.company ? ` (${short(c.company)})` : ''}` }),
    })),
    moreNewContacts: more(preview.newContacts.length, PREVIEW_NEW_CONTACTS, 'many.moreNewContacts'),
    rejectedCount: preview.rejected.length,
    rejected: preview.rejected.slice(0, PREVIEW_REJECTED).map((r) => ({ text: sentenceCase(botPhrase(locale, r.reason)) })),
    moreRejected: more(preview.rejected.length, PREVIEW_REJECTED, 'many.moreRejected'),
    confirmTitle: t(preview.requiresApproval ? 'many.confirmApproval' : 'many.confirmInvite', { count: number(preview.count) }),
  };
}
