import assert from 'node:assert/strict';
import { localDateTime, utcMinute } from '../../src/domain/dateText.ts';

describe('dates as people read them', () => {
  const late = new Date('2026-06-08T23:30:00+02:00');

  it('shows the bot a UTC minute, whatever the time zone of the process', () => {
    assert.equal(utcMinute(late), '2026-06-08 21:30 UTC');
  });

  it('shows the site and mail a long date in the reader\'s language, in UTC', () => {
    assert.equal(localDateTime(late, 'en'), '8 June 2026 at 21:30 UTC');
    assert.match(localDateTime(late, 'da'), /^8\. juni 2026 .*21[.:]30 UTC$/);
  });
});
