/**
 * The hand-written data move of migration 0004: an outbox written before it (one row per event)
 * becomes one row per channel, with the old state kept, so nothing is sent twice or lost.
 */
import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import { migrationsFolder, openSqlite } from "../../src/db/sqlite/open";
import { restaurant } from "../support/app";

const dir = mkdtempSync(join(tmpdir(), "tablekeeper-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations up to 0003, as a database written before this change had them. */
function migrationsBefore0004(): string {
  const folder = join(dir, "before-0004");
  mkdirSync(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((entry: { idx: number }) => entry.idx < 4);
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries as Array<{ tag: string }>) copyFileSync(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  return folder;
}

test("0004 turns each old outbox row into an email, sms and voice row in the same state", () => {
  const path = join(dir, "old.db");
  const client = new Database(path, { create: true, strict: true });
  migrate(drizzle({ client }), { migrationsFolder: migrationsBefore0004() });
  const bistro = restaurant();
  client
    .query(`insert into restaurants (id, name, cuisine, address, time_zone, opening_hours, capacity, max_party_size, price_level)
            values (?, ?, 'french', 'x', ?, ?, 10, 6, 2)`)
    .run(bistro.id, bistro.name, bistro.timeZone, JSON.stringify(bistro.openingHours));
  client
    .query(`insert into reservations (id, restaurant_id, first_name, last_name, phone, receive_email_updates, receive_phone_call,
              receive_text_notification, starts_at, ends_at, guest_count, status, status_changed_at, created_at, updated_at)
            values ('r1', ?, 'Ada', 'Lovelace', '4155552671', 1, 1, 0, 1, 2, 2, 0, 0, 0, 0)`)
    .run(bistro.id);
  const old = client.query(`insert into outbox (dedupe_key, reservation_id, kind, payload, state, attempts, next_attempt_at, created_at, updated_at)
                            values (?, 'r1', ?, '{}', ?, ?, 5, 0, 0)`);
  old.run("r1:created", "reservation_created", "sent", 1);
  old.run("r1:reminder:120:1", "reminder", "pending", 0);
  client.close();

  const db = openSqlite(path);
  const rows = db.$client.query("select dedupe_key, channel, subscriber, state, attempts from outbox order by dedupe_key").all();
  expect(rows).toEqual([
    { dedupe_key: "r1:created:email", channel: "email", subscriber: null, state: "sent", attempts: 1 },
    { dedupe_key: "r1:created:sms", channel: "sms", subscriber: null, state: "sent", attempts: 1 },
    { dedupe_key: "r1:created:voice", channel: "voice", subscriber: null, state: "sent", attempts: 1 },
    { dedupe_key: "r1:reminder:120:1:email", channel: "email", subscriber: null, state: "pending", attempts: 0 },
    { dedupe_key: "r1:reminder:120:1:sms", channel: "sms", subscriber: null, state: "pending", attempts: 0 },
    { dedupe_key: "r1:reminder:120:1:voice", channel: "voice", subscriber: null, state: "pending", attempts: 0 },
  ]);
  expect(db.$client.query("select external_id, data_failures from restaurants").all()).toEqual([{ external_id: null, data_failures: 0 }]);
  db.$client.close();
});
