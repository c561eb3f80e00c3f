import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { utcMinute } from '../../src/domain/dateText.ts';
import { ConflictError, DomainError, ValidationError } from '../../src/domain/errors.ts';
import { MAX_TABLE_CONTACTS } from '../../src/services/contactTable.ts';
import { formFields } from '../../src/services/input.ts';
import type { InviteManyPreview, InviteManyRequest } from '../../src/services/inviteMany.ts';
import { expandCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
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
 */
export function inviteManyHandlers(deps: BotDependencies) {
  const { services } = deps;

  async function formCard(actor: string, values: FormValues, error = ''): Promise<AdaptiveCard> {
    const roles = (await services.webRoles.list({ limit: 100 })).items;
    const workflows = await services.workflows.list(actor);
    const contacts = values.contacts && values.contacts.length <= FORM_ECHO_CHARS ? values.contacts : '';
    return expandCard('inviteManyForm', {
      error: echoError(error), maxContacts: MAX_TABLE_CONTACTS.toLocaleString('en'),
      values: echoValues({ locale: 'en', roles: '', workflow: '', company: '', ...services.invitations.defaults(), ...values, contacts }, { contacts: FORM_ECHO_CHARS }),
      roleChoices: roles.map((r) => ({ title: r.name, value: r.id })),
      workflowChoices: [{ title: 'None', value: '' }, ...workflows.map((w) => ({ title: w.name, value: w.name }))],
    }) as AdaptiveCard;
  }

  async function previewCard(actor: string, request: InviteManyRequest): Promise<AdaptiveCard> {
    const preview = await services.invitations.many.preview(actor, request);
    const roleNames = [];
    for (const role of request.roles ?? []) if (role.trim()) roleNames.push((await services.webRoles.resolve(role)).name);
    return expandCard('inviteManyPreview', previewData(preview, roleNames)) as AdaptiveCard;
  }

  /** The preview of a list, or what is wrong with it (the form again for a paste, a notice for a file). */
  async function preview(actor: string, values: FormValues): Promise<AdaptiveCard> {
    try {
      return await previewCard(actor, manyRequest(values));
    } catch (error) {
      return formCard(actor, values, problemText(error));
    }
  }

  return {
    command: async (context: TurnContext, { id: actor }: StaffActor) => {
      const pasted = (context.activity.text ?? '').replace(/^\s*invite\s+many\b/i, '').trim();
      const card = pasted ? await preview(actor, { contacts: pasted }) : await formCard(actor, {});
      await context.sendActivity({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
    },
    preview: (_context: TurnContext, { id: actor }: StaffActor, data: unknown) => preview(actor, formFields(data, FORM_FIELDS, cardText)),
    /** A list from elsewhere (a CSV file): its preview card, or a notice saying what is wrong. */
    previewList: async (actor: string, text: string): Promise<Record<string, unknown>> => {
      try {
        return await previewCard(actor, { text });
      } catch (error) {
        return expandCard('notice', { title: 'That list cannot be invited', text: problemText(error), color: 'Attention' });
      }
    },
    confirm: async (_context: TurnContext, { id: actor }: StaffActor, data: unknown): Promise<AdaptiveCard | string> => {
      const key = cardText((data as { key?: unknown } | null)?.key).slice(0, 100);
      try {
        const result = await services.invitations.many.confirm(actor, key);
        const made = `${result.invited} invitation(s)`;
        const text = result.requiresApproval
          ? `${made} wait for approval as one request; the approvers have been told. Nothing is mailed until one of them approves.`
          : `${made} made, one per contact; their mails are queued.`;
        return expandCard('notice', { title: result.alreadyConfirmed ? 'This list was confirmed already' : 'Invitations made', text, color: 'Good' }) as AdaptiveCard;
      } catch (error) {
        if (error instanceof ConflictError) return expandCard('notice', { title: 'This list was confirmed already', text: error.message, color: 'Good' }) as AdaptiveCard;
        return expandCard('notice', { title: 'Nothing was made', text: problemText(error), color: 'Attention' }) as AdaptiveCard;
      }
    },
  };
}

function problemText(error: unknown): string {
  if (error instanceof ValidationError) return error.problems.map((p) => p.message).join('; ');
  if (error instanceof DomainError && error.expose) return errorText(error);
  throw error;
}

function manyRequest(values: FormValues): InviteManyRequest {
  return {
    text: values.contacts ?? '',
    company: values.company,
    roles: (values.roles ?? '').split(','),
    expires: (values.expires ?? '').trim(),
    workflow: values.workflow,
    locale: values.locale === 'da' ? 'da' : 'en',
  };
}

const short = (text: string) => (text.length > FIELD_CHARS ? `${text.slice(0, FIELD_CHARS - 1)}…` : text);

/** The preview as card data: counts in full, contacts and rejected lines only the first few, every value cut short. */
function previewData(preview: InviteManyPreview, roleNames: readonly string[]) {
  const more = (total: number, shown: number, what: string) => (total > shown ? `and ${(total - shown).toLocaleString('en')} more ${what}` : '');
  return {
    key: preview.key,
    count: preview.count.toLocaleString('en'),
    knownContacts: preview.knownContacts.toLocaleString('en'),
    newContactCount: preview.newContacts.length,
    newContactTotal: preview.newContacts.length.toLocaleString('en'),
    newCompanies: short(preview.newCompanies.slice(0, 5).join(', ') + (preview.newCompanies.length > 5 ? ` and ${preview.newCompanies.length - 5} more` : '')),
    roles: short(roleNames.join(', ')) || '-',
    expires: preview.expiresAt ? utcMinute(preview.expiresAt) : 'never',
    approval: preview.requiresApproval ? 'required: one approver decides the whole list' : 'not required: mails go out on Confirm',
    newContacts: preview.newContacts.slice(0, PREVIEW_NEW_CONTACTS).map((c) => ({
      text: `Line ${c.line}: ${short(c.name ? `${c.name} <${c.email}>` : c.email)}${c.company ? ` (${short(c.company)})` : ''}`,
    })),
    moreNewContacts: more(preview.newContacts.length, PREVIEW_NEW_CONTACTS, 'new contacts'),
    rejectedCount: preview.rejected.length,
    rejected: preview.rejected.slice(0, PREVIEW_REJECTED).map((r) => ({ text: `Line ${r.line}: ${r.reason}` })),
    moreRejected: more(preview.rejected.length, PREVIEW_REJECTED, 'rejected lines'),
    confirmTitle: preview.requiresApproval ? `Confirm: ask approval for ${preview.count.toLocaleString('en')}` : `Confirm: invite ${preview.count.toLocaleString('en')}`,
  };
}
