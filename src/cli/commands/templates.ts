import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { print, type Output } from '../output.ts';

function readPart(file: string | undefined, part: string): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ValidationError([{ field: part, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
}

export function templateCommands(program: Command, services: Services, output: Output): void {
  const templates = program.command('templates').description('mail templates (invitation, password-reset, redemption-confirmation, email-confirmation) in en and da');

  templates.command('list').description('list templates and whether they are customised').action(async (_options, command: Command) => {
    print(command, output, await services.templates.list(CLI_ACTOR), (list) =>
      list.map((t) => `${t.name.padEnd(24)} ${t.locale}  ${t.custom ? `custom (by ${t.updatedBy}, ${t.updatedAt!.toISOString()})` : 'built-in'}`));
  });

  templates.command('show <name> <locale>').description('print a template\'s subject, HTML and text').action(async (name: string, locale: string, _options, command: Command) => {
    print(command, output, await services.templates.show(CLI_ACTOR, name, locale), (t) => [
      `# ${t.name} (${t.locale}, ${t.custom ? 'custom' : 'built-in'})`, `subject: ${t.subject}`, '--- html', t.html.trimEnd(), '--- text', t.text.trimEnd(),
    ]);
  });

  templates.command('set <name> <locale>')
    .description('replace parts of a template (Handlebars; {{value}} is always escaped); refused with the reason if broken')
    .option('--subject <text>', 'the subject line')
    .option('--html-file <file>', 'the HTML part')
    .option('--text-file <file>', 'the plain-text part')
    .action(async (name: string, locale: string, options, command: Command) => {
      const current = await services.templates.show(CLI_ACTOR, name, locale);
      const parts = {
        subject: options.subject ?? current.subject,
        html: readPart(options.htmlFile, 'html') ?? current.html,
        text: readPart(options.textFile, 'text') ?? current.text,
      };
      const preview = await services.templates.save(CLI_ACTOR, name, locale, parts);
      print(command, output, preview, (p) => [`saved ${name} (${locale}). Preview subject: ${p.subject}`]);
    });

  templates.command('reset <name> <locale>').description('go back to the built-in template').action(async (name: string, locale: string, _options, command: Command) => {
    const removed = await services.templates.reset(CLI_ACTOR, name, locale);
    print(command, output, { reset: removed }, () => [removed ? `${name} (${locale}) is built-in again` : `${name} (${locale}) was not customised`]);
  });

  templates.command('preview <name> <locale>').description('render the template in use with example data').action(async (name: string, locale: string, _options, command: Command) => {
    print(command, output, await services.templates.preview(CLI_ACTOR, name, locale), (p) => [`subject: ${p.subject}`, '--- text', p.text.trimEnd()]);
  });
}
