import { formatLocal, localDayBounds, zoned } from "../domain/local-time";
import { occupancy, type Restaurant, remainingCovers, slotsForDay } from "../domain/restaurant";
import { ApiError } from "../lib/problem";
import type { ServiceContext } from "./context";
import { liveCutoffs } from "../domain/reservation-status";

const DAY = 86_400_000;

export interface AvailabilitySlot {
  start: string;
  remainingCovers: number;
}

export function createRestaurantService({ repo, settings, now }: ServiceContext) {
  async function get(id: string): Promise<Restaurant> {
    const found = await find(id);
    if (!found) throw ApiError.notFound(`Restaurant ${id}`);
    return found;
  }

  /** Read through storage, which may cache (SQLite does) but always answers what is committed now. */
  async function find(id: string): Promise<Restaurant | null> {
    return repo.getRestaurant(id);
  }

  async function list(query: { restaurantIds?: readonly string[]; q?: string; cuisine?: string; limit: number; after?: { name: string; id: string } }) {
    return repo.listRestaurants(query);
  }

  /** Open seatings on a local day that still fit the party: future, within the horizon, not full. */
  async function availability(id: string, date: Temporal.PlainDate, partySize: number) {
    const restaurant = await get(id);
    if (partySize > restaurant.maxPartySize) {
      throw ApiError.field("partySize", "too_big", `must be at most ${restaurant.maxPartySize} at this restaurant`);
    }
    return { date: date.toString(), timeZone: restaurant.timeZone, slots: await openSlots(restaurant, date, partySize, now()) };
  }

  /**
   * The open seatings of many restaurants on one day, in one pass with one clock reading, from
   * restaurants the caller already holds (a page of search results): null for a restaurant that
   * does not take a party this size. With the occupancy index warm this reads no rows.
   */
  async function availabilityOf(list: readonly Restaurant[], date: Temporal.PlainDate, partySize: number): Promise<Map<string, AvailabilitySlot[] | null>> {
    const clock = now();
    const slots = new Map<string, AvailabilitySlot[] | null>();
    for (const restaurant of list) {
      slots.set(restaurant.id, partySize > restaurant.maxPartySize ? null : await openSlots(restaurant, date, partySize, clock));
    }
    return slots;
  }

  async function openSlots(restaurant: Restaurant, date: Temporal.PlainDate, partySize: number, clock: number): Promise<AvailabilitySlot[]> {
    const horizon = clock + settings.booking.horizonDays * DAY;
    // An archived restaurant takes no bookings, so it offers no seatings.
    const offered = restaurant.archivedAt === null ? slotsForDay(restaurant, date) : [];
    const starts = offered.filter((start) => start > clock && start <= horizon);
    const slots: AvailabilitySlot[] = [];
    if (starts.length === 0) return slots;
    const dining = restaurant.diningMinutes * 60_000;
    const holds = await repo.seatHolds(restaurant.id, starts[0]!, starts[starts.length - 1]! + dining, liveCutoffs(clock, settings.statusRules));
    const held = occupancy(holds);
    for (const start of starts) {
      const remaining = remainingCovers(restaurant, held, start);
      if (remaining >= partySize) slots.push({ start: formatLocal(start, restaurant.timeZone), remainingCovers: remaining });
    }
    return slots;
  }

  /** Bookings each restaurant took today, "today" being the local day in its own zone. */
  async function bookedToday(list: readonly Restaurant[]): Promise<Map<string, number>> {
    const clock = now();
    const byZone = Map.groupBy(list, (restaurant) => restaurant.timeZone);
    const counts = new Map<string, number>();
    for (const [timeZone, inZone] of byZone) {
      const { start, end } = localDayBounds(zoned(clock, timeZone).toPlainDate(), timeZone);
      const made = await repo.countBookingsMade(inZone.map((restaurant) => restaurant.id), start, end);
      for (const restaurant of inZone) counts.set(restaurant.id, made.get(restaurant.id) ?? 0);
    }
    return counts;
  }

  return { get, find, list, availability, availabilityOf, bookedToday, cuisines: () => repo.cuisines() };
}

export type RestaurantService = ReturnType<typeof createRestaurantService>;
