/**
 * A whole app on a fresh in-memory database, with a known API key and a clock the test controls
 * through `setSystemTime` (the app reads Date.now).
 */
import { createApp } from "../../src/app";
import { seedDemoData, seedRestaurantId } from "../../src/db/seed";
import type { SqliteDb } from "../../src/db/sqlite/open";
import { openSqliteStorage } from "../../src/db/sqlite/storage";
import type { Restaurant } from "../../src/domain/restaurant";
import { type Env, loadSettings } from "../../src/settings";

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
  db: SqliteDb;
  storage: ReturnType<typeof openSqliteStorage>;
  settings: ReturnType<typeof testSettings>;
  /** A request through `app.request`, with the API key unless `headers` says otherwise. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function buildTestApp(
  options: { env?: Env; path?: string; restaurants?: Restaurant[]; configFile?: string } = {},
): Promise<TestApp> {
  const settings = testSettings(options.env, options.configFile);
  const storage = openSqliteStorage(options.path ?? ":memory:");
  const { db, repo } = storage;
  if (options.restaurants) await repo.insertRestaurants(options.restaurants);
  else await seedDemoData(repo);
  const { app, services } = createApp({ settings, storage });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return { app, services, db, storage, settings, call };
}

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
