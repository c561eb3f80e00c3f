import { randomBytes } from 'node:crypto';
import { MalformedCodeError } from './errors.ts';

/**
 * Invitation codes: 80 random bits written as 16 Crockford base32 symbols in four groups
 * (`7KQM-2HXV-9TDR-4WPC`). The alphabet has no I, L, O or U, so a code read aloud or copied by
 * hand survives; `normaliseCode` forgives case, spaces, dashes and O/I/L typed for 0/1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;
const GROUP = 4;
const LOOKALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

export function generateCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let symbols = '';
  for (let i = CODE_LENGTH - 1; i >= 0; i--) symbols += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return formatCode(symbols);
}

/** The canonical form used for hashing: 16 upper-case symbols, no separators. Throws when malformed. */
export function normaliseCode(input: string): string {
  if (typeof input !== 'string' || input.length > 64) throw new MalformedCodeError();
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, '').replace(/[OIL]/g, (c) => LOOKALIKES[c] ?? c);
  if (compact.length !== CODE_LENGTH) throw new MalformedCodeError();
  for (const symbol of compact) if (!ALPHABET.includes(symbol)) throw new MalformedCodeError();
  return compact;
}

export function formatCode(canonical: string): string {
  const groups: string[] = [];
  for (let i = 0; i < canonical.length; i += GROUP) groups.push(canonical.slice(i, i + GROUP));
  return groups.join('-');
}

/** For logs and staff screens: only the last group shows (`••••-••••-••••-4WPC`). */
export function maskCode(code: string): string {
  const canonical = normaliseCode(code);
  return formatCode('•'.repeat(CODE_LENGTH - GROUP) + canonical.slice(-GROUP));
}
