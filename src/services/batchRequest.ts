import { approversOf } from './approvers.ts';
import { BATCH_APPROVED, BATCH_REJECTED, findBatch } from './batchDecision.ts';
import type { Actor, ServiceContext } from './context.ts';
import { assertMay } from './permissions.ts';
import { invitationQueries } from './queryInvitations.ts';

/** Members shown by name on a batch's card; the rest are "N more". */
const SHOWN_MEMBERS = 3;

/** How a batch was decided: by whom, when, how many of its invitations, and why when rejected. */
export type BatchDecisionFacts = { approved: boolean; by: string; at: Date; decided: number; reason: string | null };

/**
 * A batch (`invite many`) as staff see it on its approval card: who asked, how many, the first few
 * contacts, the options its invitations share, who may decide it, and the decision once there is one.
 */
export type BatchView = {
  id: string;
  requestedBy: string;
  count: number;
  /** The first few members' e-mails (or names); `moreContacts` the rest. */
  contacts: string[];
  moreContacts: number;
  companies: string[];
  roles: string[];
  expiresAt: Date | null;
  workflow: string | null;
  locale: string;
  /** Waiting for a decision (it asked for approval and nobody decided yet). */
  pending: boolean;
  decision: BatchDecisionFacts | null;
  /** Staff object ids that may decide it while it waits (never its requester). */
  approvers: string[];
};

/** The batch on behalf of `actor` (viewers and up). NotFoundError for an unknown batch. */
export function batchView(ctx: ServiceContext) {
  const queries = invitationQueries(ctx);
  return async (actor: Actor, batchId: string): Promise<BatchView> => {
    await assertMay(ctx, actor, 'viewer', 'looking at invitations');
    const batch = await findBatch(ctx, batchId);
    const shown = await Promise.all(batch.invitationIds.slice(0, SHOWN_MEMBERS).map((id) => queries.details(actor, id, { contactLimit: 1 })));
    const first = shown[0];
    const decision = await decisionOf(ctx, batchId);
    const pending = batch.requiresApproval && decision === null;
    return {
      id: batchId, requestedBy: batch.requestedBy, count: batch.count,
      contacts: shown.map((member) => member.invitedContacts[0]?.email ?? member.invitedContacts[0]?.name ?? member.name),
      moreContacts: Math.max(0, batch.count - shown.length),
      companies: batch.companies ?? [...new Set(shown.map((member) => member.account?.name).filter((name): name is string => !!name))],
      roles: first?.webRoles.map((role) => role.name) ?? [],
      expiresAt: first?.expiresAt ?? null, workflow: first?.workflow ?? null, locale: first?.locale ?? 'en',
      pending, decision,
      approvers: pending ? await approversOf(ctx.store, { createdBy: batch.requestedBy, ownerId: null }) : [],
    };
  };
}

async function decisionOf(ctx: ServiceContext, batchId: string): Promise<BatchDecisionFacts | null> {
  const events = await ctx.store.audit.listForSubject(batchId, { limit: 20 });
  const decided = events.items.find((event) => event.action === BATCH_APPROVED || event.action === BATCH_REJECTED);
  if (!decided) return null;
  const detail = decided.detail as { decided?: number; reason?: string };
  return { approved: decided.action === BATCH_APPROVED, by: decided.actor, at: decided.at, decided: Number(detail.decided ?? 0), reason: detail.reason ?? null };
}
