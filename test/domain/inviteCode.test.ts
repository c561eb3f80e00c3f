import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CODE_LENGTH, formatCode, generateCode, maskCode, normaliseCode } from '../../src/domain/inviteCode.ts';

describe('invitation codes', () => {
  it('are 16 Crockford base32 symbols in four groups', () => {
    for (let i = 0; i < 200; i++) assert.match(generateCode(), /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('carry 80 random bits: every byte of randomness changes the code', () => {
    const zero = generateCode(() => Buffer.alloc(10));
    assert.equal(zero, '0000-0000-0000-0000');
    assert.equal(generateCode(() => Buffer.alloc(10, 0xff)), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const seen = new Set<string>();
    for (let byte = 0; byte < 10; byte++) {
      const bytes = Buffer.alloc(10);
      bytes[byte] = 1;
      seen.add(generateCode(() => bytes));
    }
    assert.equal(seen.size, 10);
  });

  it('are accepted regardless of case, spaces, dashes and O/I/L typed for 0/1', () => {
    assert.equal(normaliseCode('7kqm 2hxv-9tdr 4wpc'), '7KQM2HXV9TDR4WPC');
    assert.equal(normaliseCode(' 1O1O-IL00-0000-0000 '), '1010110000000000');
    assert.equal(normaliseCode('7KQM-2HXV-9TDR-4WPC'), '7KQM2HXV9TDR4WPC');
  });

  it('refuse anything that cannot be a code with a message that says what one looks like', () => {
    for (const bad of ['', '7KQM-2HXV-9TDR', '7KQM-2HXV-9TDR-4WPC-1', 'UUUU-UUUU-UUUU-UUUU', '7KQM-2HXV-9TDR-4WP!', 'x'.repeat(1000)]) {
      assert.throws(() => normaliseCode(bad), { code: 'code_malformed', message: /16 letters and digits/ }, bad);
    }
  });

  it('survive any retyping a person might do (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.array(fc.constantFrom(' ', '-', ''), { minLength: 16, maxLength: 16 }), fc.boolean(), (bytes, separators, lower) => {
      const code = generateCode(() => Buffer.from(bytes));
      const canonical = code.replace(/-/g, '');
      let typed = [...canonical].map((ch, i) => ch + separators[i]).join('').replace(/0/g, 'O').replace(/1/g, 'l');
      if (lower) typed = typed.toLowerCase();
      assert.equal(normaliseCode(typed), canonical);
      assert.equal(formatCode(normaliseCode(typed)), code);
    }));
  });

  it('never accept a string that normalises to something other than 16 alphabet symbols (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => {
      try {
        const canonical = normaliseCode(text);
        assert.equal(canonical.length, CODE_LENGTH);
        assert.match(canonical, /^[0-9A-HJKMNP-TV-Z]+$/);
      } catch (error) {
        assert.equal((error as { code: string }).code, 'code_malformed');
      }
    }));
  });

  it('are masked to their last group for display', () => {
    assert.equal(maskCode('7kqm-2hxv-9tdr-4wpc'), '••••-••••-••••-4WPC');
  });
});
