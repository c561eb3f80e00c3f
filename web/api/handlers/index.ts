import type { ApiHandler } from '../router.ts';
import { administrationHandlers } from './administration.ts';
import { directoryHandlers } from './directory.ts';
import { invitationHandlers } from './invitations.ts';

/** Every operation's handler by `operationId`: one entry per operation of the OpenAPI document. */
export const API_HANDLERS: Record<string, ApiHandler> = {
  ...invitationHandlers,
  ...directoryHandlers,
  ...administrationHandlers,
};
