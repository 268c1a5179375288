/**
 * Real servers on loopback ports, each on its own SQLite file, and generated clients whose every
 * answer is checked against the spec before the test sees it.
 */
import { afterAll, beforeAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTablekeeperClient, type ReservationCreate, type TablekeeperClient } from "../../../client/src/index";
import type { RestaurantInput } from "../../../src/services/restaurant-changes";
import type { Env } from "../../../src/settings";
import { API_KEY, buildTestApp, restaurant, serve, type TestApp } from "../../support/app";
import type { SpecValidator } from "./spec-validator";

/** The clock every contract test starts from; each fresh booking takes the next day after it. */
export const NOW = new Date("2026-12-01T12:00:00Z");
/** Test Bistro: 10 covers, parties up to 6, open 17:00–23:00 in Los Angeles. */
export const bistro = restaurant();
/** A second venue, for keys scoped to one of the two. */
export const otherVenue = restaurant({ name: "Other Venue", id: "0193a000-0000-7000-8000-0000000000a2" });
export const UNKNOWN_ID = "01936f4e-0000-7000-8000-000000000000";

export interface ContractServer {
  url: string;
  testApp: TestApp;
  /** The client with a valid API key. */
  client: TablekeeperClient;
  clientWithKey(apiKey: string): TablekeeperClient;
  stop(): Promise<void>;
}

/** A server for the tests of the enclosing `describe`: started before them, stopped after them. */
export function useServer(validator: SpecValidator, env: Env = {}, configFile?: string): ContractServer {
  const server = {} as ContractServer;
  beforeAll(async () => {
    Object.assign(server, await startServer(validator, env, configFile));
  });
  afterAll(() => server.stop());
  return server;
}

export async function startServer(validator: SpecValidator, env: Env = {}, configFile?: string): Promise<ContractServer> {
  const dir = mkdtempSync(join(tmpdir(), "tablekeeper-contract-"));
  const testApp = await buildTestApp({ env, configFile, path: join(dir, "tablekeeper.db"), restaurants: [bistro, otherVenue] });
  const server = serve(testApp.app);
  const clientWithKey = (apiKey: string) => createTablekeeperClient({ baseUrl: server.url, apiKey, fetch: validator.fetch() });
  return {
    url: server.url,
    testApp,
    client: clientWithKey(API_KEY),
    clientWithKey,
    async stop() {
      server.stop();
      await testApp.storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A restaurant to create: the bistro's hours and sizes under another name. */
export function newRestaurant(overrides: Partial<RestaurantInput> = {}): RestaurantInput {
  const { id: _id, rating: _rating, reviewCount: _reviews, specialDays: _days, archivedAt: _archived, ...fields } = bistro;
  return { ...fields, name: "Harbor Light", ...overrides };
}

let nextDay = 0;

/** A booking at 19:00 on a day no other booking of this process uses, so none competes for seats. */
export function freshBooking(overrides: Partial<ReservationCreate> = {}): ReservationCreate {
  nextDay += 1;
  const day = new Date(NOW.getTime() + (nextDay + 1) * 86_400_000).toISOString().slice(0, 10);
  return { restaurantId: bistro.id, firstName: "Ada", lastName: "Lovelace", phone: "(415) 555-2671", date: `${day}T19:00`, guestCount: 2, ...overrides };
}

/**
 * Claims `key` for a booking of `body` as the server does when that request starts, so that the
 * server sees it as still running: a request with the same key and body then gets 409 in_progress.
 */
export async function holdIdempotencyKey(server: ContractServer, key: string, body: ReservationCreate): Promise<void> {
  // The client sends the body as JSON.stringify writes it; the server hashes the method, path and body.
  const hash = new Bun.CryptoHasher("sha256").update(`POST /api/v1/reservations\n${JSON.stringify(body)}`).digest("hex");
  const now = Date.now();
  await server.testApp.storage.idempotency.claim("frontdesk", key, hash, now, now + 60_000, now - 60_000);
}

/** Books `freshBooking(overrides)` and returns the reservation with its ETag; fails unless 201. */
export async function book(client: TablekeeperClient, overrides: Partial<ReservationCreate> = {}) {
  const { data, response } = await client.POST("/api/v1/reservations", { body: freshBooking(overrides) });
  if (!data) throw new Error(`booking failed with ${response.status}`);
  return { reservation: data, etag: response.headers.get("ETag")! };
}
