import assert from 'node:assert/strict';
import { PermanentJobError, RetryLaterError } from '../../src/domain/jobOutcomes.ts';
import { createGraphMailer } from '../../src/mail/graphMailer.ts';
import type { GraphMailerOptions } from '../../src/mail/graphMailer.ts';
import { failureFromRefusal } from '../../src/mail/graph/responseFailure.ts';
import { retryAfterMs } from '../../src/domain/retryAfter.ts';
import type { OutgoingMail } from '../../src/mail/mailer.ts';
import { startFakeGraph } from '../support/fakeGraph.ts';
import type { FakeGraph } from '../support/fakeGraph.ts';

const mail: OutgoingMail = {
  from: 'invites+eu@contoso.example',
  to: { address: 'ada@customer.example', name: 'Ada Lovelace' },
  subject: 'Your invitation',
  html: '<p>Use code <b>ABCD-EFGH</b></p>',
  text: 'Use code ABCD-EFGH',
};

function isTransient(error: unknown): boolean {
  return error instanceof Error && !(error instanceof RetryLaterError) && !(error instanceof PermanentJobError);
}

describe('Graph mailer against a fake Graph', () => {
  let fake: FakeGraph;

  beforeEach(async () => {
    fake = await startFakeGraph();
  });
  afterEach(() => fake.stop());

  function mailer(overrides: Partial<GraphMailerOptions> = {}) {
    return createGraphMailer({
      tenantId: fake.tenantId,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      graphBaseUrl: fake.url,
      authorityHost: fake.authorityHost,
      timeoutMs: 5000,
      ...overrides,
    });
  }

  it('delivers to /v1.0/users/{from}/sendMail with the bearer token it was issued', async () => {
    const graph = mailer();
    assert.equal(graph.kind, 'graph');
    await graph.send(mail);

    assert.equal(fake.sent.length, 1);
    const [sent] = fake.sent;
    assert.equal(sent!.mailbox, mail.from);
    assert.deepEqual(sent!.message.toRecipients, [{ emailAddress: { address: 'ada@customer.example', name: 'Ada Lovelace' } }]);
    assert.equal(sent!.message.subject, mail.subject);
    assert.deepEqual(sent!.message.body, { contentType: 'html', content: mail.html });
    assert.equal(sent!.saveToSentItems, true);
    assert.match(fake.requests[0]!.authorization ?? '', /^Bearer \S+$/);
    assert.deepEqual(fake.tokenRequests, [{ grantType: 'client_credentials', clientId: fake.clientId, scope: `${fake.url}/.default` }]);
    assert.deepEqual(fake.calls, [
      `GET /${fake.tenantId}/v2.0/.well-known/openid-configuration`,
      `POST /${fake.tenantId}/oauth2/v2.0/token`,
      `POST /v1.0/users/${encodeURIComponent(mail.from)}/sendMail`,
    ]);
  });

  it('fetches one token and reuses it', async () => {
    const graph = mailer();
    for (let i = 0; i < 3; i++) await graph.send(mail);
    assert.equal(fake.sent.length, 3);
    assert.equal(fake.tokensIssued(), 1);
    assert.equal(new Set(fake.requests.map((r) => r.authorization)).size, 1);
  });

  it('turns 429 into RetryLaterError with the Retry-After delay, without retrying itself', async () => {
    fake.failNext(1, { status: 429, code: 'ApplicationThrottled', message: 'Too many requests', retryAfter: 7 });
    const error = await mailer().send(mail).catch((e: unknown) => e);
    assert.ok(error instanceof RetryLaterError);
    assert.equal(error.delayMs, 7000);
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.sent.length, 0);
  });

  it('turns 503 without Retry-After into RetryLaterError with a default delay', async () => {
    fake.failNext(1, { status: 503 });
    const error = await mailer().send(mail).catch((e: unknown) => e);
    assert.ok(error instanceof RetryLaterError);
    assert.equal(error.delayMs, 30_000);
    assert.equal(fake.requests.length, 1);
  });

  it('turns 400 into PermanentJobError naming the Graph error code', async () => {
    fake.failNext(1, { status: 400, code: 'ErrorInvalidRecipients', message: 'At least one recipient is not valid.' });
    const error = await mailer().send(mail).catch((e: unknown) => e);
    assert.ok(error instanceof PermanentJobError);
    assert.match(error.message, /^Graph refused the mail \(400 ErrorInvalidRecipients\): At least one recipient is not valid\./);
  });

  it('turns 403 into PermanentJobError that points at the Mail.Send permission', async () => {
    fake.failNext(1, { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.' });
    const error = await mailer().send(mail).catch((e: unknown) => e);
    assert.ok(error instanceof PermanentJobError);
    assert.match(error.message, /403 ErrorAccessDenied.*Mail\.Send application permission/);
  });

  it('treats 500 as transient', async () => {
    fake.failNext(1, { status: 500, code: 'UnknownError', message: 'oops' });
    const error = await mailer().send(mail).catch((e: unknown) => e);
    assert.ok(isTransient(error), String(error));
  });

  it('treats 401 as transient and signs in afresh on the next attempt', async () => {
    const graph = mailer();
    await graph.send(mail);
    fake.revokeTokens();
    const error = await graph.send(mail).catch((e: unknown) => e);
    assert.ok(isTransient(error), String(error));
    assert.match((error as Error).message, /401 InvalidAuthenticationToken/);
    await graph.send(mail);
    assert.equal(fake.tokensIssued(), 2);
    assert.equal(fake.sent.length, 2);
  });

  it('gives up on a server that never answers within timeoutMs, as a transient error', async () => {
    fake.failNext(1, { kind: 'hang' });
    const started = Date.now();
    const error = await mailer({ timeoutMs: 500 }).send(mail).catch((e: unknown) => e);
    assert.ok(isTransient(error), String(error));
    assert.match((error as Error).message, /no answer within 500 ms/);
    assert.ok(Date.now() - started < 2000);
  });

  it('treats a reset connection as transient', async () => {
    fake.failNext(1, { kind: 'reset' });
    const error = await mailer().send(mail).catch((e: unknown) => e);
    assert.ok(isTransient(error), String(error));
    assert.equal(fake.sent.length, 0);
  });

  it('turns refused credentials into PermanentJobError without showing the secret', async () => {
    const error = await mailer({ clientSecret: 'not-the-secret' }).send(mail).catch((e: unknown) => e);
    assert.ok(error instanceof PermanentJobError);
    assert.match(error.message, /refused the Graph app credentials.*invalid_client/);
    assert.doesNotMatch(error.message, /not-the-secret/);
    assert.equal(fake.requests.length, 0);
  });

  it('treats a token endpoint that does not answer as transient', async () => {
    fake.failTokenNext(1, { kind: 'hang' });
    const error = await mailer({ timeoutMs: 500 }).send(mail).catch((e: unknown) => e);
    assert.ok(isTransient(error), String(error));
    assert.equal(fake.requests.length, 0);
  });

  it('treats an unreachable token endpoint as transient', async () => {
    const gone = await startFakeGraph();
    await gone.stop();
    const error = await mailer({ authorityHost: gone.authorityHost }).send(mail).catch((e: unknown) => e);
    assert.ok(isTransient(error), String(error));
    assert.match((error as Error).message, /access token/);
  });
});

describe('Graph refusals and Retry-After', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('7', now), 7000);
    assert.equal(retryAfterMs('Sat, 01 Mar 2025 12:01:30 GMT', now), 90_000);
    assert.equal(retryAfterMs('Sat, 01 Mar 2025 11:00:00 GMT', now), 0);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });

  it('retries gateway errors later only when Graph says when', () => {
    const withDate = failureFromRefusal({ status: 502, retryAfter: '12' }, now);
    assert.ok(withDate instanceof RetryLaterError);
    assert.equal(withDate.delayMs, 12_000);
    assert.ok(isTransient(failureFromRefusal({ status: 504, retryAfter: null }, now)));
  });

  it('names the cause of 404 and 413', () => {
    assert.match(failureFromRefusal({ status: 404, retryAfter: null, code: 'ErrorInvalidUser' }, now).message, /mailbox does not exist/);
    assert.match(failureFromRefusal({ status: 413, retryAfter: null }, now).message, /\(413\) — the message is too large/);
  });
});
