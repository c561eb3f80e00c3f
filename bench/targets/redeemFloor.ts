/**
 * The redeem floor: the least a redemption can cost on this stack, the yardstick of `redeem` and
 * `redeem-page`. Express reads the signed session cookie, looks the session up in the service's
 * own SQLite file (DATA_DIR, seeded by the bench), checks the CSRF token, and makes the writes of
 * a redemption (claim, redeemer, activity, account, two roles, one job) in one transaction with
 * prepared statements; `GET /redeem` looks the code up and renders a page with a CSRF token. No
 * rules beyond "a place is left", no rate limit, no templates: what any redemption must do.
 * `GET /count` tells how many redemptions it made. What each costs the store is written in
 * bench/scenarios/redeemFloor.ts.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import express from 'express';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { normaliseCode } from '../../src/domain/inviteCode.ts';

const sessionSecret = process.env.SESSION_SECRET!;
const vault = createCodeVault(process.env.CODE_SECRET!);
const db = new DatabaseSync(join(process.env.DATA_DIR!, 'invite-desk.sqlite'), { timeout: 15_000 });
db.exec('PRAGMA journal_mode = WAL');
db.exec('PRAGMA synchronous = NORMAL');
const session = db.prepare("SELECT value FROM ephemeral WHERE namespace = 'session' AND key = ? AND expires_at > ?");
const invitation = db.prepare('SELECT id, assign_to_account_id, web_role_ids FROM invitations WHERE code_lookup_key = ?');
const names = db.prepare('SELECT name FROM accounts WHERE id = ? UNION ALL SELECT name FROM web_roles WHERE id IN (SELECT value FROM json_each(?))');
const claim = db.prepare('UPDATE invitations SET remaining = remaining - 1, version = version + 1, updated_at = ? WHERE id = ? AND remaining > 0');
const redeemer = db.prepare('INSERT INTO redemptions (invitation_id, contact_id, activity_id, at) VALUES (?, ?, ?, ?)');
const activity = db.prepare(`INSERT INTO redemption_activities (id, invitation_id, contact_id, at, ip, user_agent, account_id, web_role_ids, workflow)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`);
const account = db.prepare('UPDATE contacts SET parent_account_id = ? WHERE id = ?');
const role = db.prepare('INSERT OR IGNORE INTO contact_web_roles (contact_id, web_role_id) VALUES (?, ?)');
const job = db.prepare(`INSERT INTO jobs (id, kind, payload, subject_id, run_at, attempts, state, created_at, updated_at)
  VALUES (?, 'bench.floor', ?, ?, ?, 0, 'done', ?, ?)`);
let redeemed = 0;

const sessionOf = (req: express.Request): { contactId?: string; csrfToken?: string } | null => {
  const raw = /(?:^|;\s*)invitedesk\.sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const value = raw ? decodeURIComponent(raw) : '';
  const match = /^s:([^.]+)\.(.+)$/.exec(value);
  if (!match) return null;
  const expected = Buffer.from(createHmac('sha256', sessionSecret).update(match[1]!).digest('base64').replace(/=+$/, ''));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const row = session.get(match[1]!, Date.now()) as { value: string } | undefined;
  return row ? JSON.parse(row.value) as { contactId?: string; csrfToken?: string } : null;
};

const app = express();
app.disable('x-powered-by');
app.get('/readyz', (_req, res) => { res.json({ ready: true }); });
// What the load asks once its customers are used up (as of the service): the run then stops.
app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
app.get('/count', (_req, res) => { res.json({ redeemed }); });
app.get('/redeem', (req, res) => {
  const found = invitation.get(vault.lookupKey(normaliseCode(typeof req.query.code === 'string' ? req.query.code : ''))) as { assign_to_account_id: string | null; web_role_ids: string } | undefined;
  if (!found) return res.status(404).type('text/plain').send('No such code');
  const given = names.all(found.assign_to_account_id, found.web_role_ids).map((row) => String(row.name).replace(/[<&"]/g, ''));
  const token = randomBytes(32).toString('hex');
  res.cookie('invitedesk.csrf', `${token}.${createHmac('sha256', sessionSecret).update(`csrf:${token}`).digest('base64url')}`, { httpOnly: true, sameSite: 'lax' });
  res.type('html').send(`<!doctype html><title>Redeem</title><ul>${given.map((name) => `<li>${name}</li>`).join('')}</ul><form method="post" action="/redeem/accept"><input type="hidden" name="_csrf" value="${token}"><button>Accept</button></form>`);
});
app.post('/redeem/accept', express.urlencoded({ extended: false, limit: '16kb' }), (req, res) => {
  const visitor = sessionOf(req);
  const body = req.body as Record<string, string>;
  const token = Buffer.from(String(body._csrf ?? ''));
  const expected = Buffer.from(visitor?.csrfToken ?? '');
  if (!visitor?.contactId || token.length === 0 || token.length !== expected.length || !timingSafeEqual(token, expected)) return res.status(403).type('text/plain').send('Forbidden');
  const found = invitation.get(vault.lookupKey(normaliseCode(String(body.code ?? '')))) as { id: string; assign_to_account_id: string | null; web_role_ids: string } | undefined;
  if (!found) return res.status(404).type('text/plain').send('No such code');
  const now = Date.now();
  const activityId = randomUUID();
  const roles = JSON.parse(found.web_role_ids) as string[];
  db.exec('BEGIN IMMEDIATE');
  try {
    if (Number(claim.run(now, found.id).changes) !== 1) throw new Error('used up');
    redeemer.run(found.id, visitor.contactId, activityId, now);
    activity.run(activityId, found.id, visitor.contactId, now, req.ip ?? null, String(req.headers['user-agent'] ?? '').slice(0, 500), found.assign_to_account_id, found.web_role_ids);
    account.run(found.assign_to_account_id, visitor.contactId);
    for (const roleId of roles) role.run(visitor.contactId, roleId);
    job.run(randomUUID(), JSON.stringify({ invitationId: found.id, contactId: visitor.contactId }), found.id, now, now, now);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    return res.status(409).type('text/plain').send((error as Error).message);
  }
  redeemed++;
  res.redirect(303, '/profile');
});
app.listen(Number(process.env.PORT));
