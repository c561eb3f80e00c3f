import Handlebars from 'handlebars';
import type { TemplateParts } from '../domain/mailTemplate.ts';
import { oneLine } from './oneLine.ts';
import { escapingProgram } from './templateSyntax.ts';

/**
 * Renders mail templates with Handlebars in strict mode (an unknown placeholder is an error, not an
 * empty string). HTML parts escape every value, whatever the template says (it is compiled from a
 * syntax tree in which every mustache escapes); the subject and text parts are plain text, and the
 * subject is kept to one line so no value can add a mail header.
 */
export type RenderedMail = { subject: string; html: string; text: string };

const engine = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function compile(source: string, escapeHtml: boolean): Handlebars.TemplateDelegate {
  const key = `${escapeHtml ? 'h' : 't'}:${source}`;
  let template = compiled.get(key);
  if (!template) {
    template = engine.compile(escapeHtml ? escapingProgram(source) : source, { strict: true, noEscape: !escapeHtml, knownHelpersOnly: true });
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
