import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layering of DESIGN.md "Shape", read from the source: every import of the app (src/, bot/,
 * web/, bin/) and of its tooling (scripts/, testkit/, bench/, test/), static, re-export, dynamic
 * `import()` and `import('…')` types, is parsed from the text with the TypeScript parser, so
 * nothing is loaded and a word in a comment or string is not an import.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
/** The shipped code: what `npm start` and the CLI run. */
const LAYERS = ['src', 'bot', 'web', 'bin'];
/** Run by hand or by tests, never by the app: they may import the app, the app never imports them. */
const TOOLING = ['scripts', 'testkit', 'bench', 'test'];
/** Every folder whose imports are read. */
const SCANNED = [...LAYERS, ...TOOLING];

/** Built-ins the domain may use: computation only (code generation, the code vault), no I/O. */
const DOMAIN_BUILTINS = new Set(['node:crypto']);

/** One import: who imports, what it says, the repo path it names (null for a package), and whether it is erased. */
export type Import = { from: string; specifier: string; target: string | null; typeOnly: boolean };

/** The imports written in one TypeScript file (`from` is its path from the repo root, with `/`). */
export function importsOf(from: string, text: string): Import[] {
  const source = ts.createSourceFile(from, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const text = specifier.text;
    const target = text.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(from), text)) : null;
    found.push({ from, specifier: text, target, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const under = (file: string | null, folder: string) => file !== null && file.startsWith(`${folder}/`);

/** What a broken rule says, or null when the import is allowed. */
export function brokenRule({ from, specifier, target, typeOnly }: Import): string | null {
  const tooling = TOOLING.find((folder) => under(target, folder));
  if (tooling && LAYERS.some((layer) => under(from, layer))) {
    return `the app (${LAYERS.join('/, ')}/) does not import ${tooling}/ (tooling that builds, tests or measures it)`;
  }
  if (under(from, 'bench') && under(target, 'test')) return 'bench/ does not import test/ (what both use lives in testkit/)';
  if (under(from, 'testkit') && (under(target, 'test') || under(target, 'bench'))) return 'testkit/ imports neither test/ nor bench/ (both use it)';
  if (under(from, 'src') && (under(target, 'bot') || under(target, 'web'))) {
    return 'src/ imports neither bot/ nor web/ (the process entry in bin/ wires them together)';
  }
  if (under(from, 'src/domain') && (target === null ? !DOMAIN_BUILTINS.has(specifier) : !under(target, 'src/domain'))) {
    return `src/domain/ imports only src/domain/ (and ${[...DOMAIN_BUILTINS].join(', ')})`;
  }
  if (under(from, 'src/mail') && under(target, 'src/jobs')) return 'mail does not import jobs (the job vocabulary is in src/domain/)';
  if (under(from, 'src/jobs') && under(target, 'src/services')) return 'jobs does not import services (a job handler gets what it needs injected)';
  if (under(from, 'bot') || under(from, 'web')) {
    if (under(target, 'src/jobs')) return 'edges (bot/, web/) do not reach into the queue (src/jobs/)';
    if (under(target, 'src/store') && !(target === 'src/store/port.ts' && typeOnly)) {
      return 'edges (bot/, web/) do not reach into the store: only `import type` from src/store/port.ts';
    }
  }
  return null;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('architecture: layers point one way', () => {
  const imports = SCANNED.flatMap(sourceFiles).flatMap((file) => importsOf(file, readFileSync(path.join(REPO_ROOT, file), 'utf8')));

  it('reads the imports of the app and its tooling, dynamic ones included', () => {
    assert.ok(imports.length > 300, `only ${imports.length} imports found`);
    assert.ok(imports.some((i) => i.from === 'src/runtime.ts' && i.target === 'src/store/mongo/index.ts'), 'the dynamic import of the Mongo adapter was not seen');
  });

  it('has no import that runs against the layering', () => {
    const broken = imports.flatMap((i) => {
      const rule = brokenRule(i);
      return rule ? [`${i.from} imports '${i.specifier}': ${rule}`] : [];
    });
    assert.deepEqual(broken, []);
  });

  it('catches each kind of wrong import, however it is written', () => {
    const caught = (from: string, text: string) => importsOf(from, text).map(brokenRule);
    assert.ok(caught('src/services/x.ts', "const m = await import('../../bot/app.ts');")[0]);
    assert.ok(caught('src/cli/x.ts', "export { createApp } from '../../web/app.ts';")[0]);
    assert.ok(caught('src/domain/x.ts', "import type { Store } from '../store/port.ts';")[0]);
    assert.ok(caught('src/domain/x.ts', "import { z } from 'zod';")[0]);
    assert.equal(caught('src/domain/x.ts', "import { randomBytes } from 'node:crypto';\nimport { DomainError } from './errors.ts';").filter(Boolean).length, 0);
    assert.ok(caught('src/mail/graph/x.ts', "import {\n  PermanentJobError,\n} from '../../jobs/worker.ts';")[0]);
    assert.ok(caught('src/jobs/handlers/x.ts', "type N = typeof import('../../services/index.ts');")[0]);
    assert.ok(caught('bot/notices/x.ts', "import type { JobHandler } from '../../src/jobs/worker.ts';")[0]);
    assert.ok(caught('web/x.ts', "import { createSqliteStore } from '../src/store/sqlite/index.ts';")[0]);
    assert.ok(caught('web/x.ts', "import { SOMETHING } from '../src/store/port.ts';")[0]);
    assert.equal(caught('web/x.ts', "import type { Store } from '../src/store/port.ts';")[0], null);
    assert.ok(caught('src/services/x.ts', "import { BOT_COMMANDS } from '../../scripts/teamsApp/appPackage.ts';")[0]);
    assert.ok(caught('bin/server.ts', "import { x } from '../scripts/teamsApp/appPackage.ts';")[0]);
    assert.ok(caught('web/x.ts', "import { freePort } from '../testkit/ports.ts';")[0]);
    assert.equal(caught('test/x.test.ts', "import { freePort } from '../testkit/ports.ts';")[0], null);
    assert.ok(caught('bench/support/x.ts', "import { freePort } from '../../test/support/ports.ts';")[0]);
    assert.ok(caught('testkit/x.ts', "import { seed } from '../bench/support/seeding.ts';")[0]);
    assert.equal(caught('scripts/teamsApp/appPackage.ts', "import { BOT_COMMANDS } from '../../src/domain/botCommands.ts';")[0], null);
    assert.deepEqual(caught('src/services/x.ts', "// import '../../bot/app.ts'\nconst s = \"import('../../web/app.ts')\";"), []);
  });
});
