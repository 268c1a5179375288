/**
 * The restaurant-data refresh's bookkeeping: which restaurants are due, and that a failure keeps
 * the last good ratings while a success replaces them and says whether they changed.
 */
import { describe, expect, test } from "bun:test";
import { restaurant } from "../../support/app";
import { bistro, MINUTE, NOW, type OpenStorage, useStorage } from "./support";

const listed = restaurant({ name: "Listed", externalId: "ext-listed", rating: 4.5, reviewCount: 100 });
const other = restaurant({ name: "Other Listed", externalId: "ext-other" });
const HOUR = 60 * MINUTE;

export function restaurantDataConformance(open: OpenStorage) {
  describe("restaurant data", () => {
    const storage = useStorage(open, [bistro, listed, other]);
    const due = async (okBefore: number, now: number, limit = 10) => (await storage().jobs.restaurantsDueForData(okBefore, now, limit)).map((target) => target.id);

    test("restaurants with an external id are due until first asked, never those without one", async () => {
      const targets = await storage().jobs.restaurantsDueForData(NOW - HOUR, NOW, 10);
      expect(targets.map((target) => target.id).sort()).toEqual([listed.id, other.id].sort());
      expect(targets.find((target) => target.id === listed.id)).toEqual({ id: listed.id, name: "Listed", timeZone: listed.timeZone, externalId: "ext-listed", failures: 0 });
      expect(await due(NOW - HOUR, NOW, 1)).toHaveLength(1);
    });

    const refreshes = [
      { name: "asked successfully at the cut-off is due", checkedAt: NOW - HOUR, due: true },
      { name: "asked successfully a millisecond after the cut-off is not", checkedAt: NOW - HOUR + 1, due: false },
    ];
    for (const { name, checkedAt, due: isDue } of refreshes) {
      test(`a restaurant ${name}`, async () => {
        await storage().jobs.saveRestaurantData(listed.id, checkedAt, { rating: 4.0, reviewCount: 10 });
        expect((await due(NOW - HOUR, NOW)).includes(listed.id)).toBe(isDue);
      });
    }

    test("a success answers whether the data changed, and replaces it", async () => {
      expect(await storage().jobs.saveRestaurantData(listed.id, NOW, { rating: 4.5, reviewCount: 100 })).toBe(false);
      expect(await storage().jobs.saveRestaurantData(listed.id, NOW + 1, { rating: 4.2, reviewCount: 101 })).toBe(true);
      expect(await storage().repo.getRestaurant(listed.id)).toMatchObject({ rating: 4.2, reviewCount: 101 });
    });

    test("a failure keeps the last good data, counts, and is due again at its retry time, not before", async () => {
      expect(await storage().jobs.saveRestaurantData(listed.id, NOW, { error: "HTTP 503", retryAt: NOW + 5 * MINUTE })).toBe(false);
      expect(await storage().jobs.saveRestaurantData(listed.id, NOW + MINUTE, { error: "HTTP 503", retryAt: NOW + 5 * MINUTE })).toBe(false);
      expect(await storage().repo.getRestaurant(listed.id)).toMatchObject({ rating: 4.5, reviewCount: 100 });
      expect(await storage().jobs.restaurantDataFailing()).toBe(1);
      expect(await due(NOW - HOUR, NOW + 5 * MINUTE - 1)).not.toContain(listed.id);
      const retried = await storage().jobs.restaurantsDueForData(NOW - HOUR, NOW + 5 * MINUTE, 10);
      expect(retried.find((target) => target.id === listed.id)?.failures).toBe(2);

      await storage().jobs.saveRestaurantData(listed.id, NOW + 5 * MINUTE, { rating: 4.6, reviewCount: 102 });
      expect(await storage().jobs.restaurantDataFailing()).toBe(0);
      expect((await storage().jobs.restaurantsDueForData(NOW, NOW + 6 * MINUTE, 10)).find((target) => target.id === listed.id)).toBeUndefined();
    });
  });
}
