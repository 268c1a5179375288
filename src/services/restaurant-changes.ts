import { formatLocal } from "../domain/local-time";
import { type OpeningInterval, orphanedBy, type Restaurant } from "../domain/restaurant";
import { ApiError } from "../lib/problem";
import type { ServiceContext } from "./context";
import { liveCutoffs } from "../domain/reservation-status";
import type { RestaurantService } from "./restaurants";

/** What a venue writes about itself: ratings and review counts stay the restaurant-data source's. */
export type RestaurantInput = Omit<Restaurant, "id" | "rating" | "reviewCount" | "specialDays" | "archivedAt" | "externalId"> & {
  externalId?: string | null;
};
export type RestaurantPatch = Partial<RestaurantInput>;

/** A special day as the API shows it: closed, or its own services. */
export interface SpecialDay {
  date: string;
  closed: boolean;
  hours: OpeningInterval[];
}

/**
 * Creating and changing restaurants and their special days. Every change is planned inside the
 * storage's write transaction against the reservations holding seats, with the rules a booking
 * meets (`orphanedBy`): a change that would strand an upcoming booking is refused with the list.
 */
export function createRestaurantChangeService({ repo, settings, now }: ServiceContext, restaurants: RestaurantService) {
  async function write(id: string, plan: (current: Restaurant | null) => Restaurant | null, checkOrphans = true): Promise<Restaurant> {
    const clock = now();
    const written = await repo.writeRestaurant(id, liveCutoffs(clock, settings.statusRules), (current, booked) => {
      const next = plan(current);
      if (!next || !checkOrphans) return next;
      const orphaned = orphanedBy(next, booked);
      if (orphaned.length > 0) {
        throw new ApiError(
          "conflict",
          `The change would leave ${orphaned.length} upcoming reservation(s) outside the hours or over capacity; move or cancel them first.`,
          { reservations: orphaned.map((seats) => ({ id: seats.id, start: formatLocal(seats.startsAt, next.timeZone), guestCount: seats.guestCount })) },
        );
      }
      return next;
    });
    if (!written) throw ApiError.notFound(`Restaurant ${id}`);
    return written;
  }

  const existing = (id: string, current: Restaurant | null): Restaurant => {
    if (!current) throw ApiError.notFound(`Restaurant ${id}`);
    return current;
  };

  function checkParty(restaurant: Restaurant): Restaurant {
    if (restaurant.maxPartySize > restaurant.capacity) throw ApiError.field("maxPartySize", "too_big", `must be at most the capacity (${restaurant.capacity})`);
    return restaurant;
  }

  async function create(input: RestaurantInput): Promise<Restaurant> {
    const id = Bun.randomUUIDv7();
    const restaurant: Restaurant = { ...input, id, externalId: input.externalId ?? null, rating: 0, reviewCount: 0, specialDays: {}, archivedAt: null };
    return write(id, () => checkParty(restaurant), false);
  }

  async function update(id: string, patch: RestaurantPatch): Promise<Restaurant> {
    return write(id, (current) => checkParty({ ...existing(id, current), ...patch }));
  }

  /** Archived restaurants take no bookings and leave every search; their reservations stay readable. */
  async function archive(id: string): Promise<Restaurant> {
    return write(id, (current) => {
      const found = existing(id, current);
      return found.archivedAt === null ? { ...found, archivedAt: now() } : null;
    }, false);
  }

  async function putSpecialDay(id: string, date: Temporal.PlainDate, hours: OpeningInterval[]): Promise<SpecialDay> {
    const key = date.toString();
    await write(id, (current) => {
      const found = existing(id, current);
      return { ...found, specialDays: { ...found.specialDays, [key]: hours } };
    });
    return { date: key, closed: hours.length === 0, hours };
  }

  async function deleteSpecialDay(id: string, date: Temporal.PlainDate): Promise<void> {
    const key = date.toString();
    await write(id, (current) => {
      const found = existing(id, current);
      const { [key]: removed, ...rest } = found.specialDays;
      if (!removed) throw ApiError.notFound(`A special day on ${key}`);
      return { ...found, specialDays: rest };
    });
  }

  async function specialDays(id: string): Promise<SpecialDay[]> {
    const restaurant = await restaurants.get(id);
    return Object.entries(restaurant.specialDays)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, hours]) => ({ date, closed: hours.length === 0, hours }));
  }

  return { create, update, archive, putSpecialDay, deleteSpecialDay, specialDays };
}

export type RestaurantChangeService = ReturnType<typeof createRestaurantChangeService>;
