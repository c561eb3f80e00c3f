import type { TurnContext } from 'botbuilder';
import { ValidationError } from '../../src/domain/errors.ts';
import type { TemplateParts } from '../../src/domain/mailTemplate.ts';
import { cardActivity } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { replyError } from './replies.ts';

type EditorData = { name?: string; locale?: string; subject?: string; html?: string; text?: string };

/** `templates` for admins: the list, and an editor card per template with save, preview and reset. */
export function templateHandlers(deps: BotDependencies) {
  const { templates } = deps.services;

  async function editor(context: TurnContext, { id: actor, locale: speaker }: StaffActor, name: string, locale: string, draft?: TemplateParts, notice = '', noticeColor = 'Good') {
    const t = translator(speaker);
    const stored = await templates.show(actor, name, locale);
    const parts = draft ?? stored;
    let preview = { subject: '', text: '' };
    try {
      preview = await templates.preview(actor, name, locale, parts);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
    await context.sendActivity(cardActivity('templateEditor', {
        name: stored.name, locale: stored.locale, origin: t(stored.custom ? 'templates.customised' : 'templates.builtIn'),
        notice, noticeColor, subject: parts.subject, html: parts.html, text: parts.text,
        previewSubject: preview.subject || t('templates.noPreview'), previewText: preview.text,
      }, speaker));
  }

  /** Runs the work as the admin; a failure the admin can act on is shown, anything else thrown on. */
  async function guarded(context: TurnContext, actor: StaffActor, work: (actor: StaffActor) => Promise<void>) {
    try {
      await work(actor);
    } catch (error) {
      await replyError(context, error);
    }
  }

  const parts = (data: EditorData): TemplateParts => ({ subject: cardText(data.subject), html: cardText(data.html), text: cardText(data.text) });

  return {
    command: (context: TurnContext, staff: StaffActor) => guarded(context, staff, async (actor) => {
      const [, name, locale] = (context.activity.text ?? '').trim().split(/\s+/);
      if (name) return editor(context, actor, name, locale ?? 'en');
      const t = translator(actor.locale);
      const list = (await templates.list(actor.id)).map((one) => ({ name: one.name, locale: one.locale, state: one.custom ? t('templates.customisedBy', { name: one.updatedByName ?? '' }) : t('templates.builtInState') }));
      await context.sendActivity(cardActivity('templateList', { templates: list }, actor.locale));
    }),
    save: (context: TurnContext, staff: StaffActor, data: EditorData) => guarded(context, staff, async (actor) => {
      try {
        await templates.save(actor.id, cardText(data.name), cardText(data.locale), parts(data));
        await editor(context, actor, cardText(data.name), cardText(data.locale), undefined, translator(actor.locale)('templates.saved'));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await editor(context, actor, cardText(data.name), cardText(data.locale), parts(data), translator(actor.locale)('templates.notSaved', { problems: error.problems.map((p) => `${p.field}: ${p.message}`).join('; ') }), 'Attention');
      }
    }),
    preview: (context: TurnContext, staff: StaffActor, data: EditorData) => guarded(context, staff, (actor) => editor(context, actor, cardText(data.name), cardText(data.locale), parts(data))),
    reset: (context: TurnContext, staff: StaffActor, data: EditorData) => guarded(context, staff, async (actor) => {
      await templates.reset(actor.id, cardText(data.name), cardText(data.locale));
      await editor(context, actor, cardText(data.name), cardText(data.locale), undefined, translator(actor.locale)('templates.reset'));
    }),
  };
}
