import type { StoredBranding } from '../domain/branding.ts';

/**
 * The stored branding as this process last read it, read again once it is `maxAgeMs` old (by the
 * service clock). Callers at the same moment share one read; a failed read is not kept.
 */
export function storedBrandingCache(read: () => Promise<StoredBranding>, clock: () => Date, maxAgeMs: number) {
  let held: { at: number; value: Promise<StoredBranding> } | null = null;
  return {
    get(): Promise<StoredBranding> {
      const now = clock().getTime();
      if (!held || now - held.at >= maxAgeMs) {
        const entry = { at: now, value: read() };
        held = entry;
        entry.value.catch(() => { if (held === entry) held = null; });
      }
      return held.value;
    },
    /** Drops what is held: this process changed the branding, and shows the change at once. */
    forget(): void {
      held = null;
    },
  };
}
