/** A GUID as Microsoft writes them (Entra object ids, tenant and app ids): 8-4-4-4-12 hex digits, either case. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}
