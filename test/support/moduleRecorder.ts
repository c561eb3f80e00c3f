import { renameSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

/**
 * Preloaded into a child process (`node --import ./test/support/moduleRecorder.ts …`): records the
 * URL of every module it loads, ES module or CommonJS, and on SIGUSR2 writes them, one a line, to
 * the file MODULE_RECORDER_FILE names (see loadedModules.ts).
 */
const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
const file = process.env.MODULE_RECORDER_FILE;
if (!file) throw new Error('moduleRecorder.ts needs MODULE_RECORDER_FILE: where to write the modules it saw');
// Written aside and renamed, so the reader never sees half a list.
process.on('SIGUSR2', () => {
  writeFileSync(`${file}.part`, [...loaded].join('\n'));
  renameSync(`${file}.part`, file);
});
