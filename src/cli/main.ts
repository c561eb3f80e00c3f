import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openRuntime } from '../runtime.ts';
import { processOutput } from './output.ts';
import { runCli } from './program.ts';

/** `npx invite-desk …` / `npm run cli -- …` */
let exitCode = 1;
try {
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger({ logLevel: 'warn' }));
  try {
    exitCode = await runCli(runtime.services, processOutput, process.argv.slice(2));
  } finally {
    await runtime.close();
  }
} catch (error) {
  processOutput.err(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
}
process.exitCode = exitCode;
