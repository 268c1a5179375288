/**
 * Moves one SQLite database's rows into an empty PostgreSQL database. Rows are read through the
 * SQLite schema and written through its PostgreSQL twin, so Drizzle converts each value (0/1 to
 * boolean, JSON text to jsonb, integer instants to bigint) exactly as the app's own stores do.
 */
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { SqliteDb } from "../sqlite/open";
import * as lite from "../sqlite/schema";
import type { PostgresDb } from "./open";
import type { Tx as Transaction } from "./transaction";
import * as pg from "./schema";

/** Parents before children, so that every foreign key finds its row already there. */
export const copyOrder: ReadonlyArray<readonly [SQLiteTable, PgTable]> = [
  [lite.restaurants, pg.restaurants],
  [lite.specialDays, pg.specialDays],
  [lite.users, pg.users],
  [lite.sessions, pg.sessions],
  [lite.favourites, pg.favourites],
  [lite.reservations, pg.reservations],
  [lite.statusLog, pg.statusLog],
  [lite.outbox, pg.outbox],
  [lite.idempotencyKeys, pg.idempotencyKeys],
  [lite.rateLimits, pg.rateLimits],
];

/**
 * Rows per INSERT: large enough to be quick, small enough that the widest table (20 columns)
 * stays far below PostgreSQL's 65,535 parameters a statement and a big file never becomes one
 * huge statement.
 */
export const BATCH_ROWS = 1000;

/** PostgreSQL already holds a data set: copying another beside it would mix the two. */
export class TargetNotEmpty extends Error {}

/** A table's rows could not be written; the transaction rolled back, so PostgreSQL holds none. */
export class TableCopyFailed extends Error {
  constructor(
    readonly table: string,
    cause: unknown,
  ) {
    super(`copying ${table} failed, so nothing was copied: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Copies every table in one PostgreSQL transaction and answers the rows copied per table. The
 * SQLite side is read inside one read transaction, so the copy is one consistent snapshot even
 * if a writer is still at work (whose later writes it will not have).
 */
export async function copySqliteToPostgres(source: SqliteDb, target: PostgresDb): Promise<Map<string, number>> {
  const copied = new Map<string, number>();
  source.$client.run("BEGIN");
  try {
    await target.transaction(async (tx) => {
      await refuseUnlessEmpty(tx);
      for (const [from, to] of copyOrder) {
        const table = getTableName(to);
        try {
          copied.set(table, await copyTable(source, tx, from, to));
          await moveIdentitiesPastCopiedIds(tx, to);
        } catch (error) {
          throw new TableCopyFailed(table, error);
        }
      }
    });
  } finally {
    source.$client.run("COMMIT");
  }
  return copied;
}

async function refuseUnlessEmpty(tx: Transaction): Promise<void> {
  const [row] = await tx.execute<{ restaurants: boolean; reservations: boolean }>(
    sql`select exists (select 1 from restaurants) as restaurants, exists (select 1 from reservations) as reservations`,
  );
  const held = (["restaurants", "reservations"] as const).filter((table) => row?.[table]);
  if (held.length > 0) throw new TargetNotEmpty(`the PostgreSQL database already holds ${held.join(" and ")}: copy only into an empty database`);
}

/** Pages by rowid, which every table here has, so each page is an index step, not an OFFSET scan. */
async function copyTable(source: SqliteDb, tx: Transaction, from: SQLiteTable, to: PgTable): Promise<number> {
  const keepsIds = identityColumns(to).length > 0;
  let after = 0;
  let count = 0;
  for (;;) {
    const page = await source
      .select({ rowid: sql<number>`rowid`, row: from })
      .from(from)
      .where(sql`rowid > ${after}`)
      .orderBy(sql`rowid`)
      .limit(BATCH_ROWS);
    if (page.length === 0) return count;
    const rows = page.map(({ row }) => row) as never[];
    // Ids are what the API and other rows know an entry by: they must come across unchanged.
    await (keepsIds ? tx.insert(to).overridingSystemValue().values(rows) : tx.insert(to).values(rows));
    count += page.length;
    after = page[page.length - 1]!.rowid;
  }
}

const identityColumns = (table: PgTable) => Object.values(getTableColumns(table)).filter((column) => column.generatedIdentity);

/** Ids given out after the copy must start above the copied ones, or the next insert collides. */
async function moveIdentitiesPastCopiedIds(tx: Transaction, table: PgTable): Promise<void> {
  const name = getTableName(table);
  for (const column of identityColumns(table)) {
    await tx.execute(
      sql`select setval(pg_get_serial_sequence(${name}, ${column.name}), coalesce(max(${sql.identifier(column.name)}), 0) + 1, false) from ${table}`,
    );
  }
}
