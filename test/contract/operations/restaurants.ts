import { restaurantJson } from "../../../src/routes/restaurants/restaurants.serialize";
import { describe, expect, test } from "bun:test";
import { bistro, UNKNOWN_ID, useServer } from "../support/servers";
import type { SpecValidator } from "../support/spec-validator";

export function restaurantContracts(validator: SpecValidator) {
  const server = useServer(validator);
  const restaurantPath = (restaurantId: string) => ({ path: { restaurantId } });

  describe("listRestaurants", () => {
    test("200 with the restaurants matching the text, on one page", async () => {
      const { data, response } = await server.client.GET("/api/v1/restaurants", { params: { query: { q: "bistro", limit: 5 } } });
      expect(response.status).toBe(200);
      expect(data).toEqual({ data: [restaurantJson(bistro)], nextCursor: null });
    });

    test("422 naming `limit` for a page size below 1", async () => {
      const { error, response } = await server.client.GET("/api/v1/restaurants", { params: { query: { limit: 0 } } });
      expect(response.status).toBe(422);
      expect(error?.code).toBe("validation_failed");
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["limit"]);
    });
  });

  describe("getRestaurant", () => {
    test("200 with the restaurant", async () => {
      const { data, response } = await server.client.GET("/api/v1/restaurants/{restaurantId}", { params: restaurantPath(bistro.id) });
      expect(response.status).toBe(200);
      expect(data).toEqual(restaurantJson(bistro));
    });

    test("404 for an id that names no restaurant", async () => {
      const { error, response } = await server.client.GET("/api/v1/restaurants/{restaurantId}", { params: restaurantPath(UNKNOWN_ID) });
      expect(response.status).toBe(404);
      expect(error?.code).toBe("not_found");
    });
  });

  describe("getAvailability", () => {
    const availability = (restaurantId: string, date: string) =>
      server.client.GET("/api/v1/restaurants/{restaurantId}/availability", {
        params: { ...restaurantPath(restaurantId), query: { date, partySize: 2 } },
      });

    test("200 with every seating of the local day, from opening to the last that ends by closing", async () => {
      const { data, response } = await availability(bistro.id, "2026-12-18");
      expect(response.status).toBe(200);
      expect(data?.timeZone).toBe("America/Los_Angeles");
      expect(data?.slots[0]).toEqual({ start: "2026-12-18T17:00:00-08:00", remainingCovers: 10 });
      expect(data?.slots.at(-1)?.start).toBe("2026-12-18T21:30:00-08:00");
    });

    test("404 for an unknown restaurant", async () => {
      const { error, response } = await availability(UNKNOWN_ID, "2026-12-18");
      expect(response.status).toBe(404);
      expect(error?.code).toBe("not_found");
    });

    test("422 naming `date` when it is not a calendar date", async () => {
      const { error, response } = await availability(bistro.id, "18/12/2026");
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["date"]);
    });
  });
}
