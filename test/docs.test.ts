import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * What the README promises a newcomer, read from the files (no network): every relative link in
 * README.md and docs/*.md leads to a file (and a heading, for `#anchor` links), every doc can be
 * reached from the README, every setting of the service is documented, and the two commands that
 * CI and reviewers rely on are there as written.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const README = 'README.md';
const SETTINGS_DOC = 'docs/settings.md';
const COMMANDS = ['npm install && npm start', 'npm install && npm test'];
/** "Fits on a few screens." */
const README_MAX_BYTES = 8 * 1024;

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** The text outside fenced code blocks, with inline code spans blanked: what Markdown renders as prose. */
export function prose(markdown: string): string {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) fence = marker[0]!.repeat(marker.length);
    else if (fence !== null && marker?.startsWith(fence)) fence = null;
    else lines.push(fence === null ? line.replace(/(`+)[^`]*?\1/g, '') : '');
  }
  return lines.join('\n');
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as dashes. */
export function headingSlug(heading: string): string {
  return heading.trim().toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor of a Markdown file's ATX headings; repeated headings get `-1`, `-2`… as on GitHub. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const lines = markdown.split('\n');
  let fence: string | null = null;
  for (const line of lines) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) { fence = marker[0]!.repeat(marker.length); continue; }
    if (fence !== null) { if (marker?.startsWith(fence)) fence = null; continue; }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = headingSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

/** The targets of the inline links and images in a Markdown text, as written. */
export function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*(?:<([^>]*)>|([^)\s]*))(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)]
    .map((match) => match[1] ?? match[2] ?? '');
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** What is wrong with one link of `from` (a repo path), or null when it leads somewhere. */
export function brokenLink(from: string, target: string, readText: (file: string) => string | null): string | null {
  if (isExternal(target)) return null;
  if (target === '') return 'an empty link';
  const [pathPart = '', anchor] = target.split('#', 2) as [string, string | undefined];
  const file = pathPart === ''
    ? from
    : path.posix.normalize(pathPart.startsWith('/') ? pathPart.slice(1) : path.posix.join(path.posix.dirname(from), decodeURI(pathPart)));
  if (file.startsWith('../') || !existsSync(path.join(REPO_ROOT, file))) return `${file} does not exist`;
  if (anchor === undefined) return null;
  if (!file.endsWith('.md') || statSync(path.join(REPO_ROOT, file)).isDirectory()) return `${file} has no headings to link to`;
  const text = readText(file);
  if (text === null || !anchorsOf(text).has(decodeURIComponent(anchor).toLowerCase())) return `${file} has no heading #${anchor}`;
  return null;
}

/** The repo paths of the Markdown files a file links to. */
function linkedMarkdown(from: string, markdown: string): string[] {
  return linkTargets(markdown)
    .filter((target) => !isExternal(target) && target.split('#')[0]!.endsWith('.md'))
    .map((target) => path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURI(target.split('#')[0]!))));
}

/** The files of `files` that no chain of Markdown links from `start` leads to. */
export function unreachable(start: string, files: readonly string[], readText: (file: string) => string | null): string[] {
  const reached = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    for (const next of linkedMarkdown(file, readText(file) ?? '')) {
      if (!reached.has(next)) { reached.add(next); queue.push(next); }
    }
  }
  return files.filter((file) => !reached.has(file));
}

/** The keys of the zod object that src/config.ts names `schema`, read from its source. */
export function configSchemaKeys(source: string): string[] {
  const file = ts.createSourceFile('config.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let keys: string[] | null = null;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'schema' && node.initializer
      && ts.isCallExpression(node.initializer) && node.initializer.expression.getText(file) === 'z.object') {
      const shape = node.initializer.arguments[0];
      if (shape && ts.isObjectLiteralExpression(shape)) {
        keys = shape.properties.flatMap((property) => property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? [property.name.text] : []);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!keys) throw new Error('src/config.ts has no `const schema = z.object({ … })` any more: teach test/docs.test.ts where the settings are');
  return keys;
}

describe('docs: what the README promises', () => {
  const docs = readdirSync(path.join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`).sort();
  const markdownFiles = [README, ...docs];
  const readIfMarkdown = (file: string) => (file.endsWith('.md') && existsSync(path.join(REPO_ROOT, file)) ? read(file) : null);

  it('has the two commands, exactly, and fits on a few screens', () => {
    const lines = read(README).split('\n').map((line) => line.trim());
    for (const command of COMMANDS) assert.ok(lines.includes(command), `README.md must keep the line \`${command}\``);
    const size = Buffer.byteLength(read(README));
    assert.ok(size <= README_MAX_BYTES, `README.md is ${size} bytes; keep it under ${README_MAX_BYTES} and move detail into docs/`);
  });

  it('has no relative link that leads nowhere', () => {
    const broken = markdownFiles.flatMap((file) => linkTargets(read(file)).flatMap((target) => {
      const problem = brokenLink(file, target, readIfMarkdown);
      return problem ? [`${file}: (${target}): ${problem}`] : [];
    }));
    assert.deepEqual(broken, []);
  });

  it('reaches every doc from the README', () => {
    assert.deepEqual(unreachable(README, docs, readIfMarkdown), []);
  });

  it('documents every setting of the config schema and of .env.sample', () => {
    const keys = configSchemaKeys(read('src/config.ts'));
    assert.ok(keys.length >= 30 && keys.includes('NODE_ENV') && keys.includes('APPROVAL_REQUIRED'), `only ${keys.length} settings read from src/config.ts`);
    const sample = [...read('.env.sample').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!);
    assert.ok(sample.includes('TEAMS_APP_ID') && sample.includes('PRIVACY_URL'), 'the variables of .env.sample were not read');
    const settings = read(SETTINGS_DOC);
    const missing = [...new Set([...keys, ...sample])].filter((key) => !settings.includes(`\`${key}\``));
    assert.deepEqual(missing, [], `${SETTINGS_DOC} must describe every setting`);
  });

  it('catches a broken link, a missing heading and an unreachable doc, however the link is written', () => {
    const texts: Record<string, string> = { 'docs/a.md': '# Title\n\n## Sign in with Microsoft: the `Entra` app\n\n## Title\n' };
    const readText = (file: string) => texts[file] ?? null;
    assert.ok(brokenLink('README.md', 'docs/missing.md', readText));
    assert.ok(brokenLink('docs/settings.md', 'architecture.md#no-such-heading', readIfMarkdown));
    assert.equal(brokenLink('docs/settings.md', 'architecture.md#what-may-import-what', readIfMarkdown), null);
    assert.equal(brokenLink('docs/settings.md', '#the-service', readIfMarkdown), null);
    assert.equal(brokenLink('README.md', 'https://example.com/nowhere.md', readText), null);
    const site = { 'README.md': '[Bot](docs/bot.md)', 'docs/bot.md': 'See [the site](site.md#top).', 'docs/site.md': '', 'docs/lost.md': '[Bot](bot.md)' };
    const siteText = (file: string) => site[file as keyof typeof site] ?? null;
    assert.deepEqual(unreachable('README.md', ['docs/bot.md', 'docs/lost.md', 'docs/site.md'], siteText), ['docs/lost.md']);
    assert.deepEqual([...anchorsOf(texts['docs/a.md']!)], ['title', 'sign-in-with-microsoft-the-entra-app', 'title-1']);
    assert.deepEqual(linkTargets('See [a](a.md), ![pic](b.png "title") and [c](<c d.md#x>).\n`[not](a link)`\n```\n[nor](this)\n```\n'), ['a.md', 'b.png', 'c d.md#x']);
    assert.deepEqual(configSchemaKeys("const schema = z.object({\n  A_KEY: z.string(),\n  'B_KEY': z.string(),\n});"), ['A_KEY', 'B_KEY']);
  });
});
