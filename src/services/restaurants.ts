import { z } from "zod";
import { formatLocal } from "../domain/local-time";
import { occupancy, type Restaurant, remainingCovers, slotsForDay } from "../domain/restaurant";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { ApiError } from "../lib/problem";
import type { ServiceContext } from "./context";
import { liveCutoffs } from "./reservation-rules";

const restaurantCursor = z.object({ name: z.string(), id: z.string() });
const DAY = 86_400_000;

export interface AvailabilitySlot {
  start: string;
  remainingCovers: number;
}

export function createRestaurantService({ repo, settings, now }: ServiceContext) {
  // Restaurants are reference data that this API never changes, so one read per process is
  // enough, until the restaurant-data refresh changes their ratings and calls `forget`. When
  // that refresh runs in another process (cron's `bun run jobs`), this one is not told, so an
  // entry then lasts one scheduler interval.
  const maxAgeMs = settings.restaurantData && !settings.scheduler.enabled ? settings.scheduler.intervalMs : Number.POSITIVE_INFINITY;
  const cache = new Map<string, { restaurant: Restaurant; cachedAt: number }>();

  /** Drops the cached restaurants, so the next read sees what the database has now. */
  function forget(ids: readonly string[]) {
    for (const id of ids) cache.delete(id);
  }

  async function get(id: string): Promise<Restaurant> {
    const found = await find(id);
    if (!found) throw ApiError.notFound(`Restaurant ${id}`);
    return found;
  }

  async function find(id: string): Promise<Restaurant | null> {
    const cached = cache.get(id);
    if (cached && now() - cached.cachedAt < maxAgeMs) return cached.restaurant;
    const stored = await repo.getRestaurant(id);
    if (!stored) return null;
    cache.set(id, { restaurant: stored, cachedAt: now() });
    return stored;
  }

  async function list(query: { q?: string; cuisine?: string; limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, restaurantCursor);
    const page = await repo.listRestaurants({ q: query.q, cuisine: query.cuisine, limit: query.limit, after });
    return { data: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  /** Open seatings on a local day that still fit the party: future, within the horizon, not full. */
  async function availability(id: string, date: Temporal.PlainDate, partySize: number) {
    const restaurant = await get(id);
    if (partySize > restaurant.maxPartySize) {
      throw ApiError.field("partySize", "too_big", `must be at most ${restaurant.maxPartySize} at this restaurant`);
    }
    const clock = now();
    const horizon = clock + settings.booking.horizonDays * DAY;
    const starts = slotsForDay(restaurant, date).filter((start) => start > clock && start <= horizon);
    const slots: AvailabilitySlot[] = [];
    if (starts.length > 0) {
      const dining = restaurant.diningMinutes * 60_000;
      const holds = await repo.seatHolds(id, starts[0]!, starts[starts.length - 1]! + dining, liveCutoffs(clock, settings.statusRules));
      const held = occupancy(holds);
      for (const start of starts) {
        const remaining = remainingCovers(restaurant, held, start);
        if (remaining >= partySize) slots.push({ start: formatLocal(start, restaurant.timeZone), remainingCovers: remaining });
      }
    }
    return { date: date.toString(), timeZone: restaurant.timeZone, slots };
  }

  return { get, find, list, availability, forget };
}

export type RestaurantService = ReturnType<typeof createRestaurantService>;
