import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { type BunSQLiteDatabase, drizzle } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import * as schema from "./schema";

export type SqliteDb = BunSQLiteDatabase<typeof schema> & { $client: Database };

export const migrationsFolder = fileURLToPath(new URL("../../../drizzle/sqlite", import.meta.url));

/**
 * Open (creating if needed) and migrate the database. WAL lets readers run beside the one
 * writer; synchronous=NORMAL keeps every committed transaction across a process crash, though
 * the last few may be lost on power loss; busy_timeout makes a second process wait, not fail.
 */
export function openSqlite(path: string): SqliteDb {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path, { create: true, strict: true });
  client.run("PRAGMA journal_mode = WAL");
  client.run("PRAGMA synchronous = NORMAL");
  client.run("PRAGMA busy_timeout = 5000");
  client.run("PRAGMA foreign_keys = ON");
  const db = drizzle({ client, schema });
  migrate(db, { migrationsFolder });
  gatherPlannerStatistics(client);
  return db;
}

/**
 * Gather the statistics the query planner needs for the indexes that lack them, as SQLite
 * recommends on opening a long-lived connection (cheap: it does nothing when they are current).
 */
export function gatherPlannerStatistics(client: Database): void {
  client.run("PRAGMA optimize=0x10002");
}
