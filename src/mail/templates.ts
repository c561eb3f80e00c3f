import { readFileSync } from 'node:fs';
import { ValidationError } from '../domain/errors.ts';
import type { Locale } from '../domain/invitation.ts';
import type { TemplateName, TemplateParts } from '../domain/mailTemplate.ts';
import type { TemplateStore } from '../store/port.ts';
import { REQUIRED_OUTPUT, sampleData } from './templateData.ts';
import { renderParts, type RenderedMail } from './templateEngine.ts';
import { RAW_OUTPUT_PROBLEMS, rawOutputIn } from './templateSyntax.ts';

const PARTS = ['subject', 'html', 'text'] as const;
const builtIn = new Map<string, TemplateParts>();

/** The template shipped with the product, from `src/mail/templates/{name}/{locale}.{part}.hbs`. */
export function builtInTemplate(name: TemplateName, locale: Locale): TemplateParts {
  const key = `${name}/${locale}`;
  let parts = builtIn.get(key);
  if (!parts) {
    const read = (part: string) => readFileSync(new URL(`./templates/${name}/${locale}.${part}.hbs`, import.meta.url), 'utf8');
    parts = { subject: read('subject').trim(), html: read('html'), text: read('text') };
    builtIn.set(key, parts);
  }
  return parts;
}

/** The template in use: an admin's replacement if there is one, else the built-in one. */
export async function activeTemplate(templates: TemplateStore, name: TemplateName, locale: Locale): Promise<TemplateParts> {
  return (await templates.get(name, locale)) ?? builtInTemplate(name, locale);
}

/**
 * Refuses a template that would fail or mislead at send time: syntax errors, unknown placeholders,
 * raw (unescaped) output, an empty or overlong subject, or a missing link the mail exists for.
 * Returns the rendering of the sample data (the preview).
 */
export function checkTemplate(name: TemplateName, parts: TemplateParts, locale: Locale = 'en'): RenderedMail {
  const sample = sampleData(name, locale);
  if (typeof parts !== 'object' || parts === null) throw new ValidationError([{ field: 'template', message: 'needs a subject, an html and a text part' }]);
  const problems: { field: string; message: string }[] = [];
  for (const part of PARTS) {
    if (typeof parts[part] !== 'string' || !parts[part].trim()) problems.push({ field: part, message: 'is empty' });
    else if (parts[part].length > 100_000) problems.push({ field: part, message: 'is longer than 100,000 characters' });
    else problems.push(...rawOutputProblems(parts[part], part !== 'subject').map((message) => ({ field: part, message })));
  }
  if (problems.length) throw new ValidationError(problems);

  let rendered: RenderedMail | undefined;
  for (const part of PARTS) {
    try {
      renderParts({ subject: 'x', html: 'x', text: 'x', [part]: parts[part] }, sample);
    } catch (error) {
      problems.push({ field: part, message: (error as Error).message.replace(' in [object Object]', '').replace(/\s+/g, ' ').slice(0, 300) });
    }
  }
  if (!problems.length) {
    rendered = renderParts(parts, sample);
    if (!rendered.subject) problems.push({ field: 'subject', message: 'renders as empty' });
    if (rendered.subject.length > 255) problems.push({ field: 'subject', message: 'is longer than 255 characters once filled in' });
    for (const required of REQUIRED_OUTPUT[name]) {
      for (const part of ['html', 'text'] as const) {
        const shown = part === 'html' ? rendered.html.includes(required.value.replace(/=/g, '&#x3D;')) || rendered.html.includes(required.value) : rendered.text.includes(required.value);
        if (!shown) problems.push({ field: part, message: `must contain ${required.placeholder}` });
      }
    }
  }
  if (problems.length || !rendered) throw new ValidationError(problems);
  return rendered;
}

/** What is wrong with the part's raw output; a syntax error is reported by the rendering that follows. */
function rawOutputProblems(source: string, layoutAllowed: boolean): string[] {
  try {
    return rawOutputIn(source, layoutAllowed).map((kind) => RAW_OUTPUT_PROBLEMS[kind]);
  } catch {
    return [];
  }
}
