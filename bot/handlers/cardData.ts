/**
 * A field of a card's submitted data as text. The data is whatever the client sent: a field can
 * be missing, a number, an array or an object (`{"toString": 1}` even breaks `String()`), so
 * anything but a string or a number reads as ''.
 */
export function cardText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}
