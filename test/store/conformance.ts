import { accountAndRoleBehaviour } from './behaviours/namedRecords.ts';
import { apiKeyBehaviour } from './behaviours/apiKeys.ts';
import { directoryChangeBehaviour } from './behaviours/directoryChanges.ts';
import { batchWriteBehaviour } from './behaviours/batchWrites.ts';
import { botStateBehaviour } from './behaviours/botState.ts';
import { brandingBehaviour } from './behaviours/branding.ts';
import { contactBehaviour } from './behaviours/contacts.ts';
import { customerAccessBehaviour } from './behaviours/customerAccess.ts';
import { invitationBehaviour } from './behaviours/invitations.ts';
import { invitationListingBehaviour } from './behaviours/invitationListing.ts';
import { invitationLifecycleBehaviour } from './behaviours/invitationLifecycle.ts';
import { jobBehaviour } from './behaviours/jobs.ts';
import { jobBatchBehaviour } from './behaviours/jobBatches.ts';
import { mailSideBehaviour } from './behaviours/mailSide.ts';
import { recordBehaviour } from './behaviours/records.ts';
import { redemptionBehaviour } from './behaviours/redemption.ts';
import { staffBehaviour } from './behaviours/staff.ts';
import { sessionGenerationBehaviour } from './behaviours/sessionGeneration.ts';
import { identityProvenanceBehaviour } from './behaviours/identityProvenance.ts';
import { localAccountCreationBehaviour } from './behaviours/localAccountCreation.ts';
import { unusedContactBehaviour } from './behaviours/unusedContacts.ts';
import { redemptionResetBehaviour } from './behaviours/redemptionReset.ts';
import { staffGrantBehaviour } from './behaviours/staffGrants.ts';
import { webhookBehaviour } from './behaviours/webhooks.ts';
import { auditQueryBehaviour } from './behaviours/auditQueries.ts';
import { auditedWriteBehaviour } from './behaviours/auditedWrites.ts';
import { redeemerListingBehaviour } from './behaviours/redeemerListing.ts';
import { statsBehaviour } from './behaviours/stats.ts';
import type { MakeStore } from './fixtures.ts';

/**
 * The definition of store behaviour: every adapter runs all of it. `makeStore` returns a fresh,
 * empty store for each test and a `cleanup` that closes and removes it.
 */
export function storeConformance(name: string, makeStore: MakeStore): void {
  describe(`store conformance: ${name}`, () => {
    contactBehaviour(makeStore);
    accountAndRoleBehaviour(makeStore);
    staffBehaviour(makeStore);
    invitationBehaviour(makeStore);
    invitationListingBehaviour(makeStore);
    redemptionBehaviour(makeStore);
    recordBehaviour(makeStore);
    jobBehaviour(makeStore);
    jobBatchBehaviour(makeStore);
    mailSideBehaviour(makeStore);
    customerAccessBehaviour(makeStore);
    botStateBehaviour(makeStore);
    sessionGenerationBehaviour(makeStore);
    identityProvenanceBehaviour(makeStore);
    localAccountCreationBehaviour(makeStore);
    unusedContactBehaviour(makeStore);
    redemptionResetBehaviour(makeStore);
    staffGrantBehaviour(makeStore);
    batchWriteBehaviour(makeStore);
    webhookBehaviour(makeStore);
    auditQueryBehaviour(makeStore);
    auditedWriteBehaviour(makeStore);
    redeemerListingBehaviour(makeStore);
    statsBehaviour(makeStore);
    apiKeyBehaviour(makeStore);
    directoryChangeBehaviour(makeStore);
    invitationLifecycleBehaviour(makeStore);
    brandingBehaviour(makeStore);
  });
}
