import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { DatabaseSettings } from "../../settings";
import type { Storage } from "../storage";
import { postgresAccountStore } from "./account-store";
import { postgresHitCounter } from "./hit-counter";
import { postgresIdempotencyStore } from "./idempotency-store";
import { postgresJobStore } from "./job-store";
import { connectPostgres, migratePostgres, migrationsFolder } from "./open";
import { createPostgresRepository } from "./repository";
import { isConnectionError, transactionsSettled } from "./transaction";

const migrationCount = (JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

/**
 * Everything the app and the jobs keep, in PostgreSQL, shared by every instance: migrated (under
 * a lock) before the pool opens. Without Redis, the limits count in the database too.
 */
export async function openPostgresStorage(settings: Pick<Extract<DatabaseSettings, { kind: "postgres" }>, "url" | "poolSize">): Promise<Storage> {
  await migratePostgres(settings.url);
  const db = connectPostgres(settings.url, settings.poolSize);
  const hitCounter = postgresHitCounter(db);
  return {
    repo: createPostgresRepository(db),
    hitCounter,
    requestCounter: hitCounter,
    jobs: postgresJobStore(db),
    idempotency: postgresIdempotencyStore(db),
    accounts: postgresAccountStore(db),
    async ready() {
      try {
        const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
        return { database: true, migrations: row?.n === migrationCount };
      } catch {
        return { database: false, migrations: false };
      }
    },
    isUnavailable: isConnectionError,
    async close() {
      // Transactions first: one between its statements holds no query that end() would wait for.
      await transactionsSettled(db);
      await db.$client.end({ timeout: 10 });
    },
  };
}
