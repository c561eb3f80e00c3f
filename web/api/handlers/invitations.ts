import { ValidationError } from '../../../src/domain/errors.ts';
import { EXPIRY_HELP, parseExpiry } from '../../../src/domain/expiry.ts';
import { englishPhrase } from '../../../src/domain/phrases.ts';
import type { InvitationActivity } from '../../../src/domain/activity.ts';
import type { InviteRequest } from '../../../src/services/inviteContacts.ts';
import type { ApiAnswer } from '../idempotency.ts';
import { API_BASE_PATH } from '../openapi/document.ts';
import type { ApiCall, ApiHandler } from '../router.ts';

/** The ETag of an invitation: its version. */
export const invitationETag = (version: number) => `"v${version}"`;

type Body = Record<string, unknown>;
const bodyOf = (call: ApiCall) => (call.body ?? {}) as Body;
const page = (call: ApiCall) => ({ limit: call.query.limit as number | undefined, after: call.query.after as string | undefined });

/** The invitation as it is now, with its ETag (the code masked unless `revealCode`). */
async function invitationAnswer(call: ApiCall, id: string, status = 200, options: { revealCode?: boolean } = {}): Promise<ApiAnswer> {
  const details = await call.services.invitations.details(call.actor, id, options);
  return { status, body: details, headers: { ETag: invitationETag(details.version) } };
}

/** A typed expiry ("14d", "2026-12-31", "never") read against the service clock; null is never. */
function expiryOf(call: ApiCall, text: string | null): Date | null {
  if (text === null) return null;
  const expiresAt = parseExpiry(text, call.services.clock());
  if (expiresAt === undefined) throw new ValidationError([{ field: 'expires', message: `"${text.slice(0, 40)}" is not ${EXPIRY_HELP}` }]);
  return expiresAt;
}

const activity = (a: InvitationActivity) => ({ ...a, kind: a.kind ?? 'redemption' });

export const invitationHandlers: Record<string, ApiHandler> = {
  async createInvitation(call) {
    const body = bodyOf(call);
    const request: InviteRequest = {
      ...(body as Omit<InviteRequest, 'people'>),
      people: (body.people as { email: string; firstName?: string; lastName?: string }[] | undefined)
        ?.map((p) => ({ email: p.email, firstName: p.firstName ?? '', lastName: p.lastName ?? '' })),
      ...(call.idempotencyKey ? { requestKey: call.idempotencyKey } : {}),
    };
    const { invitation } = await call.services.invitations.invite(call.actor, request);
    const answer = await invitationAnswer(call, invitation.id, 201, { revealCode: true });
    return { ...answer, headers: { ...answer.headers, Location: `${API_BASE_PATH}/invitations/${invitation.id}` } };
  },

  async listInvitations(call) {
    const { status, contact, account, createdFrom, createdBefore, search } = call.query as Record<string, string | undefined>;
    const result = await call.services.invitations.list(call.actor, {
      status, contact, account, search,
      createdFrom: createdFrom ? new Date(createdFrom) : undefined, createdBefore: createdBefore ? new Date(createdBefore) : undefined,
    }, page(call));
    return { status: 200, body: result };
  },

  getInvitation: (call) => invitationAnswer(call, call.params.invitation!, 200, { revealCode: call.query.revealCode === true }),

  async listInvitationActivities(call) {
    const result = await call.services.invitations.activities(call.actor, call.params.invitation!, page(call));
    return { status: 200, body: { items: result.items.map(activity), next: result.next } };
  },

  async revokeInvitation(call) {
    const reason = bodyOf(call).reason as string | undefined;
    const invitation = await call.services.invitations.revoke(call.actor, call.params.invitation!, reason || undefined, { ifVersion: call.ifVersion });
    return invitationAnswer(call, invitation.id);
  },

  async extendInvitation(call) {
    const expires = bodyOf(call).expires as string | null;
    const invitation = await call.services.invitations.extend(call.actor, call.params.invitation!, expiryOf(call, expires), { ifVersion: call.ifVersion });
    return invitationAnswer(call, invitation.id);
  },

  async sendInvitation(call) {
    const skipApproval = (bodyOf(call) as { skipApproval?: boolean }).skipApproval === true;
    const invitation = await call.services.invitations.send(call.actor, call.params.invitation!, { skipApproval });
    return invitationAnswer(call, invitation.id);
  },

  async renewInvitation(call) {
    const invitation = await call.services.invitations.renew(call.actor, call.params.invitation!, expiryOf(call, bodyOf(call).expires as string | null));
    return invitationAnswer(call, invitation.id);
  },

  async resendInvitation(call) {
    const invitation = await call.services.invitations.resend(call.actor, call.params.invitation!, { ifVersion: call.ifVersion });
    return invitationAnswer(call, invitation.id);
  },

  async resetRedemption(call) {
    const body = bodyOf(call) as { contact: string; reissue?: boolean; reason?: string };
    const { invitation } = await call.services.invitations.resetRedemption(call.actor, {
      invitation: call.params.invitation!, contact: body.contact, reissue: body.reissue ?? false, reason: body.reason ?? null, ifVersion: call.ifVersion,
    });
    return invitationAnswer(call, invitation.id);
  },

  async approveInvitation(call) {
    const { id } = await call.services.invitations.find(call.actor, call.params.invitation!);
    await call.services.invitations.approve(call.actor, id, { ifVersion: call.ifVersion });
    return invitationAnswer(call, id);
  },

  async rejectInvitation(call) {
    const { id } = await call.services.invitations.find(call.actor, call.params.invitation!);
    await call.services.invitations.reject(call.actor, id, bodyOf(call).reason as string, { ifVersion: call.ifVersion });
    return invitationAnswer(call, id);
  },

  async createInvitationBatch(call) {
    const { dryRun, ...request } = bodyOf(call) as { dryRun?: boolean; text: string };
    const many = call.services.invitations.many;
    const preview = await many.preview(call.actor, request);
    const { key, ...shown } = preview;
    const rejected = preview.rejected.map(({ line, reason }) => ({ line, reason: englishPhrase(reason) }));
    if (dryRun) return { status: 200, body: { ...shown, rejected } };
    const result = await many.confirm(call.actor, key);
    return { status: 201, body: { batchId: result.batchId, invited: result.invited, requiresApproval: result.requiresApproval, rejected } };
  },

  async approveInvitationBatch(call) {
    return { status: 200, body: await call.services.invitations.many.decideBatch(call.actor, call.params.batch!, { approve: true }) };
  },

  async rejectInvitationBatch(call) {
    const reason = bodyOf(call).reason as string;
    return { status: 200, body: await call.services.invitations.many.decideBatch(call.actor, call.params.batch!, { approve: false, reason }) };
  },
};
