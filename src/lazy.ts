/**
 * A value made on first use, then kept: what start-up need not pay for (a library only the first
 * card, API call or token check uses) is loaded when first asked for. `make` runs once; should it
 * throw, or its promise reject, the next use tries again.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => {
    if (made) return made.value;
    const value = make();
    made = { value };
    if (value instanceof Promise) {
      value.catch(() => {
        if (made?.value === value) made = null;
      });
    }
    return value;
  };
}
