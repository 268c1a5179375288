import { and, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import { reservations } from "./schema";

/**
 * A restaurant's reservations whose stay overlaps [from, to). A stay that ends after `from`
 * started after `from` minus the restaurant's longest stay (one step of
 * `reservations_restaurant_stay`), so that bound drops no overlap and keeps the scan to the window.
 */
export function overlapping(restaurantId: string, from: number, to: number): SQL {
  const longestStay = sql`(select max(ends_at - starts_at) from reservations where restaurant_id = ${restaurantId})`;
  return and(
    eq(reservations.restaurantId, restaurantId),
    sql`${reservations.startsAt} > ${from}::bigint - ${longestStay}`,
    lt(reservations.startsAt, to),
    gt(reservations.endsAt, from),
  )!;
}
