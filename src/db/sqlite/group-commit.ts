import type { Database } from "bun:sqlite";
import { perConnection } from "./per-connection";

interface Queued {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one SQLite connection. Writes that arrive in the same turn of the event loop
 * are applied together in the next turn, in one `BEGIN IMMEDIATE` transaction, each in a
 * savepoint of its own (bun:sqlite nests a transaction as a savepoint), in the order they came:
 * a write that throws (no room, a rule) rolls back alone, and each later one sees what the
 * earlier ones wrote, so a seat check stays exact. Every caller is answered only once the
 * transaction holding its write has committed; if the commit fails, every write in it fails.
 * One commit for many writes is what makes concurrent bookings cheap: a commit per request was
 * most of a write's cost.
 */
export function groupCommit(client: Database) {
  let queue: Queued[] = [];
  const applyOne = client.transaction((work: () => unknown) => work());
  const applyAll = client.transaction((batch: Queued[]) =>
    batch.map((queued) => {
      try {
        return { ok: true as const, value: applyOne(queued.work) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );

  function flush() {
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    let outcomes: ReturnType<typeof applyAll>;
    try {
      outcomes = applyAll.immediate(batch);
    } catch (error) {
      for (const queued of batch) queued.reject(error);
      return;
    }
    outcomes.forEach((outcome, index) => (outcome.ok ? batch[index]!.resolve(outcome.value) : batch[index]!.reject(outcome.error)));
  }

  return {
    /** Commits what is queued now, rather than in the next turn, and lets its callers hear: before closing. */
    async drain() {
      if (queue.length > 0) flush();
      await new Promise((resolve) => setImmediate(resolve));
    },
    /** Runs `work` (synchronous, on this connection) in the next group's transaction. */
    write<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
}

/** One group per connection, shared by every store that writes on it. */
export const groupCommitOf = perConnection(groupCommit);
