import type { Settings } from "../settings";
import { openSqliteStorage } from "./sqlite/storage";
import type { Storage } from "./storage";

/**
 * The storage the settings ask for: the embedded SQLite file unless DATABASE_URL is a
 * postgres:// URL. PostgreSQL's driver is loaded only then, so the embedded default does not pay
 * for it.
 */
export async function openStorage(settings: Pick<Settings, "database">): Promise<Storage> {
  const { database } = settings;
  if (database.kind === "sqlite") return openSqliteStorage(database.path);
  const { openPostgresStorage } = await import("./postgres/storage");
  return openPostgresStorage(database);
}
