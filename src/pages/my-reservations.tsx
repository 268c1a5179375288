/** @jsxImportSource hono/jsx */
/** A signed-in guest's reservations, latest seating first. */
import type { Context } from "hono";
import type { UserRow } from "../db/account-store";
import { formatForGuest } from "../domain/local-time";
import type { AppEnv } from "../lib/types";
import { renderPage } from "./render";
import { statusWords } from "./reservation";

export async function myReservationsPage(c: Context<AppEnv>, guest: UserRow) {
  const { reservations, restaurants } = c.get("services");
  const { data } = await reservations.listOwned(guest.id, 100);
  const items = await Promise.all(data.map(async (view) => ({ view, restaurant: await restaurants.get(view.row.restaurantId) })));
  return renderPage(
    c,
    "My reservations",
    <>
      <h1>My reservations</h1>
      {items.length === 0 ? (
        <p>
          None yet. <a href="/">Find a table</a>.
        </p>
      ) : (
        <ul class="my-reservations">
          {items.map(({ view, restaurant }) => (
            <li>
              <a href={`/reservations/${view.row.id}`}>
                {restaurant.name}, {formatForGuest(view.row.startsAt, view.timeZone)}, party of {view.row.guestCount}
              </a>{" "}
              <small>({statusWords[view.status]})</small>
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}
