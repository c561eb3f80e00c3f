import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/**
 * Schema validation of a filled manifest, offline: the schema named by the manifest's `$schema`
 * must be one of those bundled with @microsoft/app-manifest, which is then handed to
 * `AppManifestUtils.validateAgainstSchema` so that it never reaches for the network.
 */
const packageRoot = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
const TEAMS_SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/(teams\/v[\w.]+\/MicrosoftTeams(?:\.Localization)?\.schema\.json)$/i;

/** Returns one line per problem; an empty list means the manifest (or a localization file: its own schema) is valid. */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  const schemaUrl = manifest && typeof manifest === 'object' && '$schema' in manifest ? manifest.$schema : undefined;
  const schemaPath = typeof schemaUrl === 'string' ? bundledSchemaPath(schemaUrl) : null;
  if (!schemaPath) {
    return [`$schema: must name a Teams manifest schema bundled with @microsoft/app-manifest (example: https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json), got ${JSON.stringify(schemaUrl)}`];
  }
  // The same clean-up AppManifestUtils.fetchSchema applies: some schemas hold "\a" / "\v" escapes JSON does not know.
  // The localization schemas also hold a pattern with a bare "]" (`\b]`), which a unicode regular expression refuses: escaped.
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b').replace(/\\\\b\]/g, '\\\\b\\\\]'));
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
  return errors.map((error) => error.trim());
}

function bundledSchemaPath(schemaUrl: string): string | null {
  const match = TEAMS_SCHEMA_URL.exec(schemaUrl);
  if (!match?.[1]) return null;
  const path = join(packageRoot, 'build', 'json-schemas', match[1]);
  return existsSync(path) ? path : null;
}
