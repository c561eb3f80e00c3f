/**
 * Completions of finished jobs, written together in one store write. `add` resolves, once the
 * job's completion is written, with whether its lease was still the worker's; `flush` writes what
 * is waiting (the worker calls it when the batch in hand is done); a timed completion is written
 * at the latest `delayMs` after it was added, so that one slow job does not hold up the others.
 */
export function completionBuffer(write: (ids: string[]) => Promise<string[]>, delayMs: number) {
  type Waiting = { id: string; resolve: (completed: boolean) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;
  const writes = new Set<Promise<void>>();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return Promise.resolve();
    const written = write(batch.map((entry) => entry.id)).then(
      (completed) => {
        const ours = new Set(completed);
        for (const entry of batch) entry.resolve(ours.has(entry.id));
      },
      (error: unknown) => {
        for (const entry of batch) entry.reject(error);
      },
    );
    writes.add(written);
    void written.then(() => writes.delete(written));
    return written;
  }

  return {
    add(id: string, options: { timed: boolean }): Promise<boolean> {
      const completed = new Promise<boolean>((resolve, reject) => waiting.push({ id, resolve, reject }));
      if (options.timed && !timer) timer = setTimeout(() => void flush(), delayMs);
      return completed;
    },
    flush,
    /** Writes what is waiting and waits for every write under way. */
    async settle(): Promise<void> {
      await flush();
      await Promise.all([...writes]);
    },
  };
}
