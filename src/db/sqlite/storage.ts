import { memoryHitCounter } from "../hit-counter";
import type { Storage } from "../storage";
import { sqliteAccountStore } from "./account-store";
import { sqliteHitCounter } from "./hit-counter";
import { sqliteIdempotencyStore } from "./idempotency-store";
import { sqliteJobStore } from "./job-store";
import { groupCommitOf } from "./group-commit";
import { openSqlite } from "./open";
import { sqliteReadiness } from "./readiness";
import { createSqliteRepository } from "./repository";

/** Everything the app and the jobs keep, in one SQLite file (or in memory). */
export function openSqliteStorage(path: string): Storage & { db: ReturnType<typeof openSqlite> } {
  const db = openSqlite(path);
  return {
    db,
    repo: createSqliteRepository(db),
    hitCounter: sqliteHitCounter(db),
    requestCounter: memoryHitCounter(),
    jobs: sqliteJobStore(db),
    idempotency: sqliteIdempotencyStore(db),
    accounts: sqliteAccountStore(db),
    ready: sqliteReadiness(db),
    // The busy timeout ran out: another process held the write lock for all of it.
    isUnavailable: (error) => (error as { code?: string } | null)?.code === "SQLITE_BUSY",
    close: async () => {
      // The writes queued for the next group commit are committed (and answered) first.
      await groupCommitOf(db.$client).drain();
      // SQLite's advice for a closing connection: refresh the planner's statistics if they aged.
      db.$client.run("PRAGMA optimize");
      db.$client.close();
    },
  };
}
