import { mulberry32 } from '../support/random.ts';

/**
 * The seed of a reliability run: RELIABILITY_SEED when given (to replay a failure), else a fixed
 * default per file, so that a run is repeatable. Each file prints the seed it used.
 */
export function reliabilitySeed(fallback: number, label: string): number {
  const given = process.env.RELIABILITY_SEED;
  const seed = given !== undefined && given.trim() !== '' ? Number(given) : fallback;
  if (!Number.isSafeInteger(seed)) throw new Error(`RELIABILITY_SEED must be an integer, not "${given}"`);
  process.stdout.write(`      [${label}] seed ${seed} (replay with RELIABILITY_SEED=${seed})\n`);
  return seed;
}

/** A small seeded PRNG (mulberry32) with the helpers the fuzzers use. */
export type Random = {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  string(maxLength: number, alphabet?: string): string;
  bytes(length: number): Buffer;
};

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return {
    next, int, pick,
    chance: (p) => next() < p,
    string(maxLength, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~ %&=+/?#[]{}<>"\'\\$;:,!*()@^|`\r\n\t\u0000é€😀\u202e\ufeff') {
      const chars = [...alphabet];
      let text = '';
      const length = int(0, maxLength);
      for (let i = 0; i < length; i++) text += pick(chars);
      return text;
    },
    bytes(length) {
      const buffer = Buffer.alloc(length);
      for (let i = 0; i < length; i++) buffer[i] = int(0, 255);
      return buffer;
    },
  };
}
