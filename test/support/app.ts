/**
 * A whole app on a fresh database, with a known API key and a clock the test controls through
 * `setSystemTime` (the app reads Date.now). The database is SQLite in memory (or at `path`), or,
 * with TEST_STORAGE=postgres, a PostgreSQL database of its own (`./postgres.ts`).
 */
import { createApp } from "../../src/app";
import { seedDemoData, seedRestaurantId } from "../../src/db/seed";
import type { SqliteDb } from "../../src/db/sqlite/open";
import { withRedisLimits } from "../../src/db/open-storage";
import { openSqliteStorage } from "../../src/db/sqlite/storage";
import type { Storage } from "../../src/db/storage";
import type { Restaurant } from "../../src/domain/restaurant";
import { type Env, loadSettings } from "../../src/settings";
import { openTestPostgresStorage } from "./postgres";

/**
 * True when the tests' apps run on PostgreSQL (TEST_STORAGE=postgres). A test that is about
 * SQLite itself (its file, its migrations, a trigger that fails a write) skips there, saying why.
 */
export const onPostgres = process.env.TEST_STORAGE === "postgres";

/**
 * A test app's pool on PostgreSQL: small, and closing idle connections after a second, because a
 * run builds hundreds of apps, closes few of them, and the server allows 100 connections.
 */
const TEST_POOL = { size: 4, idleSeconds: 1 };
/** Each app's own key prefix, as its own database: every window a test opens expires by itself. */
const testRedis = () => ({ url: "redis://127.0.0.1:6379", prefix: `tablekeeper-test:${crypto.randomUUID()}` });

export const API_KEY = "test-key-0123456789abcdef";
export const OTHER_KEY = "other-key-0123456789abcdef";

/** Settings as a test server has them; `configFile` is the text of a settings file, if any. */
export function testSettings(env: Env = {}, configFile?: string) {
  return loadSettings(
    { NODE_ENV: "test", LOG_LEVEL: "silent", API_KEYS: `frontdesk:${API_KEY},kiosk:${OTHER_KEY}`, ...env },
    configFile === undefined ? undefined : { path: "test.yaml", text: configFile },
  );
}

export interface TestApp {
  app: ReturnType<typeof createApp>["app"];
  /** The app's own services, to set up states the API cannot reach. */
  services: ReturnType<typeof createApp>["services"];
  /**
   * The SQLite database, for the tests that are about SQLite. On PostgreSQL any use of it throws,
   * so a test that reaches into SQL without saying it is SQLite-only fails with a reason.
   */
  db: SqliteDb;
  storage: Storage;
  settings: ReturnType<typeof testSettings>;
  /** A request through `app.request`, with the API key unless `headers` says otherwise. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function buildTestApp(
  options: { env?: Env; path?: string; restaurants?: Restaurant[]; configFile?: string } = {},
): Promise<TestApp> {
  const settings = testSettings(options.env, options.configFile);
  // On PostgreSQL `path` has no meaning: every app has a database of its own either way.
  const sqlite = onPostgres ? null : openSqliteStorage(options.path ?? ":memory:");
  // On PostgreSQL the limits count in Redis, as a scaled-out deployment has them.
  const storage: Storage = sqlite ?? (await withRedisLimits(await openTestPostgresStorage(TEST_POOL.size, TEST_POOL.idleSeconds), testRedis()));
  if (options.restaurants) await storage.repo.insertRestaurants(options.restaurants);
  else await seedDemoData(storage.repo);
  const { app, services } = createApp({ settings, storage });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return { app, services, db: sqlite?.db ?? notSqlite, storage, settings, call };
}

/**
 * `db` on PostgreSQL: passed around and spread like the real one, refusing only when a test uses
 * it. Symbols and `then` answer undefined, so that printing or awaiting it does not throw.
 */
const notSqlite = new Proxy({} as SqliteDb, {
  get(_, property) {
    if (typeof property === "symbol" || property === "then") return undefined;
    throw new Error(`t.db.${property} is SQLite's: on PostgreSQL, assert through the storage interfaces or mark the test SQLite-only`);
  },
});

const everyDay = (open: string, close: string) =>
  Object.fromEntries(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((day) => [day, [{ open, close }]]),
  ) as Restaurant["openingHours"];

/** A small restaurant with round numbers, open 17:00–23:00 every day unless told otherwise. */
export function restaurant(overrides: Partial<Restaurant> = {}): Restaurant {
  return {
    id: seedRestaurantId(overrides.name ?? "test-bistro"),
    name: "Test Bistro",
    cuisine: "french",
    address: "1 Test Street, San Francisco, CA 94110",
    timeZone: "America/Los_Angeles",
    openingHours: everyDay("17:00", "23:00"),
    slotMinutes: 15,
    diningMinutes: 90,
    capacity: 10,
    maxPartySize: 6,
    rating: 4.5,
    reviewCount: 100,
    priceLevel: 2,
    externalId: null,
    specialDays: {},
    archivedAt: null,
    ...overrides,
  };
}

export { everyDay };

/** A valid booking body for `restaurant()`; override any field. */
export function booking(restaurantId: string, overrides: Record<string, unknown> = {}) {
  return {
    restaurantId,
    firstName: "Ada",
    lastName: "Lovelace",
    phone: "(415) 555-2671",
    date: "2026-12-18T19:00",
    guestCount: 2,
    ...overrides,
  };
}

/** A real server on an ephemeral loopback port. */
export function serve(app: TestApp["app"]) {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: app.fetch });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}
