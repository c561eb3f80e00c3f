import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parseConfig } from '../src/config.ts';
import { configSchemaKeys } from './docs.test.ts';

/**
 * `.env.sample` is what a newcomer copies to `.env`: copied as it is it must work on any port, and
 * it must hold every setting, in the groups and order of docs/settings.md.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
/** Sections of docs/settings.md that are not the service's or the app package's: `.env` is not where they are set. */
const NOT_IN_SAMPLE = [/^Agents Playground/, /^Tests and benchmarks/];

type Group = { name: string; variables: string[] };

/**
 * The variables of each heading of docs/settings.md, from the first cell of its tables' rows. A
 * variable documented under two headings belongs to the first (`.env.sample` sets it once).
 */
export function settingsDocGroups(markdown: string): Group[] {
  const groups: Group[] = [];
  const seen = new Set<string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,3}\s+(.*?)\s*$/.exec(line)?.[1];
    if (heading !== undefined) groups.push({ name: heading, variables: [] });
    const firstCell = /^\|([^|]*)\|/.exec(line)?.[1];
    if (!firstCell || !groups.length) continue;
    for (const [, name] of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) {
      if (!seen.has(name!)) groups.at(-1)!.variables.push(name!);
      seen.add(name!);
    }
  }
  return groups.filter((group) => group.variables.length);
}

/** The variables of `.env.sample` (set or commented out) under each `# --- Group` line. */
export function sampleGroups(sample: string): Group[] {
  const groups: Group[] = [];
  for (const line of sample.split('\n')) {
    const header = /^# --- (.*?)\s*$/.exec(line)?.[1];
    if (header !== undefined) groups.push({ name: header, variables: [] });
    const variable = /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1];
    if (variable) {
      if (!groups.length) groups.push({ name: '(before any group)', variables: [] });
      groups.at(-1)!.variables.push(variable);
    }
  }
  return groups;
}

describe('.env.sample', () => {
  it('copied to .env as it is, links to the port the service listens on', () => {
    const copied = parseDotenv(read('.env.sample'));
    assert.equal(parseConfig(copied).publicBaseUrl, 'http://localhost:3978');
    const onAnotherPort = parseConfig({ ...copied, PORT: '4000' });
    assert.equal(onAnotherPort.publicBaseUrl, 'http://localhost:4000');
    assert.equal(onAnotherPort.mail.devMailbox, true, 'the dev mailbox stays on locally');
  });

  it('has every setting of the service and the app package, in the groups and order of docs/settings.md', () => {
    const documented = settingsDocGroups(read('docs/settings.md')).filter((group) => !NOT_IN_SAMPLE.some((pattern) => pattern.test(group.name)));
    assert.ok(documented.length >= 5, `only ${documented.length} groups read from docs/settings.md`);
    assert.deepEqual(sampleGroups(read('.env.sample')), documented);
    const inSample = new Set(documented.flatMap((group) => group.variables));
    assert.deepEqual(configSchemaKeys(read('src/config.ts')).filter((key) => !inSample.has(key)), [], 'settings of src/config.ts missing from .env.sample');
  });

  it('reads groups from both files, and tells a variable out of place', () => {
    const doc = '# Settings\n\n## The service\n\n### Server\n\n| variable | default |\n| --- | --- |\n| `PORT` | `3978` |\n| `BOT_ID`, `BOT_PASSWORD` | unset |\n\n## Tests\n\n| `CI` | x |\n| `PORT` | again |\n';
    assert.deepEqual(settingsDocGroups(doc), [{ name: 'Server', variables: ['PORT', 'BOT_ID', 'BOT_PASSWORD'] }, { name: 'Tests', variables: ['CI'] }]);
    assert.deepEqual(sampleGroups('# intro\n# --- Server\n# The port.\nPORT=3978\n# BOT_ID=x\nBOT_PASSWORD=\n'), [{ name: 'Server', variables: ['PORT', 'BOT_ID', 'BOT_PASSWORD'] }]);
    assert.deepEqual(sampleGroups('LOG_LEVEL=info\n# --- Server\nPORT=1\n'), [{ name: '(before any group)', variables: ['LOG_LEVEL'] }, { name: 'Server', variables: ['PORT'] }]);
  });
});
