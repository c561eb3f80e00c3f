import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import type { TemplateParts } from '../domain/mailTemplate.ts';
import { handlebars } from './handlebars.ts';
import { lazy } from '../lazy.ts';
import { oneLine } from './oneLine.ts';
import { escapingProgram, MAIL_LAYOUT } from './templateSyntax.ts';

/**
 * Renders mail templates with Handlebars in strict mode (an unknown placeholder is an error, not an
 * empty string). HTML parts escape every value, whatever the template says (it is compiled from a
 * syntax tree in which every mustache escapes); the subject and text parts are plain text, and the
 * subject is kept to one line so no value can add a mail header.
 *
 * The html and text parts may be wrapped in the shipped mail layout (`{{#> mailLayout}}…{{/mailLayout}}`,
 * src/mail/layouts/): the organisation's logo, colour and footer, read from the mail's `brand` and
 * `layout` data (see mailFrame.ts). It is compiled like the part that uses it, so it escapes too.
 */
export type RenderedMail = { subject: string; html: string; text: string };

const layout = (part: 'html' | 'text') => readFileSync(new URL(`./layouts/${MAIL_LAYOUT}.${part}.hbs`, import.meta.url), 'utf8');
const engines = lazy(() => {
  const html = handlebars().create();
  html.registerPartial(MAIL_LAYOUT, layout('html'));
  const text = handlebars().create();
  text.registerPartial(MAIL_LAYOUT, layout('text'));
  return { html, text };
});
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function compile(source: string, escapeHtml: boolean): Handlebars.TemplateDelegate {
  const key = `${escapeHtml ? 'h' : 't'}:${source}`;
  let template = compiled.get(key);
  if (!template) {
    template = engines()[escapeHtml ? 'html' : 'text'].compile(escapeHtml ? escapingProgram(source) : source, { strict: true, noEscape: !escapeHtml, knownHelpersOnly: true });
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, template);
  }
  return template;
}

export function renderParts(parts: TemplateParts, data: object): RenderedMail {
  return {
    subject: oneLine(compile(parts.subject, false)(data)),
    html: compile(parts.html, true)(data),
    text: compile(parts.text, false)(data),
  };
}
