/** What one redemption did, written in the same atomic step as the redemption itself. */
export type RedemptionActivity = {
  id: string;
  invitationId: string;
  contactId: string;
  at: Date;
  ip: string | null;
  userAgent: string | null;
  accountId: string | null;
  webRoleIds: string[];
  workflow: string | null;
};
