import { describe, expect, test } from "bun:test";
import { bistro, book, newRestaurant, UNKNOWN_ID, useServer } from "../support/servers";
import type { SpecValidator } from "../support/spec-validator";

export function restaurantChangeContracts(validator: SpecValidator) {
  const server = useServer(validator);
  const onRestaurant = (restaurantId: string) => ({ params: { path: { restaurantId } } });
  const onDay = (restaurantId: string, date: string) => ({ params: { path: { restaurantId, date } } });
  const create = async () => (await server.client.POST("/api/v1/restaurants", { body: newRestaurant() })).data!;

  describe("createRestaurant", () => {
    test("201 with the restaurant, a Location, and a rating left to the data source", async () => {
      const { data, response } = await server.client.POST("/api/v1/restaurants", { body: newRestaurant({ name: "  Harbor Light  " }) });
      expect(response.status).toBe(201);
      expect(response.headers.get("Location")).toBe(`/api/v1/restaurants/${data!.id}`);
      expect(data).toMatchObject({ name: "Harbor Light", rating: 0, reviewCount: 0, archivedAt: null, capacity: bistro.capacity });
    });

    test("422 naming each bad field: an unknown time zone, a rating it may not write", async () => {
      const body = { ...newRestaurant({ timeZone: "Mars/Olympus" }), rating: 5 } as never;
      const { error, response } = await server.client.POST("/api/v1/restaurants", { body });
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field).sort()).toEqual(["rating", "timeZone"]);
    });
  });

  describe("updateRestaurant", () => {
    test("200 with the change applied when it orphans no reservation", async () => {
      const created = await create();
      const { data, response } = await server.client.PATCH("/api/v1/restaurants/{restaurantId}", { ...onRestaurant(created.id), body: { capacity: 20 } });
      expect(response.status).toBe(200);
      expect(data?.capacity).toBe(20);
    });

    test("404 for an unknown restaurant", async () => {
      const { response } = await server.client.PATCH("/api/v1/restaurants/{restaurantId}", { ...onRestaurant(UNKNOWN_ID), body: { capacity: 20 } });
      expect(response.status).toBe(404);
    });

    test("409 listing the reservations a change of hours would orphan, and nothing changed", async () => {
      const created = await create();
      const { reservation } = await book(server.client, { restaurantId: created.id });
      const closedAt19 = Object.fromEntries(Object.keys(bistro.openingHours).map((day) => [day, [{ open: "17:00", close: "19:00" }]]));
      const { error, response } = await server.client.PATCH("/api/v1/restaurants/{restaurantId}", {
        ...onRestaurant(created.id),
        body: { openingHours: closedAt19 as never },
      });
      expect(response.status).toBe(409);
      expect(error?.reservations).toEqual([{ id: reservation.id, start: reservation.date, guestCount: 2 }]);
      const after = await server.client.GET("/api/v1/restaurants/{restaurantId}", onRestaurant(created.id));
      expect(after.data?.openingHours).toEqual(created.openingHours);
    });

    test("422 for a largest party above the capacity", async () => {
      const created = await create();
      const { error, response } = await server.client.PATCH("/api/v1/restaurants/{restaurantId}", { ...onRestaurant(created.id), body: { maxPartySize: 50 } });
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["maxPartySize"]);
    });
  });

  describe("archiveRestaurant", () => {
    test("200 archived: out of the list, no seatings, bookings refused with 409, its reservations readable", async () => {
      const created = await create();
      const { reservation } = await book(server.client, { restaurantId: created.id });
      const { data, response } = await server.client.DELETE("/api/v1/restaurants/{restaurantId}", onRestaurant(created.id));
      expect(response.status).toBe(200);
      expect(data?.archivedAt).toBe(new Date().toISOString());
      const listed = await server.client.GET("/api/v1/restaurants", { params: { query: { q: "Harbor" } } });
      expect(listed.data?.data.map((item) => item.id)).not.toContain(created.id);
      const refused = await server.client.POST("/api/v1/reservations", { body: { ...reservationBody(created.id) } });
      expect(refused.response.status).toBe(409);
      const kept = await server.client.GET("/api/v1/reservations/{reservationId}", { params: { path: { reservationId: reservation.id } } });
      expect(kept.response.status).toBe(200);
    });

    test("404 for an unknown restaurant", async () => {
      const { response } = await server.client.DELETE("/api/v1/restaurants/{restaurantId}", onRestaurant(UNKNOWN_ID));
      expect(response.status).toBe(404);
    });
  });

  describe("special days", () => {
    test("putSpecialDay 200 closes a day: listSpecialDays shows it and availability offers nothing", async () => {
      const created = await create();
      const put = await server.client.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", { ...onDay(created.id, "2026-12-24"), body: { closed: true } });
      expect(put.response.status).toBe(200);
      expect(put.data).toEqual({ date: "2026-12-24", closed: true, hours: [] });
      const listed = await server.client.GET("/api/v1/restaurants/{restaurantId}/special-days", onRestaurant(created.id));
      expect(listed.response.status).toBe(200);
      expect(listed.data).toEqual({ data: [{ date: "2026-12-24", closed: true, hours: [] }] });
      const slots = await server.client.GET("/api/v1/restaurants/{restaurantId}/availability", {
        params: { path: { restaurantId: created.id }, query: { date: "2026-12-24", partySize: 2 } },
      });
      expect(slots.data?.slots).toEqual([]);
    });

    test("putSpecialDay 409 listing the booking a closure would orphan", async () => {
      const created = await create();
      const { reservation } = await book(server.client, { restaurantId: created.id });
      const date = reservation.date.slice(0, 10);
      const { error, response } = await server.client.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", { ...onDay(created.id, date), body: { closed: true } });
      expect(response.status).toBe(409);
      expect(error?.reservations).toEqual([{ id: reservation.id, start: reservation.date, guestCount: 2 }]);
    });

    test("putSpecialDay 422 for hours that are not HH:MM, 404 for an unknown restaurant", async () => {
      const bad = await server.client.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", {
        ...onDay(bistro.id, "2026-12-24"),
        body: { hours: [{ open: "5pm", close: "23:00" }] },
      });
      expect(bad.response.status).toBe(422);
      const unknown = await server.client.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", { ...onDay(UNKNOWN_ID, "2026-12-24"), body: { closed: true } });
      expect(unknown.response.status).toBe(404);
    });

    test("deleteSpecialDay 204 returns the day to its weekday's hours; 404 when there was none; 422 for a bad date", async () => {
      const created = await create();
      await server.client.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", { ...onDay(created.id, "2026-12-24"), body: { closed: true } });
      const removed = await server.client.DELETE("/api/v1/restaurants/{restaurantId}/special-days/{date}", onDay(created.id, "2026-12-24"));
      expect(removed.response.status).toBe(204);
      const again = await server.client.DELETE("/api/v1/restaurants/{restaurantId}/special-days/{date}", onDay(created.id, "2026-12-24"));
      expect(again.response.status).toBe(404);
      const bad = await server.client.DELETE("/api/v1/restaurants/{restaurantId}/special-days/{date}", onDay(created.id, "24.12.2026"));
      expect(bad.response.status).toBe(422);
    });

    test("deleteSpecialDay 409 when the weekday's hours would orphan a booking the special hours took", async () => {
      const created = await create();
      await server.client.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", {
        ...onDay(created.id, "2026-12-31"),
        body: { hours: [{ open: "22:00", close: "02:00" }] },
      });
      const { reservation } = await book(server.client, { restaurantId: created.id, date: "2026-12-31T23:30" });
      const { error, response } = await server.client.DELETE("/api/v1/restaurants/{restaurantId}/special-days/{date}", onDay(created.id, "2026-12-31"));
      expect(response.status).toBe(409);
      expect(error?.reservations).toEqual([{ id: reservation.id, start: "2026-12-31T23:30:00-08:00", guestCount: 2 }]);
    });

    test("listSpecialDays 404 for an unknown restaurant", async () => {
      const { response } = await server.client.GET("/api/v1/restaurants/{restaurantId}/special-days", onRestaurant(UNKNOWN_ID));
      expect(response.status).toBe(404);
    });
  });
}

const reservationBody = (restaurantId: string) => ({
  restaurantId,
  firstName: "Ada",
  lastName: "Lovelace",
  phone: "(415) 555-2671",
  date: "2026-12-20T19:00",
  guestCount: 2,
});

