/** E-mail addresses are compared case-insensitively; we store them trimmed and lower-cased. */
export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function isEmail(input: string): boolean {
  return input.length <= 254 && EMAIL.test(input.trim());
}
