import assert from 'node:assert/strict';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/port.ts';
import { seedDirectory, testServices } from '../support/services.ts';

const DAY = 86_400_000;

describe('listing invitations', () => {
  let store: Store;
  let t: ReturnType<typeof testServices>;
  let seed: Awaited<ReturnType<typeof seedDirectory>>;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    t = testServices(store);
    seed = await seedDirectory(t.services, 3);
  });
  afterEach(() => store.close());

  it('filters by status (expiry taken from the clock), contact and name, in pages', async () => {
    const make = async (name: string, contact: number, expiresInDays: number | null) => {
      t.clock.advance(1000);
      return t.services.invitations.create('cli', {
        type: 'single', name, invitedContactIds: [seed.contacts[contact]!.id],
        expiresAt: expiresInDays === null ? null : new Date(t.clock().getTime() + expiresInDays * DAY),
      });
    };
    const a = await make('Alpha', 0, 1);
    await make('Beta', 1, 10);
    const c = await make('Gamma', 2, null);
    await t.services.invitations.revoke('cli', c.invitation.id);
    t.clock.advance(2 * DAY);

    const names = async (filter: object, page: object = {}) => (await t.services.invitations.list(filter, page)).items.map((i) => i.name);
    assert.deepEqual(await names({ status: 'expired' }), ['Alpha']);
    assert.deepEqual(await names({ status: 'sent' }), ['Beta']);
    assert.deepEqual(await names({ status: 'revoked' }), ['Gamma']);
    assert.deepEqual(await names({ contact: seed.contacts[0]!.primaryEmail! }), ['Alpha']);
    assert.deepEqual(await names({ search: 'be' }), ['Beta']);
    const first = await t.services.invitations.list({}, { limit: 2 });
    assert.deepEqual(first.items.map((i) => [i.name, i.status]), [['Gamma', 'revoked'], ['Beta', 'sent']]);
    assert.deepEqual(await names({}, { limit: 2, after: first.next }), ['Alpha']);
    assert.equal(a.invitation.name, 'Alpha');
  });

  it('refuses an unknown status, a bad cursor and an unknown contact with clear messages', async () => {
    await assert.rejects(t.services.invitations.list({ status: 'lost' }), { message: /status: must be one of draft, pending-approval/ });
    await assert.rejects(t.services.invitations.list({}, { after: 'garbage' }), { message: /cursor: is not a cursor/ });
    await assert.rejects(t.services.invitations.list({}, { limit: 1000 }), { code: 'invalid_input' });
    await assert.rejects(t.services.invitations.list({ contact: 'nobody@example.com' }), { code: 'not_found' });
  });
});
