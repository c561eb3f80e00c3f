import assert from 'node:assert/strict';
import { contrastRatio, parseHexColour, WCAG_AA_TEXT } from '../../src/domain/contrast.ts';

describe('colour contrast (WCAG 2.x)', () => {
  it('reads #rgb and #rrggbb colours, and nothing else', () => {
    assert.equal(parseHexColour('#0B57A4'), '#0b57a4');
    assert.equal(parseHexColour(' #abc '), '#aabbcc');
    for (const text of ['0b57a4', '#0b57a', 'red', '#0b57a4;background:url(x)', 'rgb(0,0,0)']) assert.equal(parseHexColour(text), null, text);
  });

  it('gives the ratio WCAG defines: 21:1 black on white, 1:1 a colour on itself', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#777777', '#777777'), 1);
    // #767676 is the lightest grey that passes AA on white; #777777 just fails.
    assert.ok(contrastRatio('#767676', '#ffffff') >= WCAG_AA_TEXT);
    assert.ok(contrastRatio('#777777', '#ffffff') < WCAG_AA_TEXT);
    assert.equal(contrastRatio('#ffffff', '#000000'), contrastRatio('#000000', '#ffffff'));
  });
});
