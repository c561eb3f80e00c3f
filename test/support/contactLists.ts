import type { Store } from '../../src/store/port.ts';

/**
 * A pasted contact list of `lines` lines with `badCount` bad ones spread through it (no e-mail,
 * a broken address, a repeated address), the rest `Name, e-mail` lines; `known` e-mails go first.
 * Long values, as a real export has them, so card sizes are tested at their worst.
 */
export function contactList(lines: number, badCount: number, options: { known?: string[]; prefix?: string; long?: boolean } = {}) {
  const prefix = options.prefix ?? 'guest';
  const pad = options.long ? 'x'.repeat(60) : '';
  const email = (i: number) => `${prefix}${i}${pad ? `.${pad.slice(0, 40)}` : ''}@example.com`;
  const bad: number[] = [];
  const step = badCount ? Math.floor(lines / badCount) : 0;
  const rows: string[] = [];
  for (let i = 1; i <= lines; i++) {
    if (badCount && i % step === 0 && bad.length < badCount) {
      const kinds = [`Nobody ${pad}${i}`, `Broken ${i}, broken${i}@`, `Again ${i}, ${email(2)}`];
      rows.push(kinds[bad.length % kinds.length]!);
      bad.push(i);
      continue;
    }
    const known = options.known?.[i - 1];
    rows.push(known ? `Known Person, ${known}, Fabrikam` : `Guest${pad} Number${i}, ${email(i)}`);
  }
  return { text: rows.join('\n'), bad };
}

/** The store, with every call of every part counted (for tests that bound the store work of a use case). */
export function countingStore(store: Store) {
  const counts = new Map<string, number>();
  const wrap = <T extends object>(part: T, name: string): T => new Proxy(part, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts.set(`${name}.${String(key)}`, (counts.get(`${name}.${String(key)}`) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      return value && typeof value === 'object' ? wrap(value, String(key)) : value;
    },
  });
  return {
    store: counted,
    calls: () => [...counts.values()].reduce((a, b) => a + b, 0),
    byMethod: () => Object.fromEntries(counts),
  };
}
