import assert from 'node:assert/strict';
import { renderParts } from '../../src/mail/templateEngine.ts';
import { mailTestbed } from '../support/mailTestbed.ts';

/**
 * Mail templates are written by admins (CLI and bot, through the one template service) and filled
 * with what customers typed. No template may put a value into the HTML part unescaped.
 */
describe('mail templates: no raw output', () => {
  let t: ReturnType<typeof mailTestbed>;
  beforeEach(() => { t = mailTestbed(); });
  afterEach(() => t.store.close());

  const good = { subject: 'Hi {{contact.firstName}}', html: '<a href="{{redeemUrl}}">go</a>', text: '{{redeemUrl}}' };
  const saveProblems = async (parts: { subject: string; html: string; text: string }) => {
    try {
      await t.services.templates.save('cli', 'invitation', 'en', parts);
    } catch (error) {
      return (error as { problems?: { field: string; message: string }[] }).problems?.map((p) => `${p.field}: ${p.message}`) ?? [String(error)];
    }
    return [];
  };

  const EVASIONS: [string, string][] = [
    ['triple-stash', '{{{contact.name}}}'],
    ['triple-stash with whitespace control', '{{~{contact.name}~}}'],
    ['triple-stash with whitespace control on one side', '{{{contact.name}~}}'],
    ['ampersand', '{{& contact.name}}'],
    ['ampersand with whitespace control', '{{~& contact.name}}'],
    ['ampersand with whitespace control and no space', '{{~&contact.name~}}'],
    ['raw block', '{{{{raw}}}}{{contact.name}}{{{{/raw}}}}'],
    ['partial', '{{> header}}'],
    ['partial with whitespace control', '{{~> header}}'],
    ['dynamic partial', '{{> (lookup . "x")}}'],
    ['partial block', '{{#> layout}}x{{/layout}}'],
    ['inline partial', '{{#*inline "x"}}{{contact.name}}{{/inline}}{{> x}}'],
    ['decorator', '{{* anything}}'],
    ['triple-stash inside a block', '{{#if contact}}{{{contact.name}}}{{/if}}'],
    ['triple-stash inside an each', '{{#each webRoles}}{{{this}}}{{/each}}'],
    ['triple-stash in the else branch', '{{#if organisation}}x{{else}}{{{contact.name}}}{{/if}}'],
  ];

  for (const [what, source] of EVASIONS) {
    for (const part of ['html', 'text', 'subject'] as const) {
      it(`refuses ${what} (${source}) in the ${part} part, whoever saves it`, async () => {
        const parts = { ...good, [part]: part === 'subject' ? `Hi ${source}` : `${good[part]} ${source}` };
        const problems = await saveProblems(parts);
        assert.ok(problems.some((p) => p.startsWith(`${part}: `)), `${source} was accepted: ${JSON.stringify(problems)}`);
        assert.equal((await t.services.templates.list('cli')).filter((e) => e.custom).length, 0, 'nothing was saved');
        await assert.rejects(t.services.templates.preview('cli', 'invitation', 'en', parts), 'preview refuses it too');
      });
    }
  }

  it('says what raw output is and how to write it instead', async () => {
    assert.deepEqual(await saveProblems({ ...good, html: '<p>{{~{contact.name}~}}</p>' }), [
      'html: uses raw output ({{{ }}} or {{& }}); values are always escaped, use {{ }}',
    ]);
    assert.deepEqual(await saveProblems({ ...good, html: '<p>{{> header}}</p>' }), [
      'html: uses a partial ({{> }}); templates cannot include other templates, except the mail layout as {{#> mailLayout}}…{{/mailLayout}} in the html and text parts',
    ]);
  });

  it('accepts what only looks like raw output: comments, escaped mustaches and text', async () => {
    for (const html of [
      '<a href="{{redeemUrl}}">go</a>{{!-- {{{contact.name}}} --}}',
      '<a href="{{redeemUrl}}">go</a>{{! {{& contact.name}} }}',
      '<a href="{{redeemUrl}}">go</a> \\{{{contact.name}}}',
      '<a href="{{redeemUrl}}">go</a> {{~contact.name~}} {{#if organisation}}{{organisation}}{{/if}} {{#each webRoles}}{{this}}{{/each}}',
    ]) {
      assert.deepEqual(await saveProblems({ ...good, html }), [], html);
    }
  });

  it('lets the html and text parts use the shipped mail layout by name, and nothing else of it', async () => {
    const html = `{{#> mailLayout}}${good.html}{{/mailLayout}}`;
    const text = `{{#> mailLayout}}${good.text}{{/mailLayout}}`;
    assert.deepEqual(await saveProblems({ ...good, html, text }), []);
    const preview = await t.services.templates.preview('cli', 'invitation', 'da', { ...good, html, text });
    assert.match(preview.html, /^<!doctype html>\n<html lang="da">/);
    assert.match(preview.text, /Denne e-mail er sendt af Contoso/);
    for (const [part, source] of [
      ['subject', '{{#> mailLayout}}Hi{{/mailLayout}}'],
      ['html', `{{#> mailLayout brand=contact}}${good.html}{{/mailLayout}}`],
      ['html', `{{#> mailLayout contact}}${good.html}{{/mailLayout}}`],
      ['html', `{{> mailLayout}}${good.html}`],
      ['html', `{{#> mailLayout}}{{> @partial-block}}${good.html}{{/mailLayout}}`],
      ['text', `{{#> mailLayout}}{{> header}}${good.text}{{/mailLayout}}`],
    ] as const) {
      const problems = await saveProblems({ ...good, [part]: source });
      assert.ok(problems.some((p) => p.startsWith(`${part}: uses a partial`)), `${source} in ${part} was accepted: ${JSON.stringify(problems)}`);
    }
  });

  it('renders every value of the HTML part escaped even if a raw template reached the store', async () => {
    const hostile = await t.services.contacts.add({ firstName: '<script>alert(1)</script>', lastName: 'X', primaryEmail: 'hostile@example.com' });
    await t.store.templates.put({
      name: 'invitation', locale: 'en', subject: 'Hi', html: '<p>{{~{contact.firstName}~}} {{& contact.lastName}} <a href="{{redeemUrl}}">go</a></p>', text: '{{redeemUrl}}',
      updatedBy: 'cli', updatedAt: t.clock(),
    });
    await t.services.invitations.create('cli', { type: 'single', invitedContactIds: [hostile.id] });
    await t.worker.drain();
    const [mail] = (await t.store.devMail.list({ limit: 10 })).items;
    assert.ok(mail, 'the mail was sent');
    assert.ok(!mail.html.includes('<script>'), mail.html);
    assert.ok(mail.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;X'), mail.html);
  });

  it('never renders a partial or raw value in HTML, whatever the engine is given', () => {
    const data = { x: '<b>', contact: { name: 'A' } };
    assert.equal(renderParts({ subject: 's', html: '{{{x}}}|{{& x}}|{{~{x}~}}', text: 't' }, data).html, '&lt;b&gt;|&lt;b&gt;|&lt;b&gt;');
    assert.throws(() => renderParts({ subject: 's', html: '{{#*inline "p"}}{{{x}}}{{/inline}}{{> p}}', text: 't' }, data));
    assert.throws(() => renderParts({ subject: 's', html: '{{{{raw}}}}<b>{{{{/raw}}}}', text: 't' }, data));
    assert.equal(renderParts({ subject: 's', html: 'h', text: '{{{x}}}' }, data).text, '<b>', 'the text part is plain text, not HTML');
  });
});
