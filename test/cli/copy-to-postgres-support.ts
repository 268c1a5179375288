/**
 * What the copy command's tests share: scratch PostgreSQL databases of their own (dropped at the
 * end, whoever still holds a connection), a scratch folder for SQLite files, and the command run
 * as a child process, as an operator runs it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName } from "drizzle-orm";
import postgres from "postgres";
import { copyOrder } from "../../src/db/postgres/copy-from-sqlite";

const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
/** In every scratch URL: trust auth ignores it, and no output of the command may show it. */
export const PASSWORD = "copy-secret-pw";
const REPO = join(import.meta.dir, "../..");
/**
 * For tests and hooks that create or drop a database: each forces a checkpoint, which takes
 * seconds when other work on the machine keeps PostgreSQL busy, past bun's 5 s default.
 */
export const DATABASE_MS = 60_000;

export const tableNames = copyOrder.map(([, to]) => getTableName(to));

export async function runCopy(from: string, to: string) {
  const child = Bun.spawn(["bun", "src/cli/copy-to-postgres.ts", "--from", from, "--to", to], { cwd: REPO, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, code };
}

/** Rows in a PostgreSQL table, read past the stores. */
export async function countIn(url: string, table: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await client.unsafe(`select count(*)::int as n from ${table}`))[0]!.n;
  } finally {
    await client.end();
  }
}

/** One test file's scratch space; `cleanup` in its `afterAll`. */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), "tablekeeper-copy-"));
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const databases: string[] = [];
  return {
    dir,
    /** A fresh, empty database's URL. */
    async database(): Promise<string> {
      const name = `tk_copy_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
      await admin.unsafe(`CREATE DATABASE ${name}`);
      databases.push(name);
      return `postgres://postgres:${PASSWORD}@127.0.0.1:5432/${name}`;
    },
    async cleanup() {
      for (const name of databases) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
