/**
 * `bun run db:copy-to-postgres -- --from <SQLite path or file: URL> --to <postgres:// URL>`:
 * moves a deployment's SQLite data into an empty PostgreSQL database, both migrated first as the
 * server would migrate them, all tables in one transaction. Exits 1, having written nothing, when
 * PostgreSQL already holds data or any table fails. URLs may carry passwords: none is printed.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { copySqliteToPostgres, TableCopyFailed, TargetNotEmpty } from "../db/postgres/copy-from-sqlite";
import { connectPostgres, migratePostgres } from "../db/postgres/open";
import { openSqlite } from "../db/sqlite/open";
import { redact } from "../lib/redact";
import { isPostgresUrl, sqlitePath } from "../settings";

const USAGE = "usage: bun run db:copy-to-postgres -- --from <SQLite path or file: URL> --to <postgres:// URL>";

class UsageError extends Error {}

/** Runs the command; answers the exit code. Everything it prints has been through `redact`. */
export async function copyToPostgres(args: string[], print = console.log, complain = console.error): Promise<number> {
  let secrets: string[] = [];
  const clean = (text: string) => redact(text, secrets);
  try {
    const { from, to } = readArguments(args);
    secrets = passwordsOf(to);
    const copied = await copy(from, to);
    print(clean(`Copied ${from} into ${to}, in one transaction:`));
    const width = Math.max(...[...copied.keys()].map((table) => table.length));
    for (const [table, rows] of copied) print(`  ${table.padEnd(width)}  ${rows}`);
    print("Start the server with DATABASE_URL set to the PostgreSQL URL.");
    return 0;
  } catch (error) {
    complain(clean(explain(error)));
    return 1;
  }
}

function readArguments(args: string[]): { from: string; to: string } {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" } }, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { from, to } = values;
  if (!from || !to) throw new UsageError("both --from and --to are required");
  if (!isPostgresUrl(to)) throw new UsageError("--to must be a postgres:// or postgresql:// URL");
  const path = sqlitePath(from);
  if (path === ":memory:") throw new UsageError("--from must name a SQLite file, not :memory:");
  // Opening a missing path would create an empty database and copy nothing from it.
  if (!existsSync(path)) throw new UsageError(`--from: there is no SQLite file at ${path}`);
  return { from: path, to };
}

/** The password as it stands in the URL and decoded, since either may appear in a driver's error. */
function passwordsOf(url: string): string[] {
  const { password } = new URL(url);
  return password ? [password, decodeURIComponent(password)] : [];
}

async function copy(path: string, url: string): Promise<Map<string, number>> {
  const source = openSqlite(path);
  try {
    await migratePostgres(url);
    const target = connectPostgres(url, 1);
    try {
      return await copySqliteToPostgres(source, target);
    } finally {
      await target.$client.end({ timeout: 5 });
    }
  } finally {
    source.$client.close();
  }
}

function explain(error: unknown): string {
  if (error instanceof UsageError) return `${error.message}\n${USAGE}`;
  if (error instanceof TargetNotEmpty) return `Refused: ${error.message}. Nothing was copied.`;
  if (error instanceof TableCopyFailed) return `Failed: ${error.message}`;
  return `Failed, so nothing was copied: ${error instanceof Error ? error.message : String(error)}`;
}

if (import.meta.main) process.exit(await copyToPostgres(process.argv.slice(2)));
