/**
 * Seeded randomness for the crash-injection tests: one seed per run, printed, and taken from
 * RELIABILITY_SEED when set, so that a failing run's kill moments and contact orders can be replayed.
 */
export type Random = {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items picked at random (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
};

let runSeed: number | undefined;

/** The run's seed: RELIABILITY_SEED, or a random one; printed once per process. */
export function reliabilitySeed(): number {
  if (runSeed !== undefined) return runSeed;
  const given = process.env.RELIABILITY_SEED;
  if (given !== undefined && given.trim() !== '') {
    const parsed = Number(given.trim());
    if (!Number.isInteger(parsed) || parsed < 0 || parsed >= 2 ** 32) throw new Error(`RELIABILITY_SEED must be a whole number below 2^32, got ${given}`);
    runSeed = parsed;
  } else {
    runSeed = Math.floor(Math.random() * 2 ** 32) >>> 0;
  }
  console.log(`      reliability seed: RELIABILITY_SEED=${runSeed} (set it to replay this run)`);
  return runSeed;
}

/**
 * A generator for one part of the run (`label`: e.g. "crashRedemption/sqlite"), derived from the
 * run's seed, so that each part replays on its own whatever else runs or is skipped.
 */
export function seededRandom(label: string, seed = reliabilitySeed()): Random {
  const next = mulberry32(seed ^ fnv1a(label));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return { seed, next, int, shuffle, sample: (items, count) => shuffle(items).slice(0, count) };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast PRNG whose whole state is one 32-bit number; floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
