/**
 * The provenance rule of a redemption reset. A contact holds its parent account and each web role
 * from staff (set by hand, or on a contact staff made) and/or from each redemption that still
 * stands; a reset takes away what the reset redemption gave only where nothing else gives it too.
 */

/** What one source gives: a parent account (or none) and web roles. */
export type Grants = { accountId: string | null; webRoleIds: readonly string[] };

export type ResetInput = {
  /** What the contact holds now. */
  holds: { parentAccountId: string | null; webRoleIds: readonly string[] };
  /** What the redemption being reset gave. */
  reset: Grants;
  /** What the contact's other standing redemptions gave, newest first. */
  others: readonly Grants[];
  /**
   * What staff gave; null for a contact stored before provenance was kept, for whom staff gave
   * whatever no standing redemption (this one included) explains.
   */
  staff: Grants | null;
};

export type ResetRemovals = {
  /** Web roles taken away. */
  webRoleIds: string[];
  /** The parent account taken away, or null when it stays. */
  accountId: string | null;
  /** The parent account after the reset: unchanged, or the one staff set, else that of the newest other redemption, else none. */
  parentAccountId: string | null;
};

export function resetRemovals({ holds, reset, others, staff }: ResetInput): ResetRemovals {
  const fromRedemptions = new Set([...reset.webRoleIds, ...others.flatMap((o) => o.webRoleIds)]);
  const staffGrants: Grants = staff ?? {
    accountId: holds.parentAccountId && holds.parentAccountId !== reset.accountId && !others.some((o) => o.accountId === holds.parentAccountId)
      ? holds.parentAccountId : null,
    webRoleIds: holds.webRoleIds.filter((role) => !fromRedemptions.has(role)),
  };
  const keptRoles = new Set([...staffGrants.webRoleIds, ...others.flatMap((o) => o.webRoleIds)]);
  const webRoleIds = [...new Set(reset.webRoleIds)].filter((role) => holds.webRoleIds.includes(role) && !keptRoles.has(role)).sort();

  const account = reset.accountId;
  const loses = account !== null && holds.parentAccountId === account && staffGrants.accountId !== account && !others.some((o) => o.accountId === account);
  if (!loses) return { webRoleIds, accountId: null, parentAccountId: holds.parentAccountId };
  const fallback = staffGrants.accountId ?? others.find((o) => o.accountId !== null)?.accountId ?? null;
  return { webRoleIds, accountId: account, parentAccountId: fallback };
}
