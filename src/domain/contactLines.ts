import { isEmail, normaliseEmail } from './email.ts';

export type ContactLine = { email: string; firstName: string; lastName: string };

/**
 * Reads contacts pasted one per line, as staff paste them: `ada@example.com`,
 * `Ada Lovelace <ada@example.com>`, or CSV `Ada,Lovelace,ada@example.com`. Blank lines are
 * skipped; every other line that holds no e-mail address is reported by its number.
 */
export function parseContactLines(text: string): { contacts: ContactLine[]; problems: string[] } {
  const contacts: ContactLine[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const parsed = parseContactLine(line);
    if (!parsed) return void problems.push(`line ${index + 1}: "${line.slice(0, 80)}" has no e-mail address`);
    if (seen.has(parsed.email)) return;
    seen.add(parsed.email);
    contacts.push(parsed);
  });
  return { contacts, problems };
}

/** One line as `parseContactLines` reads it, or null when it holds no e-mail address. */
export function parseContactLine(line: string): ContactLine | null {
  const angle = /^(.*)<([^>]+)>\s*$/.exec(line);
  if (angle && isEmail(angle[2]!)) return withName(angle[1]!.trim().replace(/^"|"$/g, ''), angle[2]!);
  const fields = line.split(/[,;\t]/).map((f) => f.trim());
  if (fields.length === 3 && isEmail(fields[2]!)) return { firstName: fields[0]!, lastName: fields[1]!, email: normaliseEmail(fields[2]!) };
  if (fields.length === 1 && isEmail(line)) return { firstName: '', lastName: '', email: normaliseEmail(line) };
  return null;
}

function withName(name: string, email: string): ContactLine {
  const [first = '', ...rest] = name.split(/\s+/).filter(Boolean);
  return { firstName: first, lastName: rest.join(' '), email: normaliseEmail(email) };
}
