/**
 * A form answered again with what was wrong shows what was typed, but never more than a card can
 * carry: Teams refuses a card over 28 KB, and the sender would then see a failure instead of why.
 * A typed value past its field's sensible length is cut (the error says the limit); the error text
 * is cut too, since a service may quote the value.
 */
export const ECHO_LIMITS = { field: 500, url: 2_048, list: 12_000, error: 1_000 } as const;

export function echoValues<V extends Record<string, unknown>>(values: V, long: Partial<Record<keyof V, number>> = {}): V {
  const echoed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const limit = long[name as keyof V] ?? ECHO_LIMITS.field;
    echoed[name] = typeof value === 'string' && value.length > limit ? value.slice(0, limit) : value;
  }
  return echoed as V;
}

export function echoError(message: string): string {
  return message.length > ECHO_LIMITS.error ? `${message.slice(0, ECHO_LIMITS.error)}…` : message;
}

/** A form's nonce as sent back: a fresh one instead of anything that is no nonce this bot made. */
export function echoNonce(sent: string, fresh: () => string): string {
  return /^[A-Za-z0-9-]{1,100}$/.test(sent) ? sent : fresh();
}
