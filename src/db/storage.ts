import type { AccountStore } from "./account-store";
import type { HitCounter } from "./hit-counter";
import type { IdempotencyStore } from "./idempotency-store";
import type { JobStore } from "./job-store";
import type { Repository } from "./repository";

export interface Readiness {
  database: boolean;
  migrations: boolean;
}

/** One database's worth of stores, opened once and chosen from settings. */
export interface Storage {
  repo: Repository;
  hitCounter: HitCounter;
  jobs: JobStore;
  idempotency: IdempotencyStore;
  accounts: AccountStore;
  ready(): Promise<Readiness>;
  close(): void;
}
