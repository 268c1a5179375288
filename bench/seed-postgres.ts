/**
 * The benchmark's PostgreSQL database: a fresh `tk_bench_<pid>` of its own on the local server,
 * filled from a SQLite file that `seedDatabase` seeded, so that both backends hold the same kind
 * of data. The copy is bench-local: the service's migrations make the schema, then every table of
 * the PostgreSQL schema is streamed in with `COPY … FROM STDIN` (text format), identities are
 * moved past the copied ids, and the tables are vacuumed and analyzed, as a long-lived database
 * has them.
 */
import { Database } from "bun:sqlite";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { migratePostgres } from "../src/db/postgres/open";
import * as schema from "../src/db/postgres/schema";

/** The local server, trust auth; the benchmark never talks to another host. */
export const PG_SERVER = "postgres://postgres@127.0.0.1:5432";

const admin = () => postgres(`${PG_SERVER}/postgres`, { max: 1, onnotice: () => {}, connect_timeout: 5 });

export interface BenchDatabase {
  name: string;
  url: string;
  /** Drops it, ending any connection still open to it; safe to call more than once. */
  drop(): Promise<void>;
}

export async function createBenchDatabase(name = `tk_bench_${process.pid}`): Promise<BenchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const sql = admin();
  try {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  let dropped: Promise<void> | null = null;
  const drop = () =>
    (dropped ??= (async () => {
      const sql = admin();
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    })());
  return { name, url: `${PG_SERVER}/${name}`, drop };
}

/** A value in COPY's text format: `\N` for null, backslash escapes for the characters it frames with. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "string" ? value : String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : text;
}

/** Parents before children, as the foreign keys have it. */
const TABLES: PgTable[] = [
  schema.restaurants,
  schema.specialDays,
  schema.users,
  schema.sessions,
  schema.favourites,
  schema.reservations,
  schema.statusLog,
  schema.outbox,
  schema.rateLimits,
  schema.idempotencyKeys,
];

/** A table added to the schema must be added above, or its rows would be left behind. */
function checkEveryTableListed(): void {
  const listed = new Set(TABLES);
  const missing = Object.entries(schema).filter(([, value]) => is(value, PgTable) && !listed.has(value as PgTable));
  if (missing.length > 0) throw new Error(`bench/seed-postgres.ts does not copy ${missing.map(([key]) => key).join(", ")}`);
}

/** Rows per chunk handed to the COPY stream. */
const CHUNK = 5_000;
/** A million rows take ~30 s here; a COPY still open after this has failed. */
const COPY_TIMEOUT_MS = 180_000;

/**
 * Copies every table of the PostgreSQL schema from the SQLite file at `sqlitePath` into the
 * (empty) database at `url`, in the schema's order, which is that of its foreign keys. Booleans
 * are SQLite's 0/1 and JSON its text, both of which PostgreSQL's input functions take as they are.
 */
export async function copySqliteToPostgres(sqlitePath: string, url: string): Promise<Record<string, number>> {
  checkEveryTableListed();
  await migratePostgres(url);
  const source = new Database(sqlitePath, { readonly: true });
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const counts: Record<string, number> = {};
  try {
    for (const table of TABLES) {
      const { name, columns } = getTableConfig(table);
      const names = columns.map((column) => column.name);
      const select = source.query(`select ${names.map((n) => `"${n}"`).join(", ")} from "${name}"`);
      let count = 0;
      async function* lines() {
        let chunk: string[] = [];
        for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
          chunk.push(names.map((n) => copyText(row[n])).join("\t"));
          count++;
          if (chunk.length === CHUNK) {
            yield `${chunk.join("\n")}\n`;
            chunk = [];
          }
        }
        if (chunk.length > 0) yield `${chunk.join("\n")}\n`;
      }
      const target = await sql`copy ${sql(name)} (${sql(names)}) from stdin`.writable();
      // A COPY that PostgreSQL rejects (a foreign key, a bad value) leaves postgres.js's stream
      // neither finished nor failed: bounded, so that the benchmark still ends by itself.
      let timer: Timer | undefined;
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`COPY into ${name} did not finish within ${COPY_TIMEOUT_MS / 1000} s (rejected by PostgreSQL?)`)), COPY_TIMEOUT_MS);
      });
      try {
        await Promise.race([pipeline(Readable.from(lines()), target), stuck]);
      } finally {
        clearTimeout(timer);
      }
      counts[name] = count;
      // COPY writes identity columns as given; the next generated id must come after them.
      for (const column of columns.filter((c) => (c as { generatedIdentity?: unknown }).generatedIdentity)) {
        await sql`select setval(pg_get_serial_sequence(${name}, ${column.name}), coalesce((select max(${sql(column.name)}) from ${sql(name)}), 0) + 1, false)`;
      }
    }
    // VACUUM as well as ANALYZE: otherwise autovacuum visits the freshly inserted tables during
    // the first measured runs, and its CPU would be counted against them.
    await sql`vacuum analyze`;
    return counts;
  } finally {
    source.close();
    await sql.end({ timeout: 5 });
  }
}
