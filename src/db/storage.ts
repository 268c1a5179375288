import type { AccountStore } from "./account-store";
import type { HitCounter } from "./hit-counter";
import type { IdempotencyStore } from "./idempotency-store";
import type { JobStore } from "./job-store";
import type { Repository } from "./repository";

export interface Readiness {
  database: boolean;
  migrations: boolean;
}

/** One database's worth of stores, opened once and chosen from settings (`open-storage.ts`). */
export interface Storage {
  repo: Repository;
  /**
   * Limits that must hold across restarts and across instances: status changes, log-ins,
   * sign-ups, failed API keys. In the database, or in Redis when REDIS_URL is set.
   */
  hitCounter: HitCounter;
  /**
   * The per-key API limit, counted on every request. On SQLite, this process's memory (one
   * server owns the file, and a write per request would cost more than the request); shared by
   * every instance otherwise.
   */
  requestCounter: HitCounter;
  jobs: JobStore;
  idempotency: IdempotencyStore;
  accounts: AccountStore;
  ready(): Promise<Readiness>;
  /** Whether an error means the database is out of reach for now (a 503 that a retry may cure), not a fault of the request or the code. */
  isUnavailable(error: unknown): boolean;
  /**
   * Waits for the statements and transactions in flight (each commits or rolls back as it would
   * have), then closes every connection. Afterwards `ready()` answers that the database is not
   * there (the readiness probe's 503), and nothing else may be called.
   */
  close(): Promise<void>;
}
