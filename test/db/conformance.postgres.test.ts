/**
 * The storage conformance suite on PostgreSQL, each test on a database of its own copied from a
 * migrated template (`test/support/postgres.ts`), the cross-instance cases with two storages on
 * one; the preload drops them all when the run ends.
 * PostgreSQL is always there (here and in CI): a connection failure fails the run.
 */
import { describe, expect, test } from "bun:test";
import postgres from "postgres";
import { storageConformance } from "./conformance";
import { createdTestDatabases, freshPostgresDatabase, openTestPostgresStorage, openTestPostgresTwins } from "../support/postgres";
import { needs } from "../support/services";

const services = needs("postgres");

describe.skipIf(services.skip)(`on PostgreSQL${services.because}`, () => {
  describe("the PostgreSQL test databases", () => {
    test("a fresh database is a migrated copy of the template, with no rows, and is this run's own", async () => {
      const url = await freshPostgresDatabase();
      const client = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const tables = await client<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public' order by 1`;
        expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(["reservations", "status_log", "outbox", "idempotency_keys", "rate_limits", "users", "sessions"]));
        expect(await client`select 1 from reservations`).toHaveLength(0);
      } finally {
        await client.end();
      }
      expect(createdTestDatabases()).toContain(new URL(url).pathname.slice(1));
    });
  });

  storageConformance("PostgreSQL", () => openTestPostgresStorage(), { twins: () => openTestPostgresTwins() });
});
