import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { writeSignedInSession } from '../../testkit/signedInSession.ts';

/**
 * Puts what a scenario needs into a store through the same composition root the service uses,
 * so the data is exactly what the service would have made itself.
 */
export function openBenchRuntime(env: Record<string, string>): Promise<Runtime> {
  const config = parseConfig({ ...env, NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  return openRuntime(config, createLogger(config));
}

/** `count` contacts with e-mail addresses, added the way a CSV import adds them. */
export async function addContacts(runtime: Runtime, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - start) }, (_, i) => ({
      firstName: `${prefix}${start + i}`, lastName: 'Bench', primaryEmail: `${prefix}${start + i}@bench.example.com`,
    }));
    const { added, skipped } = await runtime.services.contacts.import(rows);
    if (skipped.length) throw new Error(`seeding refused ${skipped.length} contacts: ${skipped[0]!.reason}`);
    ids.push(...added.map((contact) => contact.id));
  }
  return ids;
}

/**
 * A group invitation with a large maximum that gives its redeemers a parent account and two web
 * roles, like a real customer onboarding invitation.
 */
export async function addGroupInvitation(runtime: Runtime, invitedContactIds: string[], maxRedemptions: number) {
  const { services } = runtime;
  const account = await services.accounts.add(`Bench Customer ${randomBytes(3).toString('hex')}`);
  const roles = [await services.webRoles.add(`Bench Customer ${randomBytes(3).toString('hex')}`), await services.webRoles.add(`Bench Partner ${randomBytes(3).toString('hex')}`)];
  return services.invitations.create('cli', {
    type: 'group', name: 'Benchmark onboarding', invitedContactIds, maxRedemptions,
    assignToAccountId: account.id, webRoleIds: roles.map((role) => role.id),
  });
}

/**
 * One signed-in site session per contact (see testkit/signedInSession.ts), and a file with one
 * line per session: the Cookie header value, a tab, the CSRF token.
 */
export async function writeSignedInSessions(runtime: Runtime, contactIds: string[], file: string): Promise<void> {
  const lines: string[] = [];
  for (const contactId of contactIds) {
    const { cookie, csrfToken } = await writeSignedInSession(runtime.store.ephemeral, contactId, runtime.sessionSecret);
    lines.push(`${cookie}\t${csrfToken}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
