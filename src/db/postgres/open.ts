import { fileURLToPath } from "node:url";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type PostgresDb = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export const migrationsFolder = fileURLToPath(new URL("../../../drizzle/postgres", import.meta.url));

/** Any key will do, as long as every instance takes the same one before migrating. */
const MIGRATION_LOCK = 7_246_581_301;

const INT8 = 20;

/**
 * A pool of `poolSize` connections. Instants are bigint columns; they are read as numbers (epoch
 * milliseconds fit in 2^53). A lost connection is replaced on the next query, so the service
 * comes back by itself when PostgreSQL does.
 */
export function connectPostgres(url: string, poolSize: number): PostgresDb {
  const client = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    connect_timeout: 5,
    types: { bigint: { to: INT8, from: [INT8], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
  });
  return drizzle({ client, schema }) as PostgresDb;
}

/**
 * Applies `drizzle/postgres` on one connection of its own, under an advisory lock, so that
 * instances starting together migrate one after the other and the later ones find nothing to do.
 */
export async function migratePostgres(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}
