import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { auditChanges, type FieldChange } from '../domain/audit.ts';
import { BRANDING_FIELDS, brandingText, isBrandingField, plainBranding, type Branding, type BrandingField, type StoredBranding } from '../domain/branding.ts';
import { effectiveBranding, type BrandingFieldState, type BrandingPolicy } from '../domain/brandingLayers.ts';
import { parseBrandingValue } from '../domain/brandingRules.ts';
import { ValidationError, type Problem } from '../domain/errors.ts';
import { storedBrandingCache } from './brandingCache.ts';
import { changeEvent } from './auditTrail.ts';
import type { Actor, ServiceContext } from './context.ts';
import { assertMay } from './permissions.ts';
import { actorDisplayName } from './staffNames.ts';

/** How long a process keeps the stored branding before it reads it again: a change made elsewhere (the CLI) shows within this. */
export const BRANDING_REFRESH_MS = 30_000;


export type BrandingChanges = Partial<Record<BrandingField, FieldChange>>;

const SUBJECT = 'branding';

/**
 * The organisation's look for admins (show, set, clear a field back to the environment's) and
 * for the site and mail (`current`, read through a per-process cache). Stored values pass the
 * rules the environment's pass at start; a refused change stores nothing.
 */
export function brandingService(ctx: ServiceContext) {
  const { store } = ctx;
  const policy = ctx.branding ?? defaultPolicy(ctx);
  const cache = storedBrandingCache(() => store.branding.get(), ctx.clock, BRANDING_REFRESH_MS);
  const mayManage = (actor: Actor, what: string) => assertMay(ctx, actor, 'admin', what);
  const layers = (stored: StoredBranding, environment = policy.environment) => effectiveBranding({ environment, fromEnvironment: policy.fromEnvironment, stored, rules: policy.rules });

  /** Stores `set` and clears `clear` (values already checked); returns and audits what changed. */
  async function change(actor: Actor, set: Partial<Record<BrandingField, string>>, clear: readonly BrandingField[]): Promise<BrandingChanges> {
    const before = await store.branding.get();
    const was = Object.fromEntries(Object.entries(before).map(([field, kept]) => [field, kept.value]));
    const is: Record<string, string> = { ...was, ...set };
    for (const field of clear) delete is[field];
    const changes = auditChanges(was, is);
    if (Object.keys(changes).length === 0) return {};
    const changed = (field: BrandingField) => field in changes;
    await store.branding.change(
      { set: Object.fromEntries(Object.entries(set).filter(([field]) => changed(field as BrandingField))), clear: clear.filter(changed), by: actor, at: ctx.clock() },
      changeEvent(ctx, actor, 'branding.changed', SUBJECT, was, is),
    );
    cache.forget();
    return changes;
  }

  return {
    /** Each field with its effective value and where it comes from (stored, environment, default), read fresh. */
    async show(actor: Actor): Promise<(BrandingFieldState & { updatedByName?: string })[]> {
      await mayManage(actor, 'seeing the organisation\'s branding settings');
      const { fields } = layers(await store.branding.get());
      return Promise.all(fields.map(async (state) => (state.updatedBy ? { ...state, updatedByName: await actorDisplayName(ctx, state.updatedBy) } : state)));
    },

    /** Stores the given fields (as typed) over the environment's, each checked; one refused field refuses them all. */
    async set(actor: Actor, input: Partial<Record<BrandingField, string>>): Promise<BrandingChanges> {
      await mayManage(actor, 'changing the organisation\'s branding');
      const given = BRANDING_FIELDS.filter((field) => input[field] !== undefined);
      if (given.length === 0) throw new ValidationError([{ field: 'fields', message: 'give at least one field to set' }]);
      const problems: Problem[] = [];
      const set: Partial<Record<BrandingField, string>> = {};
      for (const field of given) {
        const parsed = parseBrandingValue(field, input[field]!, policy.rules);
        const problem = 'problem' in parsed ? parsed.problem : missingLogoFile(parsed.value, policy.dataDir);
        if (problem) problems.push({ field, message: problem });
        // Stored as the rules read it (`#ABC` as `#aabbcc`, a name trimmed), so it reads back the same.
        else if ('value' in parsed) set[field] = brandingText({ ...policy.environment, [field]: parsed.value }, field)!;
      }
      if (problems.length) throw new ValidationError(problems);
      return change(actor, set, []);
    },

    /** Clears stored fields: each goes back to the environment's value (or the default). */
    async unset(actor: Actor, fields: readonly string[]): Promise<BrandingChanges> {
      await mayManage(actor, 'changing the organisation\'s branding');
      if (fields.length === 0) throw new ValidationError([{ field: 'fields', message: `give at least one of ${BRANDING_FIELDS.join(', ')}` }]);
      const problems = fields.flatMap((field, index) => (isBrandingField(field) ? [] : [{ field: `fields.${index}`, message: `${field} is not a branding field (one of ${BRANDING_FIELDS.join(', ')})` }]));
      if (problems.length) throw new ValidationError(problems);
      return change(actor, {}, fields as BrandingField[]);
    },

    /**
     * The look customers see now: the stored fields over `environment` (by default the
     * environment's from config). The stored fields are read at most once per BRANDING_REFRESH_MS
     * per process, so a page or a mail costs no store read.
     */
    async current(environment?: Branding): Promise<Branding> {
      return layers(await cache.get(), environment).branding;
    },
  };
}

/** Null unless `value` is a logo file that is not in `dataDir`; then what is wrong. */
function missingLogoFile(value: unknown, dataDir: string): string | null {
  if (typeof value !== 'object' || value === null || !('file' in value) || typeof value.file !== 'string') return null;
  const path = join(resolve(dataDir), value.file);
  try {
    if (statSync(path).isFile()) return null;
  } catch {
    // Not there, or not readable: said below.
  }
  return `there is no file ${value.file} in DATA_DIR (${resolve(dataDir)})`;
}

/** Without a policy (tests, tools): the product's look, links checked as outside production, logos on this site's host. */
function defaultPolicy(ctx: ServiceContext): BrandingPolicy {
  const site = ctx.redirectPolicy;
  return {
    environment: plainBranding('Invite Desk'), fromEnvironment: [], dataDir: './data',
    rules: { production: false, logoHosts: site ? [new URL(site.publicBaseUrl).hostname, ...site.allowlist] : ['localhost'] },
  };
}
