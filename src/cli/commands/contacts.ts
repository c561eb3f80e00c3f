import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { displayName, type Contact } from '../../domain/contact.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { NewContactInput } from '../../services/contacts.ts';
import type { ContactProfile } from '../../services/contactAdmin.ts';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { nextPageLine, pageOptions, print, type Output } from '../output.ts';
import { progressBar } from '../progress.ts';

const describe = (c: Contact) => `${c.id}  ${displayName(c)}  <${c.primaryEmail ?? 'no e-mail'}>`;

/** Header spellings accepted in a contacts CSV, including Dynamics' own column names. */
const COLUMNS: Record<string, keyof NewContactInput> = {
  firstname: 'firstName', lastname: 'lastName',
  email: 'primaryEmail', primaryemail: 'primaryEmail', emailaddress1: 'primaryEmail',
  secondaryemail: 'secondaryEmail', emailaddress2: 'secondaryEmail',
  alternateemail: 'alternateEmail', emailaddress3: 'alternateEmail',
  account: 'account', company: 'account', parentaccount: 'account', parentcustomerid: 'account',
};

export function contactCommands(program: Command, services: Services, output: Output): void {
  const contacts = program.command('contacts').description('customer contacts');

  contacts.command('add')
    .description('add a contact')
    .option('--first <name>', 'first name')
    .option('--last <name>', 'last name')
    .requiredOption('--email <address>', 'primary e-mail (invitations go only here)')
    .option('--secondary-email <address>', 'secondary e-mail')
    .option('--alternate-email <address>', 'alternate e-mail')
    .option('--account <name|id>', 'parent account')
    .action(async (options, command: Command) => {
      const contact = await services.contacts.add({
        firstName: options.first, lastName: options.last, primaryEmail: options.email,
        secondaryEmail: options.secondaryEmail, alternateEmail: options.alternateEmail, account: options.account,
      }, CLI_ACTOR);
      print(command, output, contact, (c) => [`added ${describe(c)}`]);
    });

  contacts.command('import <csv>')
    .description('add contacts from a CSV file with a header row (firstName,lastName,email,secondaryEmail,alternateEmail,account)')
    .action(async (file: string, _options, command: Command) => {
      const rows = readContactsCsv(file);
      const progress = progressBar(command, 'contacts');
      const result = await services.contacts.import(rows, CLI_ACTOR, { onProgress: progress.onProgress }).finally(() => progress.stop());
      print(command, output, { added: result.added.length, skipped: result.skipped }, (r) => [
        `imported ${r.added} contact(s)`,
        ...r.skipped.map((s) => `skipped row ${s.row} (${s.email}): ${s.reason}`),
      ]);
    });

  contacts.command('show <contact>')
    .description('show a contact\'s access: company, web roles, sign-ins and where they came from, password, e-mail verification, invitations redeemed')
    .action(async (reference: string, _options, command: Command) => {
      print(command, output, await services.contactAdmin.show(CLI_ACTOR, reference), profileLines);
    });

  contacts.command('unlink-identity <contact> <issuer> <subject>')
    .description('unlink a sign-in (issuer and subject, as "contacts show" lists them) from the contact, and end its sessions')
    .action(async (reference: string, issuer: string, subject: string, _options, command: Command) => {
      const contact = await services.contactAdmin.unlinkIdentity(CLI_ACTOR, reference, { issuer, subject });
      print(command, output, contact, (c) => [`unlinked ${issuer} ${subject} from ${describe(c)}; sessions ended`]);
    });

  contacts.command('remove-role <contact> <role>')
    .description('take a web role (name or id) away from the contact')
    .action(async (reference: string, role: string, _options, command: Command) => {
      const contact = await services.contactAdmin.removeRole(CLI_ACTOR, reference, role);
      print(command, output, contact, (c) => [`removed web role ${role} from ${describe(c)}`]);
    });

  contacts.command('remove-account <contact>')
    .description('take the parent account (company) away from the contact')
    .action(async (reference: string, _options, command: Command) => {
      const contact = await services.contactAdmin.removeAccount(CLI_ACTOR, reference);
      print(command, output, contact, (c) => [`removed the parent account of ${describe(c)}`]);
    });

  pageOptions(contacts.command('list').description('list contacts, newest first').option('--search <text>', 'start of a name or e-mail'))
    .action(async (options, command: Command) => {
      const page = await services.contacts.list({ search: options.search }, { limit: options.limit, after: options.after });
      print(command, output, page, (p) => [...p.items.map(describe), ...nextPageLine(p.next)]);
    });
}

function profileLines(p: ContactProfile): string[] {
  const via = (v: { id: string; name: string } | null) => (v ? `through the code of "${v.name}" (${v.id})` : 'proven by the contact');
  return [
    describe(p.contact),
    `company: ${p.account?.name ?? '-'}`,
    `web roles: ${p.webRoles.map((r) => r.name).join(', ') || '-'}`,
    `e-mail verified: ${p.emailVerifiedAt?.toISOString() ?? 'no'}`,
    `password: ${p.localAccount ? `yes (${p.localAccount.email}), ${via(p.localAccount.viaInvitation)}` : 'no'}`,
    ...(p.identities.length ? p.identities.map((i) => `sign-in: ${i.issuer} ${i.subject}, ${via(i.viaInvitation)}${i.linkedAt ? `, linked ${i.linkedAt.toISOString()}` : ''}`) : ['sign-ins: none']),
    ...(p.redemptions.length ? p.redemptions.map((r) => `redeemed "${r.name}" (${r.invitationId}) at ${r.at.toISOString()}`) : ['redeemed: nothing']),
  ];
}

export function readContactsCsv(file: string): NewContactInput[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ValidationError([{ field: 'csv', message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new ValidationError([{ field: 'csv', message: (error as Error).message }]);
  }
  if (records.length === 0) throw new ValidationError([{ field: 'csv', message: `${file} has no contact rows` }]);
  const unknown = Object.keys(records[0]!).filter((header) => !COLUMNS[header.toLowerCase().replace(/[^a-z0-9]/g, '')]);
  if (unknown.length) {
    throw new ValidationError([{ field: 'csv', message: `unknown column(s) ${unknown.join(', ')}; use firstName, lastName, email, secondaryEmail, alternateEmail, account` }]);
  }
  return records.map((record) => {
    const row: Record<string, string> = {};
    for (const [header, value] of Object.entries(record)) row[COLUMNS[header.toLowerCase().replace(/[^a-z0-9]/g, '')]!] = value;
    return row;
  });
}
