/**
 * Lookups by id, e-mail or code key take a string. Anything else that slipped past a caller (an
 * operator object such as `{ "$ne": null }` from a JSON body) would be read by MongoDB as a query
 * operator and match some record: it matches nothing instead.
 */
export function isKey(value: unknown): value is string {
  return typeof value === 'string';
}
