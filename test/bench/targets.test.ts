import assert from 'node:assert/strict';
import type { ScenarioResult } from '../../bench/support/results.ts';
import { parseStoreNames, STORE_NAMES } from '../../bench/support/stores.ts';
import { checkTargets } from '../../bench/support/targets.ts';

const bulkInvite = (store: ScenarioResult['store'], contacts: number, totalMs: number): ScenarioResult => ({
  scenario: 'bulk-invite', store, throughput: { value: Math.round(contacts / (totalMs / 1000)), unit: 'contacts/s' }, latencyMs: null,
  baseline: { name: 'bare jobs', value: 1, unit: 'contacts/s' }, ratioOf: 'throughput', ratioToBaseline: 1, checks: [], details: { contacts, totalMs },
});

describe('bench targets', () => {
  it('holds a bulk invite of 10,000 to 15 s on FerretDB with PostgreSQL, and FerretDB on SQLite to none (context)', () => {
    const targets = checkTargets([bulkInvite('ferretdb-pg', 10_000, 14_000), bulkInvite('ferretdb', 10_000, 40_000), bulkInvite('sqlite', 10_000, 3_500)]);
    assert.deepEqual(targets.map(({ store, target, measured, met }) => ({ store, target, measured, met })), [
      { store: 'sqlite', target: '< 3 s', measured: '3.50 s', met: false },
      { store: 'ferretdb-pg', target: '< 15 s', measured: '14.00 s', met: true },
    ]);
  });

  it('checks the 10,000 target only on a run of 10,000', () => {
    assert.deepEqual(checkTargets([bulkInvite('ferretdb-pg', 2_000, 16_000)]), []);
  });
});

describe('bench --stores', () => {
  it('takes any of the three stores, and all three by default', () => {
    assert.deepEqual(parseStoreNames(undefined), STORE_NAMES);
    assert.deepEqual(STORE_NAMES, ['sqlite', 'ferretdb', 'ferretdb-pg']);
    assert.deepEqual(parseStoreNames(' ferretdb-pg ,sqlite'), ['ferretdb-pg', 'sqlite']);
  });

  it('refuses a store it does not know, naming the ones it does', () => {
    assert.throws(() => parseStoreNames('sqlite,postgres'), /unknown store postgres; --stores takes sqlite, ferretdb, ferretdb-pg/);
  });
});
