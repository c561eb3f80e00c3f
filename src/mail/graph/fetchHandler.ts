import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * The last link of the Graph middleware chain: `fetch`, with the low-level cause (ECONNRESET,
 * ECONNREFUSED...) kept in the message, which the Graph client would otherwise drop.
 */
export const fetchHandler: Middleware = {
  async execute(context: Context): Promise<void> {
    try {
      context.response = await fetch(context.request, context.options);
    } catch (error) {
      throw withCause(error);
    }
  },
};

function withCause(error: unknown): unknown {
  if (!(error instanceof Error) || !(error.cause instanceof Error)) return error;
  const cause = error.cause as Error & { code?: unknown };
  return new Error(`${error.message} (${typeof cause.code === 'string' ? cause.code : cause.message})`, { cause });
}
