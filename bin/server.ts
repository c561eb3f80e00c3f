import { enableCompileCache } from 'node:module';

// `npm start`. Keeps V8's compiled code of every module, and our TypeScript with its types stripped,
// on disk (under the OS temp directory), so a restart compiles nothing again; changed files are
// simply recompiled. It has to be on before the service's modules load, so they are imported only
// now: the static imports of a module load before its first line runs.
enableCompileCache();
await import('./serverMain.ts');
