import type { Database } from "bun:sqlite";
import type { BookedSeats, Restaurant, SpecialDays } from "../../domain/restaurant";
import type { LiveCutoffs } from "../repository";
import { holdsSeats, liveState } from "./live-state";

/**
 * What a restaurant write needs inside its transaction: the special days beside the row, and the
 * reservations that hold its seats now or later, which a change is checked against.
 */
export function restaurantStatements(client: Database) {
  const daysOf = client.query<{ restaurantId: string; date: string; hours: string }, { ids: string }>(
    "select restaurant_id as restaurantId, date, hours from special_days where restaurant_id in (select value from json_each($ids)) order by date",
  );
  const clearDays = client.query("delete from special_days where restaurant_id = $id");
  const insertDay = client.query("insert into special_days (restaurant_id, date, hours) values ($id, $date, $hours)");
  const booked = client.query<Omit<BookedSeats, "upcoming"> & { upcoming: number }, Record<string, string | number>>(
    `select id, starts_at as startsAt, ends_at as endsAt, guest_count as guestCount, status = 0 as upcoming from reservations
     where restaurant_id = $restaurantId and ${holdsSeats}
     order by starts_at, id`,
  );
  const retime = client.query(
    `update reservations set ends_at = starts_at + $diningMs where restaurant_id = $restaurantId and ${liveState.upcoming}`,
  );
  return {
    /** The special days of each restaurant, by id. */
    specialDays(ids: readonly string[]): Map<string, SpecialDays> {
      const found = new Map<string, SpecialDays>(ids.map((id) => [id, {}]));
      for (const row of daysOf.all({ ids: JSON.stringify(ids) })) found.get(row.restaurantId)![row.date] = JSON.parse(row.hours);
      return found;
    },
    replaceSpecialDays(restaurant: Restaurant) {
      clearDays.run({ id: restaurant.id });
      for (const [date, hours] of Object.entries(restaurant.specialDays)) insertDay.run({ id: restaurant.id, date, hours: JSON.stringify(hours) });
    },
    booked(restaurantId: string, cutoffs: LiveCutoffs): BookedSeats[] {
      return booked.all({ restaurantId, ...cutoffs }).map((row) => ({ ...row, upcoming: row.upcoming === 1 }));
    },
    /** Upcoming reservations hold their seats for the restaurant's dining time as it is now. */
    retime(restaurantId: string, diningMinutes: number, cutoffs: LiveCutoffs) {
      retime.run({ restaurantId, diningMs: diningMinutes * 60_000, upcomingStartsAfter: cutoffs.upcomingStartsAfter });
    },
  };
}
