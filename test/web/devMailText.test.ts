import assert from 'node:assert/strict';
import { linkedText } from '../../web/devMail.ts';

describe('dev mailbox: text with clickable links', () => {
  it('links each http(s) address, leaves trailing punctuation out and escapes the rest', () => {
    assert.equal(linkedText('Go to https://x.example/redeem?code=A&b=1. <b>"Hi"</b>'),
      'Go to <a href="https://x.example/redeem?code=A&amp;b=1">https://x.example/redeem?code=A&amp;b=1</a>. &lt;b&gt;&quot;Hi&quot;&lt;/b&gt;');
    assert.equal(linkedText('javascript:alert(1) and "https://a.example/"onmouseover="x'),
      'javascript:alert(1) and &quot;<a href="https://a.example/">https://a.example/</a>&quot;onmouseover=&quot;x');
  });
});
