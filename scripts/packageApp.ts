// npm run package: builds appPackage/build/appPackage.zip, the Teams app package an admin uploads.
// Settings come from the environment and .env (BOT_ID required; see scripts/teamsApp/packageSettings.ts).
// Options: --out FILE writes the zip elsewhere.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { buildAppPackage } from './teamsApp/appPackage.ts';

const sourceDir = fileURLToPath(new URL('../appPackage/', import.meta.url));
const { values: options } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(options.out ?? `${sourceDir}build/appPackage.zip`);

loadDotenv({ quiet: true });
const result = await buildAppPackage(sourceDir, process.env);
for (const warning of result.warnings) console.warn(`warning: ${warning}`);
if (!result.ok) {
  for (const problem of result.problems) console.error(problem);
  console.error(`Teams app package not built: ${result.problems.length} problem(s) above.`);
  process.exit(1);
}
await mkdir(dirname(out), { recursive: true });
await writeFile(out, result.zip);
console.log(`Teams app package for bot ${String((result.manifest.bots as Array<{ botId: string }>)[0]?.botId)}: ${relative(process.cwd(), out) || out}`);
