/**
 * PostgreSQL databases for tests: each test run has its own, named `tk_test_<pid>_<random>_…`,
 * so that runs in parallel (worktrees, CI jobs) never see each other's rows. The migrations in
 * `drizzle/postgres` are applied once, into a template database; every fresh storage is a new
 * database copied from it (`CREATE DATABASE … TEMPLATE …`), which takes milliseconds where
 * migrating would take far longer. Schemas per test would be cheaper still, but drizzle-kit's
 * SQL names `"public".…` in its foreign keys, so a copy in another schema would point back at
 * the first. `dropTestDatabases` (registered once, by the preload `postgres-cleanup.ts`) drops
 * every database this run created.
 *
 * PostgreSQL is always there on a developer's machine and in CI: a connection failure fails the
 * run, it is never a reason to skip.
 */
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { openPostgresStorage } from "../../src/db/postgres/storage";
import type { Storage } from "../../src/db/storage";

/** The server's maintenance database, from which test databases are created and dropped. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const migrationsFolder = fileURLToPath(new URL("../../drizzle/postgres", import.meta.url));
const runPrefix = `tk_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const created: string[] = [];
let admin: postgres.Sql | null = null;
let template: Promise<string> | null = null;
let serial = 0;

/** The URL of database `name` on the admin URL's server. */
export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.href;
}

/** Statements the admin pool runs at once: a DROP takes a few hundred milliseconds, and a run makes hundreds. */
const ADMIN_POOL_SIZE = 8;

function adminClient(): postgres.Sql {
  admin ??= postgres(POSTGRES_ADMIN_URL, { max: ADMIN_POOL_SIZE, onnotice: () => {} });
  return admin;
}

async function createDatabase(name: string, from?: string): Promise<void> {
  const sql = adminClient();
  // Recorded before it exists: a CREATE that fails half way is dropped (IF EXISTS) all the same.
  created.push(name);
  await sql.unsafe(from ? `create database "${name}" template "${from}"` : `create database "${name}"`);
}

/** The migrated template, created on first use. Its connection is closed: a copy needs it idle. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `${runPrefix}_template`;
    await createDatabase(name);
    const client = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.end();
    }
    return name;
  })();
  return template;
}

/** A new, migrated, empty database of this run; answers its URL. */
export async function freshPostgresDatabase(): Promise<string> {
  const from = await migratedTemplate();
  serial += 1;
  const name = `${runPrefix}_${serial}`;
  await createDatabase(name, from);
  return databaseUrl(name);
}

/** The names of the databases this run has created and not yet dropped. */
export function createdTestDatabases(): readonly string[] {
  return [...created];
}

/**
 * Drops every database this run created, closing whatever connections are still open to them:
 * the copies at once (on the admin pool), then the template, which a copy still being made
 * would hold. Give the hook that calls it time: `DROP_TIMEOUT_MS`.
 */
export async function dropTestDatabases(): Promise<void> {
  if (!admin) return;
  const sql = admin;
  const templateName = template ? await template.catch(() => null) : null;
  const names = created.splice(0);
  const drop = (name: string) => sql.unsafe(`drop database if exists "${name}" with (force)`);
  await Promise.all(names.filter((name) => name !== templateName).map(drop));
  if (templateName) await drop(templateName);
  template = null;
  admin = null;
  await sql.end();
}

/** How long the end of a run may take to drop its databases: about 40 a second on one server. */
export const DROP_TIMEOUT_MS = 120_000;

/**
 * A PostgreSQL storage on a fresh database of this run. `idleSeconds` closes a pool's idle
 * connections after that long: test apps are never closed (a run builds hundreds, and the server
 * allows 100 connections), so their pools must empty themselves. It travels in the URL, where
 * postgres.js reads `idle_timeout` unless the backend sets it.
 */
export async function openTestPostgresStorage(poolSize = 10, idleSeconds?: number): Promise<Storage> {
  const url = new URL(await freshPostgresDatabase());
  if (idleSeconds !== undefined) url.searchParams.set("idle_timeout", String(idleSeconds));
  return openPostgresStorage({ url: url.href, poolSize });
}

/** Two PostgreSQL storages on one fresh database of this run: two instances of the service. */
export async function openTestPostgresTwins(poolSize = 10): Promise<[Storage, Storage]> {
  const url = await freshPostgresDatabase();
  return [await openPostgresStorage({ url, poolSize }), await openPostgresStorage({ url, poolSize })];
}

export interface TestDatabase {
  url: string;
  /** Drops it now, closing whatever is still connected; the end of the run would otherwise. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of this run, for a test that starts servers of its own on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = await freshPostgresDatabase();
  const name = new URL(url).pathname.slice(1);
  return {
    url,
    async drop() {
      const index = created.indexOf(name);
      if (index < 0) return;
      created.splice(index, 1);
      await adminClient().unsafe(`drop database if exists "${name}" with (force)`);
    },
  };
}
