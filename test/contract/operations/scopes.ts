/**
 * Every API operation × {a key of the venue, a key of another venue, a key without the scope, an
 * admin key}: the status each gets, and that a refused call changed nothing.
 */
import { describe, expect, test } from "bun:test";
import type { TablekeeperClient } from "../../../client/src/index";
import { liveCutoffs } from "../../../src/domain/reservation-status";
import { API_KEY } from "../../support/app";
import { giveUpOn, notificationOf } from "../../support/fixtures";
import { bistro, book, type ContractServer, freshBooking, newRestaurant, otherVenue, useServer } from "../support/servers";
import type { SpecValidator } from "../support/spec-validator";

const keys = {
  venue: "venue-key-0123456789abcdef",
  other: "other-venue-key-0123456789",
  reservationsOnly: "reservations-only-0123456789",
  notificationsOnly: "notifications-only-0123456789",
};

const configFile = `
apiKeys:
  - name: bistro-desk
    key: ${keys.venue}
    restaurants: [${bistro.id}]
    scopes: [reservations, status, restaurants, notifications]
  - name: other-desk
    key: ${keys.other}
    restaurants: [${otherVenue.id}]
    scopes: [reservations, status, restaurants, notifications]
  - name: bistro-reader
    key: ${keys.reservationsOnly}
    restaurants: [${bistro.id}]
    scopes: [reservations]
  - name: bistro-outbox
    key: ${keys.notificationsOnly}
    scopes: [notifications]
`;

interface Fixture {
  reservationId: string;
  notificationId: number;
}

type Row = {
  scope: "reservations" | "status" | "restaurants" | "notifications" | null;
  call: (client: TablekeeperClient, fixture: Fixture) => Promise<{ response: Response; error?: unknown }>;
  /** The status for the venue's own key, another venue's key, and the admin key. */
  venue: number;
  other: number;
  admin: number;
};

const onRestaurant = { params: { path: { restaurantId: bistro.id } } };
const onDay = { params: { path: { restaurantId: bistro.id, date: "2099-12-25" } } };
const onReservation = (fixture: Fixture) => ({ params: { path: { reservationId: fixture.reservationId } } });

const operations: Record<string, Row> = {
  listRestaurants: { scope: null, call: (c) => c.GET("/api/v1/restaurants"), venue: 200, other: 200, admin: 200 },
  getRestaurant: { scope: null, call: (c) => c.GET("/api/v1/restaurants/{restaurantId}", onRestaurant), venue: 200, other: 404, admin: 200 },
  getAvailability: {
    scope: null,
    call: (c) => c.GET("/api/v1/restaurants/{restaurantId}/availability", { params: { ...onRestaurant.params, query: { date: "2026-12-18", partySize: 2 } } }),
    venue: 200,
    other: 404,
    admin: 200,
  },
  listSpecialDays: { scope: null, call: (c) => c.GET("/api/v1/restaurants/{restaurantId}/special-days", onRestaurant), venue: 200, other: 404, admin: 200 },
  createRestaurant: { scope: "restaurants", call: (c) => c.POST("/api/v1/restaurants", { body: newRestaurant() }), venue: 403, other: 403, admin: 201 },
  updateRestaurant: { scope: "restaurants", call: (c) => c.PATCH("/api/v1/restaurants/{restaurantId}", { ...onRestaurant, body: { priceLevel: 3 } }), venue: 200, other: 404, admin: 200 },
  archiveRestaurant: { scope: "restaurants", call: (c) => c.DELETE("/api/v1/restaurants/{restaurantId}", onRestaurant), venue: 200, other: 404, admin: 200 },
  putSpecialDay: {
    scope: "restaurants",
    call: (c) => c.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", { ...onDay, body: { closed: true } }),
    venue: 200,
    other: 404,
    admin: 200,
  },
  deleteSpecialDay: { scope: "restaurants", call: (c) => c.DELETE("/api/v1/restaurants/{restaurantId}/special-days/{date}", onDay), venue: 204, other: 404, admin: 204 },
  createReservation: { scope: "reservations", call: (c) => c.POST("/api/v1/reservations", { body: freshBooking() }), venue: 201, other: 422, admin: 201 },
  listReservations: { scope: "reservations", call: (c) => c.GET("/api/v1/reservations"), venue: 200, other: 200, admin: 200 },
  getReservation: { scope: "reservations", call: (c, f) => c.GET("/api/v1/reservations/{reservationId}", onReservation(f)), venue: 200, other: 404, admin: 200 },
  updateReservation: {
    scope: "reservations",
    call: (c, f) => c.PATCH("/api/v1/reservations/{reservationId}", { ...onReservation(f), body: { guestCount: 3 } }),
    venue: 200,
    other: 404,
    admin: 200,
  },
  getReservationHistory: { scope: "reservations", call: (c, f) => c.GET("/api/v1/reservations/{reservationId}/history", onReservation(f)), venue: 200, other: 404, admin: 200 },
  changeReservationStatus: {
    scope: "status",
    call: (c, f) => c.PUT("/api/v1/reservations/{reservationId}/status", { ...onReservation(f), body: { state: "cancelled" } }),
    venue: 200,
    other: 404,
    admin: 200,
  },
  // The outbox spans venues: a key limited to some gets 403 even with the scope.
  listNotifications: { scope: "notifications", call: (c) => c.GET("/api/v1/notifications"), venue: 403, other: 403, admin: 200 },
  retryNotification: {
    scope: "notifications",
    call: (c, f) => c.POST("/api/v1/notifications/{notificationId}/retry", { params: { path: { notificationId: f.notificationId } } }),
    venue: 403,
    other: 403,
    admin: 200,
  },
};

/**
 * Everything a call could change, as one comparable value, read through the storage interfaces:
 * the restaurants (the two venues archived or not, and any created) with their special days, the
 * reservations, their logs, and the outbox.
 */
async function snapshot(server: ContractServer): Promise<string> {
  const { repo, jobs } = server.testApp.storage;
  const venues = await Promise.all([bistro.id, otherVenue.id].map((id) => repo.getRestaurant(id)));
  const listed = (await repo.listRestaurants({ limit: 100_000 })).items;
  const { items: reservations } = await repo.listReservations({ limit: 100_000 });
  const logs = await Promise.all(reservations.map(async (row) => (await repo.statusLog(row.id, 100_000)).items));
  const outbox = (await jobs.listNotifications({ limit: 100_000 })).items;
  return JSON.stringify({ venues, listed, reservations, logs, outbox });
}

const isSuccess = (status: number) => status >= 200 && status < 300;

export function scopeContracts(validator: SpecValidator) {
  const server = useServer(validator, {}, configFile);

  async function fixture(): Promise<Fixture> {
    // The bistro as every case expects it: open (archiveRestaurant archives it) with one closed day.
    const { storage, settings } = server.testApp;
    await storage.repo.writeRestaurant(bistro.id, liveCutoffs(Date.now(), settings.statusRules), (current) => ({
      ...current!,
      archivedAt: null,
      specialDays: { "2099-12-25": [] },
    }));
    const { reservation } = await book(server.client);
    const { id } = await notificationOf(storage, reservation.id, "sms");
    await giveUpOn(storage, id, "textbelt: HTTP 503");
    return { reservationId: reservation.id, notificationId: id };
  }

  const withoutScope = (scope: Row["scope"]) => (scope === "notifications" ? keys.reservationsOnly : keys.notificationsOnly);

  /** Outside /api/v1: health and readiness need no key, /metrics has its own token. */
  const notKeyed = new Set(["getMetrics", "getHealth", "getReadiness"]);

  test("the table names every API operation of the spec", () => {
    const inSpec = validator.operations.map(({ id }) => id).filter((id) => !notKeyed.has(id));
    expect(Object.keys(operations).sort()).toEqual(inSpec.sort());
  });

  for (const [operationId, row] of Object.entries(operations)) {
    describe(operationId, () => {
      const cases: Array<[string, () => string, number]> = [
        ["the venue's key", () => keys.venue, row.venue],
        ["another venue's key", () => keys.other, row.other],
        ...(row.scope === null ? [] : ([["a key without the scope", () => withoutScope(row.scope), 403]] as Array<[string, () => string, number]>)),
        ["the admin key", () => API_KEY, row.admin],
      ];
      for (const [who, key, status] of cases) {
        test(`${who}: ${status}${isSuccess(status) ? "" : ", and nothing changed"}`, async () => {
          const setUp = await fixture();
          const before = await snapshot(server);
          const { response, error } = await row.call(server.clientWithKey(key()), setUp);
          expect(response.status).toBe(status);
          if (!isSuccess(status)) expect(await snapshot(server)).toBe(before);
          if (status === 403) expect((error as { requiredScope?: string }).requiredScope).toBe(row.scope ?? undefined);
        });
      }
    });
  }

  test("a booking for another venue, with a bad field too, names restaurantId as unknown and nothing of that venue's rules", async () => {
    const body = freshBooking({ restaurantId: otherVenue.id, guestCount: 50, firstName: "" });
    const { error, response } = await server.clientWithKey(keys.venue).POST("/api/v1/reservations", { body });
    expect(response.status).toBe(422);
    expect(error?.errors?.map((fieldError) => `${fieldError.field}:${fieldError.rule}`).sort()).toEqual(["firstName:too_small", "restaurantId:unknown_restaurant"]);
  });

  test("a key of one venue lists only that venue's reservations", async () => {
    await book(server.client, { restaurantId: otherVenue.id });
    const { data } = await server.clientWithKey(keys.venue).GET("/api/v1/reservations", { params: { query: { limit: 100 } } });
    expect(new Set(data?.data.map((reservation) => reservation.restaurantId))).toEqual(new Set([bistro.id]));
  });
}
