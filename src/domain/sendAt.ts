/** Why a draft's send time cannot be used (none, when it can): it must come, and come before the expiry. */
export function sendAtProblems(sendAt: Date | null, expiresAt: Date | null, now: Date): { field: string; message: string }[] {
  if (sendAt === null) return [];
  if (Number.isNaN(sendAt.getTime())) return [{ field: 'sendAt', message: 'must be a date' }];
  if (sendAt.getTime() <= now.getTime()) return [{ field: 'sendAt', message: 'must be in the future' }];
  if (expiresAt && expiresAt.getTime() <= sendAt.getTime()) return [{ field: 'sendAt', message: 'must come before the invitation expires' }];
  return [];
}
