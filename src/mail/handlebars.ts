import { createRequire } from 'node:module';
import { lazy } from '../lazy.ts';

/**
 * Handlebars (and the source-map library its compiler brings), loaded by the first page, mail or
 * template check, not at start. Required, not imported, so that rendering stays synchronous;
 * loading CommonJS takes the same time either way.
 */
export const handlebars = lazy(() => createRequire(import.meta.url)('handlebars') as typeof import('handlebars'));
