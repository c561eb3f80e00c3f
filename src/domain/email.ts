/*
 * E-mail addresses are compared case-insensitively; we store them trimmed and lower-cased. Only
 * plain ASCII addresses are accepted: lower-casing Unicode folds look-alikes together (the Kelvin
 * sign "K" becomes "k"), so an address a provider vouched for could turn into someone else's, and
 * invisible characters or a trailing dot would make a second address for one mailbox.
 */

/** Lower-cases ASCII letters only, so no character outside ASCII can turn into one inside it. */
export function normaliseEmail(input: string): string {
  return input.trim().replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_\x60{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_\x60{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A plain address: a dot-atom local part, and a domain of two or more labels ending in a name (no trailing dot). */
export function isEmail(input: string): boolean {
  const address = input.trim();
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  return at > 0 && local.length <= 64 && LOCAL_PART.test(local) && labels.length >= 2
    && labels.every((label) => DOMAIN_LABEL.test(label)) && /^[A-Za-z]{2,63}$/.test(labels.at(-1)!);
}
