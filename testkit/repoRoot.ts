import { fileURLToPath } from 'node:url';

/** This repository's root, with a trailing slash: the working directory of every process tests and bench start. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
