/**
 * `bun run db:copy-to-postgres`, run as the operator runs it, from a SQLite file that the app
 * itself filled, into a PostgreSQL database of the test's own; what arrived is read back through
 * the PostgreSQL stores and compared with what the SQLite stores answer.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, setSystemTime, test } from "bun:test";
import { join } from "node:path";
import { getTableColumns, getTableName, is, Table } from "drizzle-orm";
import { createApp } from "../../src/app";
import { copyOrder } from "../../src/db/postgres/copy-from-sqlite";
import * as pgSchema from "../../src/db/postgres/schema";
import { openPostgresStorage } from "../../src/db/postgres/storage";
import * as sqliteSchema from "../../src/db/sqlite/schema";
import type { Storage } from "../../src/db/storage";
import { API_KEY, booking, buildTestApp, restaurant, type TestApp } from "../support/app";
import { countIn, DATABASE_MS, PASSWORD, runCopy, scratch, tableNames } from "./copy-to-postgres-support";
import { needs } from "../support/services";

const services = needs("postgres");

describe.skipIf(services.skip)(`db:copy-to-postgres${services.because}`, () => {
  setDefaultTimeout(DATABASE_MS);
  const space = scratch();
  const sqliteCounts = (t: TestApp) =>
    Object.fromEntries(tableNames.map((table) => [table, (t.db.$client.query(`select count(*) as n from ${table}`).get() as { n: number }).n]));
  const printedCounts = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^ {2}(\w+)\s+(\d+)$/gm)].map(([, table, n]) => [table, Number(n)]));
  const sha256 = (text: string) => new Bun.CryptoHasher("sha256").update(text).digest("hex");

  const bistro = restaurant();
  const NOW = new Date("2026-12-01T12:00:00Z");
  /** More than one insert batch, so that paging and the outbox's ids are tested across pages. */
  const QUEUED = 1_500;
  /** Booked with an Idempotency-Key, and retried with it after the copy. */
  const retriedBooking = booking(bistro.id, { email: "ada@example.com", receiveEmailUpdates: true });

  beforeAll(() => setSystemTime(NOW));
  afterAll(async () => {
    setSystemTime();
    await space.cleanup();
  }, DATABASE_MS);

  /** A SQLite file with one of everything the app keeps, written through the app and its stores. */
  async function filledSqlite(path: string) {
    const t = await buildTestApp({ path, restaurants: [bistro] });
    const post = (body: unknown, key?: string) => t.call("POST", "/api/v1/reservations", body, key ? { "idempotency-key": key } : {});
    expect((await t.call("PUT", `/api/v1/restaurants/${bistro.id}/special-days/2026-12-24`, { hours: [{ open: "12:00", close: "14:00" }] })).status).toBe(200);
    expect((await t.call("PUT", `/api/v1/restaurants/${bistro.id}/special-days/2026-12-25`, { closed: true })).status).toBe(200);
    const firstBody = await (await post(retriedBooking, "book-once")).json();
    const second = await post(booking(bistro.id, { date: "2026-12-19T20:00", occasion: "birthday" }));
    const [booked, other] = [firstBody.id as string, (await second.json()).id as string];
    expect((await t.call("PUT", `/api/v1/reservations/${booked}/status`, { state: "cancelled", reason: "plans changed" })).status).toBe(200);

    const user = await t.services.accounts.signUp({ email: "grace@example.com", password: "correct horse battery", firstName: "Grace", lastName: "Hopper", phone: "(415) 555-2671" });
    const { token } = await t.services.accounts.startSession(user.id);
    await t.services.accounts.setFavourite(user.id, bistro.id, true);
    expect(await t.storage.repo.claimReservation(other, user.id)).toBe(true);
    const queued = Array.from({ length: QUEUED }, (_, n) => ({
      dedupeKey: `copy-test-${n}`,
      reservationId: other,
      kind: "reminder",
      channel: "webhook",
      subscriber: "crm",
      payload: { n, nested: { flag: n % 2 === 0 } },
    }));
    expect(await t.storage.jobs.queueNotifications(queued, Date.now())).toBe(QUEUED);
    return { t, booked, other, user, token, firstBody };
  }

  describe("the copy order", () => {
    const tablesOf = (schema: Record<string, unknown>) => Object.values(schema).filter((value): value is Table => is(value, Table));

    test("holds every table of both schemas once, twin beside twin, with the same columns", () => {
      const names = (tables: Table[]) => tables.map((table) => getTableName(table)).sort();
      expect(names(copyOrder.map(([from]) => from))).toEqual(names(tablesOf(sqliteSchema)));
      expect(names(copyOrder.map(([, to]) => to))).toEqual(names(tablesOf(pgSchema)));
      // A column only one twin has would be dropped without a word by the insert.
      const columns = (table: Table) => Object.values(getTableColumns(table)).map((column) => column.name).sort();
      for (const [from, to] of copyOrder) expect({ table: getTableName(to), columns: columns(to) }).toEqual({ table: getTableName(from), columns: columns(from) });
    });
  });

  describe("db:copy-to-postgres", () => {
    let sqlite: Awaited<ReturnType<typeof filledSqlite>>;
    let url: string;
    let copy: Awaited<ReturnType<typeof runCopy>>;
    let pg: Storage;

    beforeAll(async () => {
      sqlite = await filledSqlite(join(space.dir, "full.db"));
      url = await space.database();
      copy = await runCopy(`file:${join(space.dir, "full.db")}`, url);
      pg = await openPostgresStorage({ url, poolSize: 2 });
    }, DATABASE_MS);
    afterAll(async () => {
      await pg?.close();
      await sqlite?.t.storage.close();
    });

    test("copies every table and prints how many rows of each, the same counts SQLite holds", () => {
      expect({ code: copy.code, stderr: copy.stderr }).toEqual({ code: 0, stderr: "" });
      const counts = sqliteCounts(sqlite.t);
      expect(printedCounts(copy.stdout)).toEqual(counts);
      for (const table of ["restaurants", "special_days", "users", "sessions", "favourites", "reservations", "status_log", "outbox", "idempotency_keys"]) {
        expect(counts[table]).toBeGreaterThan(0);
      }
    });

    test("never prints the password of the PostgreSQL URL", () => {
      expect(copy.stdout + copy.stderr).not.toContain(PASSWORD);
      expect(copy.stdout).toContain("postgres://postgres:***@127.0.0.1:5432/");
    });

    test("reservations, their status logs and the restaurant with its special days read the same from PostgreSQL", async () => {
      const { repo } = sqlite.t.storage;
      for (const id of [sqlite.booked, sqlite.other]) {
        expect(await pg.repo.getReservation(id)).toEqual((await repo.getReservation(id))!);
        expect(await pg.repo.statusLog(id, 100)).toEqual(await repo.statusLog(id, 100));
      }
      expect((await pg.repo.getReservation(sqlite.booked))?.status).toBe(4);
      const place = await pg.repo.getRestaurant(bistro.id);
      expect(place).toEqual((await repo.getRestaurant(bistro.id))!);
      expect(place?.specialDays).toEqual({ "2026-12-24": [{ open: "12:00", close: "14:00" }], "2026-12-25": [] });
    });

    test("the guest's account, session, favourites and claimed reservation come across", async () => {
      const { accounts } = sqlite.t.storage;
      const user = await pg.accounts.userByEmail("grace@example.com");
      expect(user).toEqual((await accounts.userByEmail("grace@example.com"))!);
      expect(user?.lastLoginAt).toBe(NOW.getTime());
      expect(await pg.accounts.session(sha256(sqlite.token), Date.now())).toEqual((await accounts.session(sha256(sqlite.token), Date.now()))!);
      expect(await pg.accounts.favourites(sqlite.user.id)).toEqual([bistro.id]);
      expect((await pg.repo.getReservation(sqlite.other))?.ownerUserId).toBe(sqlite.user.id);
    });

    test("the outbox comes across with its ids, states and order", async () => {
      const everything = { limit: QUEUED + 100 };
      const copied = await pg.jobs.listNotifications(everything);
      expect(copied).toEqual(await sqlite.t.storage.jobs.listNotifications(everything));
      expect(copied.items.length).toBeGreaterThan(QUEUED);
    });

    test("a retry of a POST with the same Idempotency-Key is answered from the copied key, booking nothing", async () => {
      const booked = await countIn(url, "reservations");
      const { app } = createApp({ settings: sqlite.t.settings, storage: pg });
      const retry = await app.request("/api/v1/reservations", {
        method: "POST",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", "idempotency-key": "book-once" },
        body: JSON.stringify(retriedBooking),
      });
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(await retry.json()).toEqual(sqlite.firstBody);
      expect(await countIn(url, "reservations")).toBe(booked);
    });

    test("a status change written after the copy gets a log id above every copied one", async () => {
      const copiedIds = (await pg.repo.statusLog(sqlite.other, 100)).items.map((entry) => entry.id);
      const highest = (sqlite.t.db.$client.query("select max(id) as id from status_log").get() as { id: number }).id;
      const { app } = createApp({ settings: sqlite.t.settings, storage: pg });
      const change = await app.request(`/api/v1/reservations/${sqlite.other}/status`, {
        method: "PUT",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ state: "cancelled", reason: "after the move" }),
      });
      expect(change.status).toBe(200);
      const after = (await pg.repo.statusLog(sqlite.other, 100)).items;
      expect(after.slice(0, copiedIds.length).map((entry) => entry.id)).toEqual(copiedIds);
      expect(after.at(-1)).toMatchObject({ reason: "after the move" });
      expect(after.at(-1)!.id).toBeGreaterThan(highest);
    });

    test("a second run into the same database refuses with exit code 1 and copies nothing more", async () => {
      const before = await pg.jobs.outboxDepth();
      const again = await runCopy(join(space.dir, "full.db"), url);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("already holds restaurants and reservations");
      expect(again.stdout + again.stderr).not.toContain(PASSWORD);
      expect(await pg.jobs.outboxDepth()).toBe(before);
    });
  });
});
