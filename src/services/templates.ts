import { ValidationError } from '../domain/errors.ts';
import { isLocale, LOCALES, type Locale } from '../domain/invitation.ts';
import { isTemplateName, TEMPLATE_NAMES, type TemplateName, type TemplateParts } from '../domain/mailTemplate.ts';
import { activeTemplate, builtInTemplate, checkTemplate } from '../mail/templates.ts';
import type { RenderedMail } from '../mail/templateEngine.ts';
import type { Actor, ServiceContext } from './context.ts';
import { changeEvent } from './auditTrail.ts';
import { assertMay } from './permissions.ts';
import { actorDisplayName } from './staffNames.ts';

/** Mail templates for admins: see which are customised, view, replace (checked first), reset, preview. */
export function templateService(ctx: ServiceContext) {
  const { store } = ctx;
  /** The trail keeps the subject line; the bodies only as "(changed)" (see `auditChanges`). */
  const audited = (t: TemplateParts | null) => t && { subject: t.subject, html: t.html, text: t.text };
  const audit = (actor: Actor, action: string, name: TemplateName, locale: Locale, before: TemplateParts | null, after: TemplateParts | null) =>
    changeEvent(ctx, actor, action, `template:${name}:${locale}`, audited(before), audited(after));

  const mayEdit = (actor: Actor) => assertMay(ctx, actor, 'admin', 'working on mail templates');

  return {
    /** Each template and language; `updatedByName` names who customised it (see `actorDisplayName`). */
    async list(actor: Actor): Promise<{ name: TemplateName; locale: Locale; custom: boolean; updatedBy: string | null; updatedByName: string | null; updatedAt: Date | null }[]> {
      await mayEdit(actor);
      const custom = await store.templates.list();
      const names = new Map(await Promise.all([...new Set(custom.map((t) => t.updatedBy))].map(async (id) => [id, await actorDisplayName(ctx, id)] as const)));
      return TEMPLATE_NAMES.flatMap((name) => LOCALES.map((locale) => {
        const found = custom.find((t) => t.name === name && t.locale === locale);
        return { name, locale, custom: Boolean(found), updatedBy: found?.updatedBy ?? null, updatedByName: found ? names.get(found.updatedBy) ?? null : null, updatedAt: found?.updatedAt ?? null };
      }));
    },

    async show(actor: Actor, name: string, locale: string): Promise<TemplateParts & { name: TemplateName; locale: Locale; custom: boolean }> {
      await mayEdit(actor);
      const key = templateKey(name, locale);
      const custom = await store.templates.get(key.name, key.locale);
      const parts = custom ?? builtInTemplate(key.name, key.locale);
      return { ...key, custom: Boolean(custom), subject: parts.subject, html: parts.html, text: parts.text };
    },

    /** Replaces a template after checking it; a broken one is refused with the reason and not saved. */
    async save(actor: Actor, name: string, locale: string, parts: TemplateParts): Promise<RenderedMail> {
      await mayEdit(actor);
      const key = templateKey(name, locale);
      const preview = checkTemplate(key.name, parts, key.locale);
      const before = await activeTemplate(store.templates, key.name, key.locale);
      const saved = { ...key, subject: parts.subject.trim(), html: parts.html, text: parts.text, updatedBy: actor, updatedAt: ctx.clock() };
      await store.templates.put(saved, audit(actor, 'template.saved', key.name, key.locale, before, saved));
      return preview;
    },

    async reset(actor: Actor, name: string, locale: string): Promise<boolean> {
      await mayEdit(actor);
      const key = templateKey(name, locale);
      const before = await store.templates.get(key.name, key.locale);
      return store.templates.remove(key.name, key.locale, audit(actor, 'template.reset', key.name, key.locale, before, builtInTemplate(key.name, key.locale)));
    },

    /** The template in use (or `parts`, if given) filled with example data. */
    async preview(actor: Actor, name: string, locale: string, parts?: TemplateParts): Promise<RenderedMail> {
      await mayEdit(actor);
      const key = templateKey(name, locale);
      return checkTemplate(key.name, parts ?? (await activeTemplate(store.templates, key.name, key.locale)), key.locale);
    },
  };
}

function templateKey(name: string, locale: string): { name: TemplateName; locale: Locale } {
  const problems = [];
  if (!isTemplateName(name)) problems.push({ field: 'name', message: `must be one of ${TEMPLATE_NAMES.join(', ')}` });
  if (!isLocale(locale)) problems.push({ field: 'locale', message: `must be one of ${LOCALES.join(', ')}` });
  if (problems.length) throw new ValidationError(problems);
  return { name: name as TemplateName, locale: locale as Locale };
}
