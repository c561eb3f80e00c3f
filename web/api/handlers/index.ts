import type { ApiHandler } from '../router.ts';
import { administrationHandlers } from './administration.ts';
import { auditHandlers } from './audit.ts';
import { directoryHandlers } from './directory.ts';
import { invitationHandlers } from './invitations.ts';
import { statsHandlers } from './stats.ts';
import { webhookHandlers } from './webhooks.ts';

/** Every operation's handler by `operationId`: one entry per operation of the OpenAPI document. */
export const API_HANDLERS: Record<string, ApiHandler> = {
  ...invitationHandlers,
  ...directoryHandlers,
  ...administrationHandlers,
  ...webhookHandlers,
  ...auditHandlers,
  ...statsHandlers,
};
