import { createCodeVault } from '../../src/domain/codeVault.ts';
import { serviceContext, type ServiceContext } from '../../src/services/context.ts';
import { createServices } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';

export const TEST_CODE_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** A clock tests move by hand; expiry is tested by moving it, never by sleeping. */
export type TestClock = { (): Date; set(date: Date | string): void; advance(ms: number): void };

export function testClock(start: Date | string = '2026-06-01T12:00:00Z'): TestClock {
  let now = new Date(start);
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (date) => { now = new Date(date); };
  clock.advance = (ms) => { now = new Date(now.getTime() + ms); };
  return clock;
}

export function testServices(store: Store, clock: TestClock = testClock()) {
  const context: ServiceContext = serviceContext({ store, clock, vault: createCodeVault(TEST_CODE_SECRET) });
  return { context, clock, services: createServices(context) };
}

/** A group of contacts, an account, two web roles and a workflow: the usual cast of an invitation test. */
export async function seedDirectory(services: ReturnType<typeof createServices>, contactCount = 3, prefix = 'person') {
  const account = await services.accounts.add('Contoso Ltd');
  const workflow = await services.workflows.add('cli', { name: 'crm-sync', url: 'https://hooks.example.com/crm-sync' });
  const roles = [await services.webRoles.add('Customer'), await services.webRoles.add('Partner')];
  const contacts = [];
  for (let i = 1; i <= contactCount; i++) {
    contacts.push(await services.contacts.add({ firstName: `${prefix}${i}`, lastName: 'Tester', primaryEmail: `${prefix}${i}@example.com` }));
  }
  return { account, roles, contacts, workflow };
}

/**
 * Gives each test of the enclosing `describe` a fresh in-memory store with services and the usual
 * cast (see `seedDirectory`), and closes it afterwards.
 */
export function useSeededServices(contactCount = 3) {
  const holder = {} as { store: Store; services: ReturnType<typeof createServices>; clock: TestClock; seed: Awaited<ReturnType<typeof seedDirectory>> };
  beforeEach(async () => {
    holder.store = createSqliteStore(':memory:');
    const { services, clock } = testServices(holder.store);
    Object.assign(holder, { services, clock, seed: await seedDirectory(services, contactCount) });
  });
  afterEach(() => holder.store.close());
  return holder;
}
