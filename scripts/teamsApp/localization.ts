import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { strToU8 } from 'fflate';
import { isBotLocale } from '../../bot/i18n/locale.ts';
import { botText } from '../../bot/i18n/translate.ts';
import { manifestCommands } from '../../src/domain/botCommands.ts';
import { validateManifest } from './manifestSchema.ts';

type Language = { languageTag?: unknown; file?: unknown };

/**
 * The localization files the manifest's `localizationInfo.additionalLanguages` names, read from
 * next to manifest.json. The bot's command descriptions are filled in from the bot's catalog of
 * that language (bot/i18n), like the English ones from the command table; each file is checked
 * against the Teams localization schema its `$schema` names (bundled, offline).
 */
export async function localizationFiles(sourceDir: string, manifest: Record<string, unknown>): Promise<{ files: Record<string, Uint8Array>; problems: string[] }> {
  const files: Record<string, Uint8Array> = {};
  const problems: string[] = [];
  const info = manifest.localizationInfo as { additionalLanguages?: Language[] } | undefined;
  for (const { languageTag, file } of info?.additionalLanguages ?? []) {
    if (typeof file !== 'string' || basename(file) !== file) {
      problems.push(`manifest.json: localizationInfo names ${JSON.stringify(file)}; it must be a file next to manifest.json (example: da.json)`);
      continue;
    }
    let localization: Record<string, unknown>;
    try {
      localization = JSON.parse(await readFile(join(sourceDir, file), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      problems.push(`${file}: cannot be read as JSON (${(error as Error).message})`);
      continue;
    }
    const filled = { ...localization, ...commandTexts(manifest, String(languageTag)) };
    problems.push(...(await validateManifest(filled)).map((error) => `${file}: ${error}`));
    files[file] = strToU8(`${JSON.stringify(filled, null, 2)}\n`);
  }
  return { files, problems };
}

/** The personal command list's titles (the words typed, as in English) and descriptions in the language, when the bot speaks it. */
function commandTexts(manifest: Record<string, unknown>, languageTag: string): Record<string, string> {
  const language = languageTag.toLowerCase().split('-')[0];
  if (!isBotLocale(language)) return {};
  const texts: Record<string, string> = {};
  const lists = ((manifest.bots ?? []) as Array<{ commandLists?: Array<{ scopes?: string[] }> }>)[0]?.commandLists ?? [];
  lists.forEach((list, i) => {
    if (!list.scopes?.includes('personal')) return;
    manifestCommands().forEach(({ name }, j) => {
      texts[`bots[0].commandLists[${i}].commands[${j}].title`] = name;
      texts[`bots[0].commandLists[${i}].commands[${j}].description`] = botText(language, `command.${name as 'help'}.description`);
    });
  });
  return texts;
}
