import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Readiness } from "../storage";
import { migrationsFolder, type SqliteDb } from "./open";

/** Ready when the database answers and every migration in drizzle/sqlite has been applied. */
export function sqliteReadiness(db: SqliteDb): () => Promise<Readiness> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
  const applied = db.$client.query<{ n: number }, []>("select count(*) as n from __drizzle_migrations");
  return async () => {
    try {
      const count = applied.get()!.n;
      return { database: true, migrations: count === journal.entries.length };
    } catch {
      return { database: false, migrations: false };
    }
  };
}
