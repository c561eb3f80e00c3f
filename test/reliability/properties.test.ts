import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { CODE_LENGTH, formatCode, maskCode, normaliseCode } from '../../src/domain/inviteCode.ts';
import type { Store } from '../../src/store/port.ts';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { seedDirectory, testServices, TEST_CODE_SECRET } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';
import { reliabilitySeed } from './fuzz/seed.ts';
import { browserNonce, confirmationToken, devMailWorker } from './support/mailedLinks.ts';

/**
 * Properties of the parts every entry point trusts: invitation codes, the code vault, and the
 * services' input checks. Any input either works or is refused with a DomainError (a stable `code`),
 * never a TypeError or another exception, and a refused input changes nothing in the store.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SEPARATORS = [' ', '-', '_', '.', '\t', '\u00a0', '\n', '  ', '--'];
const LOOKALIKE_OF: Record<string, string[]> = { '0': ['0', 'O', 'o'], '1': ['1', 'I', 'i', 'L', 'l'] };

const seed = reliabilitySeed(20260601, 'properties');
const runs = (numRuns: number) => ({ seed, numRuns });

const canonicalCode = fc.array(fc.constantFrom(...ALPHABET), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }).map((symbols) => symbols.join(''));

/** A way a person might type a canonical code: any case, separators anywhere, O/I/L for 0/1. */
const typedSpelling = (canonical: string) => fc.tuple(
  fc.array(fc.constantFrom(...SEPARATORS, '', '', ''), { minLength: CODE_LENGTH + 1, maxLength: CODE_LENGTH + 1 }),
  fc.array(fc.boolean(), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }),
  fc.array(fc.nat(4), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }),
).map(([separators, lower, lookalike]) => {
  let typed = separators[0]!;
  [...canonical].forEach((symbol, i) => {
    const choices = LOOKALIKE_OF[symbol];
    let ch = choices ? choices[lookalike[i]! % choices.length]! : symbol;
    if (lower[i]) ch = ch.toLowerCase();
    typed += ch + separators[i + 1]!;
  });
  return typed;
}).filter((typed) => typed.length <= 64);

const spelledCode = canonicalCode.chain((canonical) => typedSpelling(canonical).map((typed) => ({ canonical, typed })));

function refusedAsMalformed(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.code, 'code_malformed');
    return;
  }
  assert.fail('expected a refusal');
}

describe('reliability: properties of codes, the vault and service inputs', function () {
  this.timeout(120_000);

  describe('invitation codes', () => {
    it('round-trip: format then normalise gives the canonical code back, and normalising is idempotent', () => {
      fc.assert(fc.property(canonicalCode, (canonical) => {
        const formatted = formatCode(canonical);
        assert.match(formatted, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
        assert.equal(normaliseCode(formatted), canonical);
        assert.equal(normaliseCode(normaliseCode(formatted)), canonical);
        assert.equal(maskCode(formatted), `••••-••••-••••-${canonical.slice(-4)}`);
      }), runs(500));
    });

    it('forgive case, any separators (tabs, no-break spaces, dots, underscores) and O/I/L look-alikes', () => {
      fc.assert(fc.property(spelledCode, ({ canonical, typed }) => {
        assert.equal(normaliseCode(typed), canonical, JSON.stringify(typed));
      }), runs(1000));
    });

    it('any string parses to a canonical code or is refused with code_malformed, never another exception', () => {
      const anyText = fc.oneof(
        fc.string({ maxLength: 80, unit: 'binary' }),
        fc.string({ maxLength: 70, unit: fc.constantFrom(...ALPHABET, ...'oilOILuU!#ß€😀\u0000\u200b', ...SEPARATORS) }),
        spelledCode.map(({ typed }) => typed),
        fc.string({ minLength: 60, maxLength: 5000 }),
      );
      fc.assert(fc.property(anyText, (text) => {
        let canonical: string;
        try {
          canonical = normaliseCode(text);
        } catch (error) {
          assert.ok(error instanceof DomainError, `not a DomainError for ${JSON.stringify(text)}: ${String(error)}`);
          assert.equal(error.code, 'code_malformed');
          return;
        }
        assert.equal(canonical.length, CODE_LENGTH);
        for (const symbol of canonical) assert.ok(ALPHABET.includes(symbol), JSON.stringify(text));
        assert.equal(normaliseCode(formatCode(canonical)), canonical);
      }), runs(3000));
    });

    it('a value that is not a string at all is refused as malformed', () => {
      fc.assert(fc.property(fc.anything().filter((value) => typeof value !== 'string'), (value) => {
        refusedAsMalformed(() => normaliseCode(value as string));
      }), runs(300));
    });

    it('one symbol dropped, added or replaced by a character outside the alphabet is refused', () => {
      const outside = fc.constantFrom(...'UuÜ!@#$%^&*+=/?<>[]{}|~`\'"Ææ€😀\u0000');
      fc.assert(fc.property(canonicalCode, fc.nat(CODE_LENGTH - 1), outside, fc.constantFrom(...ALPHABET), (canonical, at, bad, extra) => {
        refusedAsMalformed(() => normaliseCode(canonical.slice(0, at) + canonical.slice(at + 1)));
        refusedAsMalformed(() => normaliseCode(canonical.slice(0, at) + extra + canonical.slice(at)));
        refusedAsMalformed(() => normaliseCode(canonical.slice(0, at) + bad + canonical.slice(at + 1)));
      }), runs(500));
    });
  });

  describe('the code vault', () => {
    const vault = createCodeVault(TEST_CODE_SECRET);
    const other = createCodeVault(`${TEST_CODE_SECRET}-other`);

    it('opens what it sealed (from any spelling) to the canonical code; another secret cannot', () => {
      fc.assert(fc.property(spelledCode, ({ canonical, typed }) => {
        const sealed = vault.seal(typed);
        assert.equal(vault.open(sealed), canonical);
        assert.ok(!sealed.includes(canonical));
        assert.throws(() => other.open(sealed));
      }), runs(300));
    });

    it('gives one stable lookup key for every spelling of a code, and different keys for different codes', () => {
      fc.assert(fc.property(spelledCode, canonicalCode, ({ canonical, typed }, another) => {
        const key = vault.lookupKey(canonical);
        assert.match(key, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(vault.lookupKey(typed), key);
        assert.equal(vault.lookupKey(formatCode(canonical).toLowerCase()), key);
        if (another !== canonical) assert.notEqual(vault.lookupKey(another), key);
        assert.notEqual(other.lookupKey(canonical), key);
      }), runs(500));
    });

    it('refuses a tampered sealed value: any changed character opens to the same code or is refused, never to another', () => {
      fc.assert(fc.property(canonicalCode, fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!'), (canonical, position, replacement) => {
        const sealed = vault.seal(canonical);
        const at = position % sealed.length;
        fc.pre(sealed[at] !== replacement);
        const tampered = sealed.slice(0, at) + replacement + sealed.slice(at + 1);
        let opened: string | undefined;
        try {
          opened = vault.open(tampered);
        } catch {
          return;
        }
        // Base64url's last character of a part can carry unused bits: the same bytes, the same code.
        assert.equal(opened, canonical, `tampered value ${tampered} opened to something else`);
      }), runs(1000));
    });

    it('refuses a sealed value whose authentication tag was cut short (no truncated GCM tags)', () => {
      fc.assert(fc.property(canonicalCode, fc.integer({ min: 0, max: 15 }), (canonical, keep) => {
        const [version, iv, body, tag] = vault.seal(canonical).split('.');
        const short = Buffer.from(tag!, 'base64url').subarray(0, keep).toString('base64url');
        assert.throws(() => vault.open([version, iv, body, short].join('.')));
      }), runs(200));
    });

    it('refuses garbage in place of a sealed value', () => {
      fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.base64String({ maxLength: 40 }), { maxLength: 5 }).map((parts) => ['v1', ...parts].join('.'))), (text) => {
        let opened: string | undefined;
        try {
          opened = vault.open(text);
        } catch {
          return;
        }
        assert.fail(`garbage ${JSON.stringify(text)} opened to ${JSON.stringify(opened)}`);
      }), runs(500));
    });
  });

  describe('service inputs', () => {
    const dir = tempDir('invite-desk-properties-');
    let store: Store;
    let reader: DatabaseSync;
    let services: ReturnType<typeof testServices>['services'];
    let seeded: Awaited<ReturnType<typeof seedDirectory>>;
    const realCodes: string[] = [];

    before(async () => {
      const file = join(dir.path, 'invite-desk.sqlite');
      store = createSqliteStore(file);
      const { services: made, context } = testServices(store);
      services = made;
      seeded = await seedDirectory(services, 3, 'prop');
      for (const contact of seeded.contacts.slice(0, 2)) {
        realCodes.push((await services.invitations.create('cli', { type: 'single', invitedContactIds: [contact.id] })).code);
      }
      realCodes.push((await services.invitations.create('cli', { type: 'group', invitedContactIds: [seeded.contacts[2]!.id], maxRedemptions: 1_000_000 })).code);
      // A known address with a password, made as a visitor makes one: register, then follow the mailed link.
      const nonce = browserNonce('known');
      await services.customers.register({ email: 'known@example.com', firstName: 'Known', lastName: 'Person', password: 'correct horse battery', confirm: 'correct horse battery', sessionNonce: nonce });
      const worker = devMailWorker(context);
      await services.customers.confirmEmail(await confirmationToken(store, () => worker.drain(), 'known@example.com'), { sessionNonce: nonce });
      reader = new DatabaseSync(file, { readOnly: true });
    });
    after(async () => {
      reader?.close();
      await store?.close();
      dir.remove();
    });

    /** Every table's rows, hashed: equal fingerprints mean nothing in the store changed. */
    function fingerprint(): Record<string, string> {
      const tables = reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
      return Object.fromEntries(tables.map(({ name }) => {
        const rows = reader.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row)).sort();
        return [name, `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`];
      }));
    }

    /** The call works, or it is refused with a DomainError and the store is as it was. */
    async function worksOrRefusedCleanly(label: string, call: () => Promise<unknown>, input: unknown): Promise<'ok' | 'refused'> {
      const before = fingerprint();
      try {
        await call();
        return 'ok';
      } catch (error) {
        if (!(error instanceof DomainError)) {
          throw new Error(`${label} threw ${(error as Error)?.constructor?.name ?? typeof error} "${(error as Error)?.message}" for ${describeInput(input)}`, { cause: error });
        }
        assert.equal(typeof error.code, 'string');
        assert.ok(error.status >= 400 && error.status < 500, `${label}: status ${error.status}`);
        assert.deepEqual(fingerprint(), before, `${label} was refused (${error.code}) but changed the store, for ${describeInput(input)}`);
        return 'refused';
      }
    }

    // Hostile values: anything JSON-ish, wrong types, huge and odd strings, prototype keys.
    const hugeString = fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n));
    const oddString = fc.oneof(
      fc.string({ maxLength: 300, unit: 'binary' }),
      fc.constantFrom('', ' ', '\u0000', '\r\nBcc: evil@example.com', '__proto__', 'constructor', 'toString', '{"$ne":null}', '$where', 'a'.repeat(255), '\ud800', '😀'.repeat(60)),
      hugeString,
    );
    const protoObject = fc.constantFrom(
      '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"toString":1,"valueOf":2}', '{"$ne":null}', '{"$gt":""}', '{"length":5}',
    ).map((json) => JSON.parse(json) as unknown);
    const hostile: fc.Arbitrary<unknown> = fc.oneof(
      { weight: 3, arbitrary: fc.anything({ maxDepth: 2, withBoxedValues: true, withNullPrototype: true, withObjectString: true, withSparseArray: true }) },
      { weight: 3, arbitrary: oddString },
      { weight: 2, arbitrary: protoObject },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined, 0, -1, NaN, Infinity, true, [], {}, [''], new Date(Number.NaN), new Date('2999-01-01')) },
    );
    /** An object with the expected keys (each maybe missing, maybe sensible, maybe hostile), plus prototype keys. */
    const shaped = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.tuple(
      fc.record(Object.fromEntries(Object.entries(fields).map(([key, sensible]) => [key, fc.oneof(sensible, hostile)])), { requiredKeys: [] }),
      fc.boolean(),
      protoObject,
    ).map(([record, withProto, extra]) => {
      if (!withProto || typeof extra !== 'object' || extra === null) return record;
      return { ...JSON.parse(JSON.stringify(extra)) as object, ...record };
    });
    const inputOf = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.oneof({ weight: 4, arbitrary: shaped(fields) }, { weight: 1, arbitrary: hostile });
    /**
     * As the site calls a service that may mail a confirmation link: an object input carries the
     * browser session's nonce (the site makes it; a missing one is the caller's bug, not the visitor's).
     */
    const fromBrowser = (input: fc.Arbitrary<unknown>) => fc.tuple(input, fc.base64String({ minLength: 16, maxLength: 64 })).map(([value, sessionNonce]) =>
      (typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, sessionNonce } : value));

    const email = fc.oneof(fc.emailAddress(), fc.constantFrom('prop1@example.com', 'known@example.com', 'KNOWN@example.com '));
    const name = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Ada', 'Contoso Ltd', 'Customer'));
    const password = fc.constantFrom('correct horse battery', 'short', 'password123', 'a long enough passphrase here');
    // Real codes exist only once `before` ran: pick them lazily.
    const realCode = fc.nat(100).map((i) => realCodes[i % realCodes.length]!);
    const code = () => fc.oneof(realCode, realCode.map((c) => c.toLowerCase().replace(/-/g, ' ')), fc.string({ maxLength: 20 }));

    const check = (label: string, arbitrary: fc.Arbitrary<unknown>, call: (input: any) => Promise<unknown>, numRuns: number, options: { someWork?: boolean } = {}) =>
      it(`${label}: works or refuses with a DomainError, changing nothing when refused`, async () => {
        const outcomes = { ok: 0, refused: 0 };
        await fc.assert(fc.asyncProperty(arbitrary, async (input) => {
          outcomes[await worksOrRefusedCleanly(label, () => call(input), input)]++;
        }), runs(numRuns));
        assert.ok(outcomes.refused > 0, `${label}: nothing was refused (${JSON.stringify(outcomes)})`);
        if (options.someWork) assert.ok(outcomes.ok > 0, `${label}: nothing worked (${JSON.stringify(outcomes)})`);
      });

    check('contacts.add', inputOf({ firstName: name, lastName: name, primaryEmail: email, secondaryEmail: email, alternateEmail: email, account: fc.constantFrom('Contoso Ltd', 'Nobody Inc') }),
      (input) => services.contacts.add(input), 300);
    check('contacts.import', fc.oneof(fc.array(inputOf({ firstName: name, primaryEmail: email }), { maxLength: 4 }), hostile),
      (input) => services.contacts.import(input), 150);
    check('contacts.list', fc.tuple(inputOf({ search: name }), inputOf({ limit: fc.integer({ min: -5, max: 200 }), after: fc.string() })),
      ([filter, page]) => services.contacts.list(filter, page), 200);
    check('accounts.add', fc.oneof(name, hostile), (input) => services.accounts.add(input), 300);
    check('webRoles.add', fc.oneof(name, hostile), (input) => services.webRoles.add(input), 150);
    check('accounts.list', inputOf({ limit: fc.integer({ min: -5, max: 200 }), after: fc.string() }), (input) => services.accounts.list(input), 150);
    check('invitations.create', inputOf({
      name, type: fc.constantFrom('single', 'group'), invitedContactIds: fc.constant(null).map(() => [seeded.contacts[0]!.id]),
      maxRedemptions: fc.integer({ min: -1, max: 2_000_000 }), expiresAt: fc.date(), locale: fc.constantFrom('en', 'da', 'xx'),
      redirectUrl: fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)')), workflow: fc.constantFrom('crm-sync', 'nope'),
      webRoleIds: fc.constant(null).map(() => [seeded.roles[0]!.id]), requiresApproval: fc.boolean(),
    }), (input) => services.invitations.create('cli', input), 300);
    check('invitations.list', fc.tuple(inputOf({ status: fc.constantFrom('sent', 'redeemed', 'nope'), contact: email, ownerId: name, search: name }), inputOf({ limit: fc.integer({ min: -5, max: 200 }) })),
      ([filter, page]) => services.invitations.list('cli', filter, page), 200);
    check('customers.signIn', fc.tuple(fc.oneof(email, hostile), fc.oneof(password, hostile)),
      ([address, secret]) => services.customers.signIn(address, secret), 30);
    // Besides hostile input, a share of forms a visitor could really send (the same password twice), so
    // that the paths past the checks (a mailed link; a single invitation redeemed at once) run too.
    const signUp = { email, firstName: name, lastName: name, password, locale: fc.constantFrom('en', 'da', 'xx') };
    const wellFormed = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields).map((form) => ({ ...form, confirm: form.password }));
    check('customers.registerAndRedeem', fromBrowser(fc.oneof(
      { weight: 2, arbitrary: inputOf({ code: code(), email, firstName: name, lastName: name, password, confirm: password, ip: fc.string(), userAgent: fc.string(), locale: name, redirect: name }) },
      { weight: 1, arbitrary: wellFormed({ ...signUp, code: code(), redirect: fc.constantFrom('', '/profile', 'https://evil.example.com/') }) },
    )), (input) => services.customers.registerAndRedeem(input), 80, { someWork: true });
    check('customers.register', fromBrowser(fc.oneof(
      { weight: 2, arbitrary: inputOf({ email, firstName: name, lastName: name, password, confirm: password, locale: name }) },
      { weight: 1, arbitrary: wellFormed(signUp) },
    )), (input) => services.customers.register(input), 60, { someWork: true });
    // The token comes from the link's query string; the rest the site supplies from its session.
    check('customers.confirmEmail', fc.tuple(fc.oneof(fc.string(), fc.base64String({ maxLength: 64 }), hostile), fc.oneof(fc.constant(null), fc.base64String({ minLength: 16, maxLength: 64 })), password),
      ([token, sessionNonce, secret]) => services.customers.confirmEmail(token, { sessionNonce, password: secret, confirm: secret }), 150);
    check('customers.invitationSummary', fc.oneof(code(), hostile), (input) => services.customers.invitationSummary(input), 300);
    check('customers.redeemAs', fc.tuple(fc.oneof(fc.constant(null).map(() => seeded.contacts[2]!), hostile, hostile.map((id) => ({ id }))), fc.oneof(code(), hostile)),
      ([visitor, input]) => services.customers.redeemAs(visitor as never, { code: input }, {}), 200);
    check('customers.redeemAs (what names the invitation)', fc.oneof(hostile, inputOf({ code: fc.oneof(code(), hostile), invitationId: hostile })),
      (pending) => services.customers.redeemAs(seeded.contacts[2]!, pending as never, {}), 200);
    check('customers.resetPassword', fc.tuple(fc.oneof(fc.string(), hostile), fc.oneof(password, hostile), fc.oneof(password, hostile)),
      ([token, secret, confirm]) => services.customers.resetPassword(token, secret, confirm), 150);
    check('templates.save', fc.tuple(fc.oneof(fc.constantFrom('invitation', 'password-reset', 'nope'), hostile), fc.oneof(fc.constantFrom('en', 'da'), hostile),
      inputOf({ subject: fc.constantFrom('Hello {{contact.name}}', '{{{raw}}}', 'Hi\r\nBcc: evil@example.com'), html: fc.constantFrom('<a href="{{redeemUrl}}">go</a>', '{{#if}}'), text: fc.constantFrom('{{redeemUrl}}', '{{nope}}') })),
    ([templateName, locale, parts]) => services.templates.save('cli', templateName, locale, parts), 300);
    check('templates.preview', fc.tuple(fc.oneof(fc.constantFrom('invitation', 'redemption-confirmation'), hostile), fc.oneof(fc.constantFrom('en', 'da'), hostile),
      fc.oneof(fc.constant(undefined), inputOf({ subject: name, html: name, text: name }))),
    ([templateName, locale, parts]) => services.templates.preview('cli', templateName, locale, parts), 300);
    check('workflows.add', inputOf({ name: fc.constantFrom('crm', 'crm-sync', 'bad/name'), url: fc.oneof(fc.webUrl(), fc.constantFrom('http://localhost:1/x', 'ftp://x', 'http://example.com')) }),
      (input) => services.workflows.add('cli', input), 300);
    check('staff.save', inputOf({ id: fc.oneof(fc.uuid(), fc.string()), displayName: name, roles: fc.array(fc.constantFrom('admin', 'inviter', 'boss')) }),
      (input) => services.staff.save('cli', input), 300);

    it('no prototype was polluted on the way', () => {
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    });
  });
});

function describeInput(input: unknown): string {
  try {
    const text = JSON.stringify(input, (_key, value: unknown) => (typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…(${value.length})` : value));
    return text === undefined ? String(input) : text;
  } catch {
    return String(input);
  }
}
