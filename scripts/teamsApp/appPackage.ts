import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { MANIFEST_COMMAND_LIMIT, manifestCommands } from '../../src/domain/botCommands.ts';
import { checkIcon, type IconKind } from './iconChecks.ts';
import { localizationFiles } from './localization.ts';
import { validateManifest } from './manifestSchema.ts';
import { readPackageSettings, SETTING_NAMES } from './packageSettings.ts';
import { fillPlaceholders } from './placeholders.ts';

/**
 * Builds the Teams app package an admin uploads: appPackage/manifest.json with its placeholders
 * filled, checked against its JSON schema, the two icons it names and its localization files
 * (localization.ts), zipped side by side.
 */
export type AppPackageResult =
  | { ok: true; zip: Uint8Array; manifest: Record<string, unknown>; warnings: string[] }
  | { ok: false; problems: string[]; warnings: string[] };

// A fixed time stamp: the same sources give the same zip, byte for byte.
const ENTRY_TIME = new Date(2000, 0, 1);

export async function buildAppPackage(sourceDir: string, env: Record<string, string | undefined>): Promise<AppPackageResult> {
  const settings = readPackageSettings(env);
  const { warnings } = settings;
  let template: unknown;
  try {
    template = JSON.parse(await readFile(join(sourceDir, 'manifest.json'), 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`manifest.json: cannot be read as JSON (${(error as Error).message})`], warnings };
  }

  const filled = fillPlaceholders(template, (name) => SETTING_NAMES.includes(name) ? settings.values[name] : env[name]?.trim() || undefined);
  const problems = [...settings.problems];
  // A setting without a value already has its own problem line (BOT_ID missing, PUBLIC_BASE_URL invalid…).
  for (const name of filled.missing.filter((missing) => !SETTING_NAMES.includes(missing))) {
    problems.push(`manifest.json: placeholder \${{${name}}} has no value (set ${name} in the environment or .env)`);
  }
  for (const text of filled.malformed) problems.push(`manifest.json: malformed placeholder in ${JSON.stringify(text)} (write \${{NAME}})`);
  if (problems.length) return { ok: false, problems, warnings };

  const manifest = withCommandList(filled.value as Record<string, unknown>);
  problems.push(...(await validateManifest(manifest)).map((error) => `manifest.json: ${error}`));
  if (manifestCommands().length > MANIFEST_COMMAND_LIMIT) {
    problems.push(`src/domain/botCommands.ts: ${manifestCommands().length} commands for the manifest; Teams shows at most ${MANIFEST_COMMAND_LIMIT} (mark the rest inManifest: false)`);
  }

  const localized = await localizationFiles(sourceDir, manifest);
  problems.push(...localized.problems);
  const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`), ...localized.files };
  const icons = (manifest.icons ?? {}) as Partial<Record<IconKind, unknown>>;
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind];
    if (typeof name !== 'string' || basename(name) !== name) {
      problems.push(`manifest.json: icons.${kind} must name a file next to manifest.json (example: ${kind}.png)`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(sourceDir, name));
    } catch {
      problems.push(`${name}: not found in ${sourceDir} (icons.${kind} of manifest.json)`);
      continue;
    }
    problems.push(...checkIcon(kind, name, bytes));
    files[name] = bytes;
  }
  if (problems.length) return { ok: false, problems, warnings };

  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: ENTRY_TIME }]])), { level: 9 });
  return { ok: true, zip, manifest, warnings };
}

/** The bot's personal command list, from the one command table (the template leaves it empty). */
function withCommandList(manifest: Record<string, unknown>): Record<string, unknown> {
  const bots = (manifest.bots ?? []) as Array<{ commandLists?: Array<{ scopes?: string[]; commands?: unknown[] }> }>;
  for (const list of bots.flatMap((bot) => bot.commandLists ?? [])) {
    if (list.scopes?.includes('personal')) list.commands = manifestCommands().map(({ name, description }) => ({ title: name, description }));
  }
  return manifest;
}
