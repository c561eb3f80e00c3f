import { parse } from 'csv-parse/sync';
import { parseContactLine, type ContactLine } from '../domain/contactLines.ts';
import { isEmail, normaliseEmail } from '../domain/email.ts';
import { problem, ValidationError } from '../domain/errors.ts';
import { phrase, type Phrase } from '../domain/phrases.ts';

/** Contacts in one list at most, and the characters of a paste or file. */
export const MAX_TABLE_CONTACTS = 1_000;
export const MAX_TABLE_CHARS = 512_000;

/** A contact read from one line, with the company named on that line ('' when none). */
export type TableContact = ContactLine & { line: number; company: string };
/** A line that is not a contact: its number and why (a `line.*` phrase naming the line), never its text. */
export type RejectedLine = { line: number; reason: Phrase };

const MAX_NAME = 100;
const MAX_COMPANY = 200;
const MAX_EMAIL = 254;

type Column = 'name' | 'firstName' | 'lastName' | 'email' | 'company';
/** Header spellings (lower case, letters and digits only), including Dynamics' and Outlook's. */
const HEADERS: Record<string, Column> = {
  name: 'name', fullname: 'name', displayname: 'name',
  firstname: 'firstName', givenname: 'firstName', lastname: 'lastName', surname: 'lastName', familyname: 'lastName',
  email: 'email', emailaddress: 'email', primaryemail: 'email', emailaddress1: 'email', mail: 'email',
  company: 'company', account: 'company', organisation: 'company', organization: 'company', parentaccount: 'company', parentcustomerid: 'company',
};
const headerKey = (field: string) => field.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Reads a contact list as staff paste it or export it from a spreadsheet: one contact a line, as
 * `ada@example.com`, `Ada Lovelace <ada@example.com>`, `Ada Lovelace, ada@example.com, Contoso`
 * or `Ada, Lovelace, ada@example.com, Contoso` (comma, semicolon or tab), or CSV with a header row
 * naming its columns (name or first/last name, e-mail, company; other columns are ignored).
 * Blank lines are skipped; a line that is no contact, or repeats an earlier e-mail, is rejected
 * with its number and the reason. A list too large or not readable at all is refused whole.
 */
export function readContactTable(text: string): { contacts: TableContact[]; rejected: RejectedLine[] } {
  if (text.length > MAX_TABLE_CHARS) {
    throw new ValidationError([problem('contacts', phrase('list.tooLarge', { size: Math.ceil(text.length / 1000), maxSize: MAX_TABLE_CHARS / 1000, max: MAX_TABLE_CONTACTS.toLocaleString('en') }))]);
  }
  const records = readRecords(text);
  const header = records[0] && isHeader(records[0].fields) ? records.shift()!.fields.map((f) => HEADERS[headerKey(f)] ?? null) : null;
  if (header && !header.includes('email')) throw new ValidationError([problem('contacts', phrase('list.noEmailColumn'))]);
  if (records.length > MAX_TABLE_CONTACTS) {
    throw new ValidationError([problem('contacts', phrase('list.tooLong', { count: records.length.toLocaleString('en'), max: MAX_TABLE_CONTACTS.toLocaleString('en') }))]);
  }

  const contacts: TableContact[] = [];
  const rejected: RejectedLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, fields } of records) {
    const read = header ? fromColumns(header, fields) : fromFields(fields);
    if ('key' in read) {
      rejected.push({ line, reason: phrase(read.key, { ...read.values, line }) });
      continue;
    }
    const earlier = firstLineOf.get(read.email);
    if (earlier !== undefined) {
      rejected.push({ line, reason: phrase('line.repeats', { line, earlier }) });
      continue;
    }
    firstLineOf.set(read.email, line);
    contacts.push({ ...read, line });
  }
  return { contacts, rejected };
}

function readRecords(text: string): { line: number; fields: string[] }[] {
  try {
    const parsed = parse(text, {
      delimiter: [',', ';', '\t'], relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, bom: true, info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return parsed.map(({ record, info }) => ({ line: info.lines, fields: record }))
      .filter(({ fields }) => fields.some((field) => field !== ''));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ValidationError([problem('contacts', line ? phrase('list.unreadableAt', { line }) : phrase('list.unreadable'))]);
  }
}

const isHeader = (fields: readonly string[]) => !fields.some((f) => f.includes('@')) && fields.some((f) => HEADERS[headerKey(f)] === 'email');

function fromColumns(header: readonly (Column | null)[], fields: readonly string[]): Omit<TableContact, 'line'> | Phrase {
  const value = (column: Column) => fields[header.indexOf(column)] ?? '';
  const split = splitName(value('name'));
  return checked({
    email: value('email'),
    firstName: value('firstName') || split.firstName,
    lastName: value('lastName') || split.lastName,
    company: value('company'),
  });
}

/** No header: the e-mail is the first field that holds one; name fields come before it, the company after. */
function fromFields(fields: readonly string[]): Omit<TableContact, 'line'> | Phrase {
  const at = fields.findIndex((field) => parseContactLine(field) !== null);
  if (at < 0) return phrase(fields.some((field) => field.includes('@')) ? 'line.badEmail' : 'line.noEmail');
  if (fields.length > at + 2) return phrase('line.tooManyFields');
  const inField = parseContactLine(fields[at]!)!;
  const names = fields.slice(0, at);
  const named = names.length === 0 ? inField : names.length === 1 ? splitName(names[0]!) : { firstName: names[0]!, lastName: names.slice(1).join(' ') };
  return checked({ email: inField.email, firstName: named.firstName, lastName: named.lastName, company: fields[at + 1] ?? '' });
}

function checked(contact: Omit<TableContact, 'line'>): Omit<TableContact, 'line'> | Phrase {
  if (!contact.email) return phrase('line.noEmail');
  if (contact.email.length > MAX_EMAIL || !isEmail(contact.email)) return phrase('line.badEmail');
  if (contact.firstName.length > MAX_NAME || contact.lastName.length > MAX_NAME) return phrase('line.longName', { max: MAX_NAME });
  if (contact.company.length > MAX_COMPANY) return phrase('line.longCompany', { max: MAX_COMPANY });
  return { ...contact, email: normaliseEmail(contact.email) };
}

function splitName(name: string): { firstName: string; lastName: string } {
  const [firstName = '', ...rest] = name.trim().split(/\s+/).filter(Boolean);
  return { firstName, lastName: rest.join(' ') };
}
