import type { ApiHandler } from '../router.ts';

/** Invitation statistics (viewers and up), as the bot's stats card shows them. */
export const statsHandlers: Record<string, ApiHandler> = {
  async getStats(call) {
    const { weeks, top } = call.query as { weeks?: number; top?: number };
    return { status: 200, body: await call.services.stats.invitations(call.actor, { weeks, top }) };
  },
};
