import type { PostgresDb } from "./open";

export type Tx = Parameters<Parameters<PostgresDb["transaction"]>[0]>[0];
/** What a query can run on: the pool, or one transaction's connection. */
export type Executor = PostgresDb | Tx;

/** A deadlock, or a serialization failure: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 5;

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;

/**
 * Runs `work` in a READ COMMITTED transaction, again when PostgreSQL broke a deadlock by aborting
 * it (two writes taking a restaurant's and a reservation's locks in opposite orders). `work`'s
 * decisions are pure, so running it again decides afresh on what is there then.
 */
export function transaction<T>(db: PostgresDb, work: (tx: Tx) => Promise<T>): Promise<T> {
  const running = (async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await db.transaction(work);
      } catch (error) {
        if (attempt >= ATTEMPTS || !RETRYABLE.has(String(codeOf(error)))) throw error;
      }
    }
  })();
  let ofDb = inFlight.get(db);
  if (!ofDb) inFlight.set(db, (ofDb = new Set()));
  ofDb.add(running);
  const forget = () => ofDb.delete(running);
  running.then(forget, forget);
  return running;
}

/** The transactions of each pool that have not settled yet, so that closing can wait for them. */
const inFlight = new WeakMap<PostgresDb, Set<Promise<unknown>>>();

/** Settles once every transaction begun on `db` has committed or rolled back. */
export async function transactionsSettled(db: PostgresDb): Promise<void> {
  await Promise.allSettled([...(inFlight.get(db) ?? [])]);
}

/** Errors that mean the database is out of reach now, not that the request was wrong. */
export function isConnectionError(error: unknown): boolean {
  const code = String(codeOf(error) ?? "");
  return (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|CONNECTION_(CLOSED|ENDED|DESTROYED)|CONNECT_TIMEOUT)$/.test(code) ||
    // Class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting up.
    /^08/.test(code) ||
    /^57P0[123]$/.test(code)
  );
}
