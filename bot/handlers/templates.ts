import type { TurnContext } from 'botbuilder';
import { ValidationError } from '../../src/domain/errors.ts';
import type { TemplateParts } from '../../src/domain/mailTemplate.ts';
import { cardActivity, renderCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { replyError } from './replies.ts';

type EditorData = { name?: string; locale?: string; subject?: string; html?: string; text?: string };

/** `templates` for admins: the list, and an editor card per template with save, preview and reset. */
export function templateHandlers(deps: BotDependencies) {
  const { templates } = deps.services;

  async function editor(context: TurnContext, actor: string, name: string, locale: string, draft?: TemplateParts, notice = '', noticeColor = 'Good') {
    const stored = await templates.show(actor, name, locale);
    const parts = draft ?? stored;
    let preview = { subject: '', text: '' };
    try {
      preview = await templates.preview(actor, name, locale, parts);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
    await context.sendActivity({
      attachments: [renderCard('templateEditor', {
        name: stored.name, locale: stored.locale, origin: stored.custom ? 'Customised by an admin' : 'Built-in template',
        notice, noticeColor, subject: parts.subject, html: parts.html, text: parts.text,
        previewSubject: preview.subject || '(cannot preview: see above)', previewText: preview.text,
      })],
    });
  }

  /** Runs the work as the admin; a failure the admin can act on is shown, anything else thrown on. */
  async function guarded(context: TurnContext, { id: actor }: StaffActor, work: (actor: string) => Promise<void>) {
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
      const list = (await templates.list(actor)).map((t) => ({ name: t.name, locale: t.locale, state: t.custom ? `customised by ${t.updatedByName}` : 'built-in' }));
      await context.sendActivity(cardActivity('templateList', { templates: list }));
    }),
    save: (context: TurnContext, staff: StaffActor, data: EditorData) => guarded(context, staff, async (actor) => {
      try {
        await templates.save(actor, cardText(data.name), cardText(data.locale), parts(data));
        await editor(context, actor, cardText(data.name), cardText(data.locale), undefined, 'Saved. New mail uses this template.');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await editor(context, actor, cardText(data.name), cardText(data.locale), parts(data), `Not saved: ${error.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, 'Attention');
      }
    }),
    preview: (context: TurnContext, staff: StaffActor, data: EditorData) => guarded(context, staff, (actor) => editor(context, actor, cardText(data.name), cardText(data.locale), parts(data))),
    reset: (context: TurnContext, staff: StaffActor, data: EditorData) => guarded(context, staff, async (actor) => {
      await templates.reset(actor, cardText(data.name), cardText(data.locale));
      await editor(context, actor, cardText(data.name), cardText(data.locale), undefined, 'Back to the built-in template.');
    }),
  };
}
