import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.ts';
import { REPO_ROOT } from '../../testkit/repoRoot.ts';
import { dotenvBlock } from './productionInstall.ts';

const deploySettings = () => dotenvBlock(readFileSync(join(REPO_ROOT, 'docs/deploy.md'), 'utf8'));

const without = (settings: Record<string, string>, prefixes: string[]) =>
  Object.fromEntries(Object.entries(settings).filter(([name]) => !prefixes.some((prefix) => name.startsWith(prefix))));

describe('docs/deploy.md: the production settings and the site and bot apart', () => {
  it('are accepted as a production configuration, one process serving everything', () => {
    const config = parseConfig(deploySettings());
    assert.equal(config.env, 'production');
    assert.deepEqual([config.site.enabled, config.bot.enabled, config.jobs.enabled, config.mail.devMailbox], [true, true, true, false]);
  });

  it('run the site alone without bot or Graph settings, and the bot with the job worker without the site', () => {
    const site = parseConfig({ ...without(deploySettings(), ['BOT_', 'GRAPH_', 'MAIL_SENDER']), BOT_ENABLED: 'false', JOBS_ENABLED: 'false' });
    assert.deepEqual([site.site.enabled, site.bot.enabled, site.jobs.enabled], [true, false, false]);
    const bot = parseConfig({ ...deploySettings(), SITE_ENABLED: 'false' });
    assert.deepEqual([bot.site.enabled, bot.bot.enabled, bot.jobs.enabled], [false, true, true]);
    assert.throws(() => parseConfig({ ...without(deploySettings(), ['BOT_']), JOBS_ENABLED: 'false' }), /BOT_ID, BOT_PASSWORD: are required when NODE_ENV=production/);
  });
});
