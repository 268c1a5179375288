/**
 * Bulk seeding for the benchmark: reservations written straight into the server's SQLite file
 * with one prepared INSERT per transaction chunk, before the server opens it. The file is first
 * opened through `openSqliteStorage`, so the migrations and the demo restaurants are those of
 * the real service.
 */
import { seedDemoData } from "../src/db/seed";
import { gatherPlannerStatistics } from "../src/db/sqlite/open";
import { openSqliteStorage } from "../src/db/sqlite/storage";
import { type Restaurant, slotsForDay } from "../src/domain/restaurant";
import { guestLinkHash, newGuestLinkToken } from "../src/services/guest-links";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const SEED_DAYS = 170;

export interface SeedCounts {
  /** Upcoming reservations on open slots over the next `SEED_DAYS` days. */
  upcoming: number;
  /** Upcoming reservations starting 5 to 55 minutes from now: check-in (0 → 1) is allowed. */
  checkInSoon?: number;
  /** Upcoming reservations that started 16 to 200 minutes ago: due for the sweep to mark missed. */
  overdue?: number;
}

export interface Seeded {
  restaurants: Restaurant[];
  upcomingIds: string[];
  /** The private link token of each upcoming reservation, in the order of `upcomingIds`. */
  upcomingTokens: string[];
  checkInIds: string[];
  overdueIds: string[];
}

/** Every open seating of every restaurant from tomorrow on, in `SEED_DAYS` local days. */
export function openSlots(restaurants: Restaurant[], now: number, days = SEED_DAYS): Array<{ restaurant: Restaurant; startsAt: number }> {
  const slots: Array<{ restaurant: Restaurant; startsAt: number }> = [];
  for (const restaurant of restaurants) {
    const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(restaurant.timeZone).toPlainDate();
    for (let day = 1; day <= days; day++) {
      for (const startsAt of slotsForDay(restaurant, today.add({ days: day }))) slots.push({ restaurant, startsAt });
    }
  }
  return slots;
}

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Niklaus"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Wirth"];
const PHONES = ["4155552671", "2125550147", "3125550199", "6465553890", "2015550123", "6175557321"];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));

export async function seedDatabase(path: string, counts: SeedCounts, now = Date.now()): Promise<Seeded> {
  const storage = openSqliteStorage(path);
  try {
    const client = storage.db.$client;
    await seedDemoData(storage.repo);
    const ids = client.query<{ id: string }, []>("select id from restaurants order by id").all();
    const full = await Promise.all(ids.map(async ({ id }) => (await storage.repo.getRestaurant(id))!));
    const slots = openSlots(full, now);
    const insert = client.prepare(
      `insert into reservations (id, restaurant_id, first_name, last_name, phone, email, receive_email_updates, receive_phone_call,
         receive_text_notification, occasion, starts_at, ends_at, guest_count, status, status_changed_at, created_at, updated_at, version, guest_link_hash)
       values (?, ?, ?, ?, ?, ?, 1, 1, 0, null, ?, ?, ?, 0, ?, ?, ?, 1, ?)`,
    );
    // Rows go in by start time and through a large page cache, so every index grows at a few
    // insertion points instead of at random ones: ~10x faster at a million rows.
    client.run("PRAGMA cache_size = -262144");
    // Every row gets a private link, as a booking through the service does, so that the unique
    // index on its hash is as large as in production. Rows are booked at a steady rate over as
    // many days back as they reach forward, as a book in its steady state would be, and not all
    // at `now`: the index page counts each restaurant's bookings made today.
    const write = (count: number, place: () => { restaurant: Restaurant; startsAt: number }) => {
      const placed = Array.from({ length: count }, place).sort((a, b) => a.startsAt - b.startsAt);
      const ids: string[] = [];
      const tokens: string[] = [];
      const chunk = client.transaction((from: number, to: number) => {
        for (let i = from; i < to; i++) {
          const { restaurant, startsAt } = placed[i]!;
          const id = Bun.randomUUIDv7();
          const endsAt = startsAt + restaurant.diningMinutes * MINUTE;
          const email = i % 3 === 0 ? null : "guest@example.com";
          const bookedAt = Math.min(now, startsAt) - between(MINUTE, SEED_DAYS * DAY);
          const token = newGuestLinkToken();
          insert.run(id, restaurant.id, pick(FIRST), pick(LAST), pick(PHONES), email, startsAt, endsAt, between(1, 5), bookedAt, bookedAt, bookedAt, guestLinkHash(token));
          ids.push(id);
          tokens.push(token);
        }
      });
      for (let from = 0; from < count; from += 250_000) chunk(from, Math.min(from + 250_000, count));
      return { ids, tokens };
    };
    const { ids: upcomingIds, tokens: upcomingTokens } = write(counts.upcoming, () => pick(slots));
    const near = (fromMinutes: number, toMinutes: number) => () => ({ restaurant: pick(full), startsAt: now + between(fromMinutes * MINUTE, toMinutes * MINUTE) });
    const checkInIds = write(counts.checkInSoon ?? 0, near(5, 55)).ids;
    const overdueIds = write(counts.overdue ?? 0, near(-200, -16)).ids;
    // The planner's statistics, as a long-lived database has them: gathered here, or the server
    // would analyze every index of a just-filled file when it opens it.
    gatherPlannerStatistics(client);
    return { restaurants: full, upcomingIds, upcomingTokens, checkInIds, overdueIds };
  } finally {
    storage.close();
  }
}
