import type { Command } from 'commander';
import { BRANDING_FIELDS, type BrandingField } from '../../domain/branding.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { BrandingChanges } from '../../services/branding.ts';
import { BRANDING_REFRESH_MS } from '../../services/branding.ts';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { print, type Output } from '../output.ts';

/** Each branding field by its name on the command line (`--support-email`, `unset support-email`). */
const CLI_NAMES: Readonly<Record<BrandingField, string>> = {
  organisationName: 'name', logo: 'logo', colour: 'colour', supportEmail: 'support-email', portalUrl: 'portal-url', privacyUrl: 'privacy-url', termsUrl: 'terms-url',
};
const OPTION_HELP: Readonly<Record<BrandingField, string>> = {
  organisationName: 'the organisation customers see on every page and mail (at most 100 characters)',
  logo: 'a file name in DATA_DIR (png, jpg, gif, webp or svg) or an https URL on this site\'s host or a REDIRECT_ALLOWLIST host',
  colour: 'the primary colour as #rrggbb, with at least 4.5:1 contrast with white (WCAG AA)',
  supportEmail: 'the address customers can write to',
  portalUrl: 'where "Continue to the portal" leads',
  privacyUrl: 'the privacy statement, linked in the footer and mails',
  termsUrl: 'the terms of use, linked in the footer and mails',
};
const fieldOf = (name: string) => BRANDING_FIELDS.find((field) => CLI_NAMES[field] === name);
const optionKey = (field: BrandingField) => CLI_NAMES[field].replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** The service's problems named as the command line names the fields. */
async function namedAsOptions<T>(work: Promise<T>, prefix: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(error.problems.map((p) => {
      const field = BRANDING_FIELDS.find((f) => f === p.field);
      return field ? { ...p, field: `${prefix}${CLI_NAMES[field]}` } : p;
    }));
  }
}

function changeLines(changes: BrandingChanges): string[] {
  const entries = BRANDING_FIELDS.flatMap((field) => (changes[field] ? [[field, changes[field]] as const] : []));
  if (entries.length === 0) return ['nothing changed'];
  const shown = (value: unknown) => (typeof value === 'string' ? value : '(not stored)');
  return [
    ...entries.map(([field, change]) => `${CLI_NAMES[field]}: ${shown(change.before)} -> ${shown(change.after)}`),
    `The site and mail show it within ${BRANDING_REFRESH_MS / 1000} s.`,
  ];
}

export function brandingCommands(program: Command, services: Services, output: Output): void {
  const branding = program.command('branding').description('the organisation\'s look (name, logo, colour, support address, links): stored values over the environment\'s');

  branding.command('show').description('each field, its effective value and where it comes from (stored, environment, default)').action(async (_options, command: Command) => {
    const fields = (await services.branding.show(CLI_ACTOR)).map((state) => ({ name: CLI_NAMES[state.field], ...state }));
    print(command, output, fields, (list) => {
      const width = Math.max(...list.map((f) => (f.value ?? '(none)').length));
      return list.flatMap((f) => [
        `${f.name.padEnd(13)}  ${(f.value ?? '(none)').padEnd(width)}  ${f.source}${f.source === 'stored' ? ` (by ${f.updatedByName}, ${f.updatedAt!.toISOString()})` : ''}`,
        ...(f.refused ? [`${''.padEnd(13)}  ! ${f.refused}`] : []),
      ]);
    });
  });

  const set = branding.command('set').description('store fields over the environment\'s (each checked as at start; one refused field stores none)');
  for (const field of BRANDING_FIELDS) set.option(`--${CLI_NAMES[field]} <value>`, OPTION_HELP[field]);
  set.action(async (options: Record<string, string | undefined>, command: Command) => {
    const input = Object.fromEntries(BRANDING_FIELDS.flatMap((field) => (options[optionKey(field)] === undefined ? [] : [[field, options[optionKey(field)]!]])));
    if (Object.keys(input).length === 0) {
      throw new ValidationError([{ field: 'options', message: `give at least one of ${BRANDING_FIELDS.map((field) => `--${CLI_NAMES[field]}`).join(', ')}` }]);
    }
    print(command, output, await namedAsOptions(services.branding.set(CLI_ACTOR, input), '--'), changeLines);
  });

  branding.command('unset <field...>')
    .description(`clear stored fields back to the environment's value (fields: ${BRANDING_FIELDS.map((field) => CLI_NAMES[field]).join(', ')})`)
    .action(async (names: string[], _options, command: Command) => {
      const unknown = names.filter((name) => !fieldOf(name));
      if (unknown.length) {
        throw new ValidationError(unknown.map((name) => ({ field: name, message: `is not a branding field (one of ${BRANDING_FIELDS.map((field) => CLI_NAMES[field]).join(', ')})` })));
      }
      print(command, output, await namedAsOptions(services.branding.unset(CLI_ACTOR, names.map((name) => fieldOf(name)!)), ''), changeLines);
    });
}
