import assert from 'node:assert/strict';
import { siteTestbed } from '../../support/siteTestbed.ts';

const PASSWORD = 'correct horse battery staple';

describe('redeem site: limits that do not lock the owner out', () => {
  let t: Awaited<ReturnType<typeof siteTestbed>>;
  beforeEach(async () => { t = await siteTestbed(); });
  afterEach(() => t.store.close());

  async function ownerWithPassword(): Promise<void> {
    const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [t.seed.contacts[0]!.id] });
    const v = t.visitor();
    await v.get(`/redeem?code=${code}`);
    assert.equal((await v.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD })).status, 303);
  }

  it('ten wrong passwords from ten other addresses do not lock the owner out (defect 6)', async () => {
    await ownerWithPassword();
    for (let i = 1; i <= 12; i++) {
      const guesser = t.visitor();
      const from = { 'x-forwarded-for': `198.51.100.${i}` };
      await guesser.get('/', from);
      assert.equal((await guesser.post('/signin', { email: 'person1@example.com', password: `wrong guess number ${i}` }, from)).status, 401);
    }
    const owner = t.visitor();
    const home = { 'x-forwarded-for': '203.0.113.77' };
    await owner.get('/', home);
    const signedIn = await owner.post('/signin', { email: 'person1@example.com', password: PASSWORD }, home);
    assert.deepEqual([signedIn.status, signedIn.headers.location], [303, '/profile']);
  });

  it('only refused sign-ins count: the owner signing in a dozen times is never refused', async () => {
    await ownerWithPassword();
    for (let i = 0; i < 12; i++) {
      const owner = t.visitor();
      await owner.get('/');
      assert.equal((await owner.post('/signin', { email: 'person1@example.com', password: PASSWORD })).status, 303, `sign-in ${i + 1}`);
    }
  });

  it('reset mails asked for from other addresses do not use up the owner\'s', async () => {
    for (let i = 1; i <= 6; i++) {
      const other = t.visitor();
      const from = { 'x-forwarded-for': `198.51.100.${i}` };
      await other.get('/password/forgot', from);
      await other.post('/password/forgot', { email: 'person1@example.com' }, from);
    }
    const owner = t.visitor();
    await owner.get('/password/forgot');
    const asked = await owner.post('/password/forgot', { email: 'person1@example.com' });
    assert.equal(asked.status, 200);
  });

  it('still stops one address guessing one account', async () => {
    await ownerWithPassword();
    const guesser = t.visitor();
    await guesser.get('/');
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await guesser.post('/signin', { email: 'person1@example.com', password: `wrong guess ${i}` })).status);
    assert.deepEqual(statuses.slice(-2), [429, 429]);
  });

  it('single invitations\' passwords (no address typed) do not share one mail limit', async () => {
    for (let i = 0; i < 3; i++) await t.services.contacts.add({ firstName: `extra${i}`, lastName: 'X', primaryEmail: `extra${i}@example.com` });
    const contacts = (await t.store.contacts.list({ search: 'extra' }, { limit: 10 })).items;
    for (const [i, contact] of [...t.seed.contacts, ...contacts].entries()) {
      const { code } = await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [contact.id] });
      const v = t.visitor();
      const from = { 'x-forwarded-for': `192.0.2.${i + 1}` };
      await v.get(`/redeem?code=${code}`, from);
      const res = await v.post('/redeem/register', { code, password: PASSWORD, confirm: PASSWORD }, from);
      assert.equal(res.status, 303, contact.primaryEmail!);
    }
  });
});
