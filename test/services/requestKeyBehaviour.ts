import assert from 'node:assert/strict';
import type { Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';

/** How many invitations and send jobs the store holds: what a double submit must not double. */
export async function invitationsAndSendJobs(store: Store): Promise<[number, number]> {
  const invitations = await store.invitations.list({}, { limit: 10 });
  const jobs = await store.jobs.list({ kind: 'invitation.send' }, { limit: 10 });
  return [invitations.items.length, jobs.items.length];
}

/** Two submits of one form (one request key), one after the other and at the same instant. */
export function oncePerRequestKey(context: () => { services: Services; store: Store }) {
  const request = { type: 'single' as const, people: [{ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' }], requestKey: 'form-1' };

  it('makes one invitation of two requests with one key, one after the other, and answers both with it', async () => {
    const { services, store } = context();
    const first = await services.invitations.invite('cli', request);
    const second = await services.invitations.invite('cli', request);
    assert.equal(second.invitation.id, first.invitation.id);
    assert.equal(second.code, first.code);
    assert.deepEqual([first.replayed, second.replayed], [false, true]);
    assert.deepEqual(await invitationsAndSendJobs(store), [1, 1]);
  });

  it('makes one invitation of two requests with one key at the same instant', async () => {
    const { services, store } = context();
    const both = await Promise.all([services.invitations.invite('cli', request), services.invitations.invite('cli', request)]);
    assert.equal(both[0].invitation.id, both[1].invitation.id);
    assert.deepEqual(both.map((b) => b.replayed).sort(), [false, true]);
    assert.deepEqual(await invitationsAndSendJobs(store), [1, 1]);
  });
}
