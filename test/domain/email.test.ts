import assert from 'node:assert/strict';
import { isEmail, normaliseEmail } from '../../src/domain/email.ts';

describe('e-mail addresses', () => {
  it('accepts plain addresses and compares them case-insensitively', () => {
    for (const address of ['grace@example.com', 'Grace.Hopper+portal@Mail.Example.co.uk', "o'brien@example.ie", 'a@b-c.io']) assert.ok(isEmail(address), address);
    assert.equal(normaliseEmail('  Grace@Example.COM '), 'grace@example.com');
  });

  it('refuses what would make a second address for one mailbox, or fold into someone else\'s', () => {
    for (const address of [
      'Kirk@example.com'.replace('K', '\u212A'), // the Kelvin sign lower-cases to "k"
      'gr\u200Bace@example.com', // an invisible zero-width space
      'grace@example.com.', // a trailing dot
      'grace@exаmple.com', // a Cyrillic "а"
      'grace..hopper@example.com', '.grace@example.com', 'grace@-example.com', 'grace@example', 'grace@example.c0m',
      'grace@@example.com', 'grace hopper@example.com', '<grace@example.com>', '', '@example.com',
    ]) assert.equal(isEmail(address), false, JSON.stringify(address));
    assert.equal(normaliseEmail('\u212Airk@example.com'), '\u212Airk@example.com', 'nothing outside ASCII is folded into ASCII');
  });
});
