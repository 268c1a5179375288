/**
 * SQLite's group commit: writes that arrive in the same turn share one transaction, each in its
 * own savepoint. A refused write rolls back alone, the seat check stays exact within the batch,
 * and nobody is answered before the commit that holds their write.
 */
import { Database } from "bun:sqlite";
import { afterEach, beforeEach, expect, setSystemTime, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { groupCommit } from "../../src/db/sqlite/group-commit";
import { buildTestApp, booking, onPostgres, restaurant } from "../support/app";

const NOW = Date.parse("2026-12-01T12:00:00Z");
beforeEach(() => setSystemTime(new Date(NOW)));
afterEach(() => setSystemTime());

const frontDesk = { kind: "api_key", name: "frontdesk" } as const;

// SQLite's own: it reads the file through a second connection (PostgreSQL does not group commits).
test.skipIf(onPostgres)("a batch where some bookings fit and some do not commits the ones that fit, and refuses the rest alone", async () => {
  // Ten covers: four parties of three and a party that breaks a field rule, all in one turn.
  const bistro = restaurant({ capacity: 10, maxPartySize: 6 });
  const dir = mkdtempSync(join(tmpdir(), "tablekeeper-group-"));
  const path = join(dir, "app.db");
  try {
    const t = await buildTestApp({ path, restaurants: [bistro] });
    const other = new Database(path, { readonly: true });
    const visibleElsewhere = (id: string) => other.query("select 1 from reservations where id = ?").get(id) !== null;
    const create = (overrides: Record<string, unknown>) => t.services.reservations.create(booking(bistro.id, overrides) as never, frontDesk);
    const attempts = [create({ guestCount: 3 }), create({ guestCount: 3 }), create({ guestCount: 7 }), create({ guestCount: 3 }), create({ guestCount: 3 })];
    const outcomes = await Promise.allSettled(
      attempts.map((attempt) =>
        // Answered only once committed: another connection already sees the row.
        attempt.then((view) => ({ id: view.row.id, committed: visibleElsewhere(view.row.id) })),
      ),
    );
    const refusedBecause = (outcome: PromiseSettledResult<unknown>) => (outcome.status === "rejected" ? (outcome.reason as { code: string }).code : "booked");
    expect(outcomes.map(refusedBecause)).toEqual(["booked", "booked", "validation_failed", "booked", "conflict"]);
    const booked = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    expect(booked.every((write) => write.committed)).toBe(true);
    const rows = other.query("select id, guest_count as guestCount from reservations order by id").all() as Array<{ id: string; guestCount: number }>;
    expect(rows.map((row) => row.id).sort()).toEqual(booked.map((write) => write.id).sort());
    expect(rows.reduce((covers, row) => covers + row.guestCount, 0)).toBe(9);
    other.close();
    await t.storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("writes queued in one turn run in one transaction, in order, each seeing the ones before it", async () => {
  const client = new Database(":memory:");
  client.run("create table counter (n integer)");
  client.run("insert into counter values (0)");
  const group = groupCommit(client);
  const bump = () =>
    group.write(() => {
      client.run("update counter set n = n + 1");
      return { n: (client.query("select n from counter").get() as { n: number }).n, inTransaction: client.inTransaction };
    });
  const refuse = () =>
    group.write(() => {
      client.run("update counter set n = n + 100");
      throw new Error("refused");
    });
  const results = await Promise.allSettled([bump(), refuse(), bump(), bump()]);
  expect(results.map((result) => (result.status === "fulfilled" ? result.value : (result.reason as Error).message))).toEqual([
    { n: 1, inTransaction: true },
    "refused",
    { n: 2, inTransaction: true },
    { n: 3, inTransaction: true },
  ]);
  expect(client.inTransaction).toBe(false);
  expect(client.query("select n from counter").get()).toEqual({ n: 3 });
});

test("when the commit itself fails, every write in the batch fails and none is kept", async () => {
  const client = new Database(":memory:");
  client.run("pragma foreign_keys = on");
  client.run("pragma defer_foreign_keys = on");
  client.run("create table parent (id integer primary key)");
  client.run("create table child (parent_id integer references parent(id) deferrable initially deferred)");
  const group = groupCommit(client);
  // The orphan is only found at COMMIT, so the whole group's transaction is refused.
  const results = await Promise.allSettled([
    group.write(() => client.run("insert into parent values (1)")),
    group.write(() => client.run("insert into child values (2)")),
  ]);
  expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
  expect(client.query("select count(*) as n from parent").get()).toEqual({ n: 0 });
});
