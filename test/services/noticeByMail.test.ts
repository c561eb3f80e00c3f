import assert from 'node:assert/strict';
import { PermanentJobError } from '../../src/domain/jobOutcomes.ts';
import type { Notify } from '../../src/domain/notice.ts';
import { createGraphMailer } from '../../src/mail/graphMailer.ts';
import { withMailFallback } from '../../src/services/notices/mailFallback.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { useSeededServices } from '../support/services.ts';

const IVY = 'bbbbbbbb-0000-4000-8000-000000000002';
const SENDER = 'invitations@contoso.com';

describe('notices by mail when Teams cannot reach a staff member', () => {
  const s = useSeededServices(0);
  let graph: FakeGraph;
  let teamsAnswer: Error | null;
  let teamsCalls: number;
  const teams: Notify = async () => {
    teamsCalls += 1;
    if (teamsAnswer) throw teamsAnswer;
  };
  const notify = () => withMailFallback(teams, {
    store: s.store, sender: SENDER, organisationName: 'Contoso',
    mailer: createGraphMailer({ tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, graphBaseUrl: graph.url, authorityHost: graph.authorityHost }),
  });
  const unreachable = new PermanentJobError(`${IVY} has not talked to the bot yet, so Teams notices cannot reach them.`);

  beforeEach(async () => {
    graph = await startFakeGraph();
    teamsAnswer = null;
    teamsCalls = 0;
    await s.services.staff.save('cli', { id: IVY, displayName: 'Ivy\r\nBcc: all@contoso.com', roles: ['inviter'], email: 'ivy@contoso.com' });
  });
  afterEach(() => graph.stop());

  it('sends nothing by mail when Teams took the notice', async () => {
    await notify()(IVY, 'Invitation redeemed', 'x', 'Good');
    assert.equal(teamsCalls, 1);
    assert.equal(graph.sent.length, 0);
  });

  it('mails the notice through Graph to the address on the staff record, with safe headers and escaped HTML', async () => {
    teamsAnswer = unreachable;
    await notify()(IVY, 'Approval needed\nBcc: x@evil.example', 'Ada asks you to approve "<b>Spring</b> & partners".', 'Warning');
    assert.equal(graph.sent.length, 1);
    const [mail] = graph.sent;
    assert.equal(mail!.mailbox, SENDER);
    assert.deepEqual(mail!.message.toRecipients, [{ emailAddress: { address: 'ivy@contoso.com', name: 'Ivy Bcc: all@contoso.com' } }]);
    assert.equal(mail!.message.subject, 'Contoso: Approval needed Bcc: x@evil.example');
    assert.match(mail!.message.body!.content!, /Ada asks you to approve &quot;&lt;b&gt;Spring&lt;\/b&gt; &amp; partners&quot;\./);
    assert.doesNotMatch(mail!.message.body!.content!, /<b>Spring/);
    assert.match(mail!.message.body!.content!, /could not reach you in Teams/);
  });

  it('dead-letters with both reasons when there is no address, or the mail is refused for good', async () => {
    teamsAnswer = unreachable;
    await s.services.staff.save('cli', { id: IVY, displayName: 'Ivy', roles: ['inviter'], email: '' });
    await assert.rejects(notify()(IVY, 'T', 'x'), (error: Error) => error instanceof PermanentJobError
      && error.message.startsWith(unreachable.message.slice(0, -1)) && /no e-mail address is kept for them/.test(error.message));
    await s.services.staff.save('cli', { id: IVY, displayName: 'Ivy', roles: ['inviter'], email: 'ivy@contoso.com' });
    graph.failNext(1, { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.' });
    await assert.rejects(notify()(IVY, 'T', 'x'), (error: Error) => error instanceof PermanentJobError
      && error.message.startsWith(unreachable.message.slice(0, -1)) && /the mail to ivy@contoso\.com failed too: Graph refused the mail \(403 ErrorAccessDenied\)/.test(error.message));
    assert.equal(graph.sent.length, 0);
  });

  it('leaves a passing Teams failure to the retry, without mail', async () => {
    teamsAnswer = new Error('Teams answered 502');
    await assert.rejects(notify()(IVY, 'T', 'x'), /Teams answered 502/);
    assert.equal(graph.requests.length, 0);
  });
});
