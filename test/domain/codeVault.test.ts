import assert from 'node:assert/strict';
import { createCodeVault } from '../../src/domain/codeVault.ts';
import { generateCode } from '../../src/domain/inviteCode.ts';

describe('code vault', () => {
  const vault = createCodeVault('a'.repeat(40));

  it('gives the same lookup key for every spelling of a code, and a different one under another secret', () => {
    const code = generateCode();
    assert.equal(vault.lookupKey(code), vault.lookupKey(code.toLowerCase().replace(/-/g, ' ')));
    assert.notEqual(createCodeVault('b'.repeat(40)).lookupKey(code), vault.lookupKey(code));
    assert.notEqual(vault.lookupKey(generateCode()), vault.lookupKey(code));
  });

  it('seals a code so that only the same secret opens it, and tampering is detected', () => {
    const code = generateCode();
    const sealed = vault.seal(code);
    assert.equal(vault.open(sealed), code.replace(/-/g, ''));
    assert.notEqual(vault.seal(code), sealed, 'each seal uses a fresh nonce');
    assert.throws(() => createCodeVault('b'.repeat(40)).open(sealed));
    const [version, iv, body, tag] = sealed.split('.');
    const flipped = body!.startsWith('A') ? `B${body!.slice(1)}` : `A${body!.slice(1)}`;
    assert.throws(() => vault.open([version, iv, flipped, tag].join('.')));
    assert.ok(!sealed.includes(code.replace(/-/g, '')));
  });

  it('refuses a short secret', () => {
    assert.throws(() => createCodeVault('short'), /at least 32/);
  });
});
