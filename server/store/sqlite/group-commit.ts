import type Database from 'better-sqlite3-multiple-ciphers';

// Group commit: pushes that arrive together share one IMMEDIATE transaction, so one WAL
// commit (one fsync under synchronous=FULL) stores many devices' batches. With fifty laptops
// pushing at once the commit was a third of the server's push time when each batch had its own.
//
// better-sqlite3 is synchronous, so nothing interleaves with a group once it runs: requests
// that arrive while a group is being stored (its fsync included) queue up, and the next group
// is everything queued when the event loop comes round (setImmediate runs after the I/O
// callbacks that delivered them). Each item runs in a SAVEPOINT of its own (a better-sqlite3
// transaction function called inside a transaction): an item that throws is rolled back alone
// and fails alone, and the others, before and after it, are stored as if it had never been
// sent. Items run in arrival order, each seeing the ones before it, exactly as one transaction
// each in that order would (gseq order, chain checks, conflicts: push.ts reads all of them
// inside the item).

interface Waiting<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommitOptions<I> {
  /** Most items in one group: bounds how long the first one waits for the group's commit. */
  maxItems?: number;
  /**
   * Most weight in one group (a group always takes its first item): bounds the time and the
   * memory of a group when items differ in size, e.g. a push of 1 op or of 1,000.
   */
  maxWeight?: number;
  weight?: (input: I) => number;
}

export function createGroupCommit<I, O>(sqlite: Database.Database, work: (input: I) => O, opts: GroupCommitOptions<I> = {}) {
  const maxItems = opts.maxItems ?? 64;
  const maxWeight = opts.maxWeight ?? Number.POSITIVE_INFINITY;
  const item = sqlite.transaction(work);
  let queue: Waiting<I, O>[] = [];
  let isScheduled = false;

  const group = sqlite.transaction((items: readonly Waiting<I, O>[]): Outcome<O>[] =>
    items.map((w): Outcome<O> => {
      try {
        return { ok: true, value: item(w.input) };
      } catch (error) {
        // Some errors (SQLITE_FULL, an I/O error) end the whole transaction, not just the
        // savepoint: then nothing of the group is stored, and every item must fail.
        if (!sqlite.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );

  function drain(): void {
    isScheduled = false;
    let count = 0;
    let weight = 0;
    while (count < queue.length && count < maxItems) {
      const next = opts.weight?.(queue[count]!.input) ?? 0;
      if (count > 0 && weight + next > maxWeight) break;
      weight += next;
      count += 1;
    }
    const items = queue.slice(0, count);
    if (items.length === 0) return;
    queue = queue.slice(items.length);
    if (queue.length > 0) schedule();
    let outcomes: Outcome<O>[];
    try {
      outcomes = group.immediate(items);
    } catch (error) {
      for (const w of items) w.reject(error);
      return;
    }
    items.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) w.resolve(outcome.value);
      else w.reject(outcome?.error ?? new Error('group commit lost an item'));
    });
  }

  function schedule(): void {
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(drain);
  }

  return {
    /** Stores everything still queued now (before the store closes). */
    flush(): void {
      while (queue.length > 0) drain();
    },
    /** Runs `work(input)` in the next group; settles once that group has committed. */
    submit(input: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      });
    },
  };
}
