/**
 * A mail header field (subject, recipient name) on one line: a value typed with a line break or
 * another control character cannot start another header ("Bcc: ...").
 */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\t\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}
