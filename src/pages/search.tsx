/** @jsxImportSource hono/jsx */
/** The index: find a restaurant, see its open tables for a day and party, and start a booking. */
import type { Context } from "hono";
import { z } from "zod";
import { isPlainDate, zoned } from "../domain/local-time";
import type { Restaurant } from "../domain/restaurant";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import type { AppEnv } from "../lib/types";
import type { AvailabilitySlot } from "../services/restaurants";
import { renderPage } from "./render";

interface Search {
  q: string;
  cuisine: string;
  date: string;
  partySize: number;
  cursor?: string;
}

interface Result {
  restaurant: Restaurant;
  slots: AvailabilitySlot[];
  /** Why there are no slots to offer, when the search itself is the reason. */
  unavailable?: string;
  bookedToday: number;
  favourite: boolean;
}

const listKey = z.object({ name: z.string(), id: z.string() });
/** The latest zone on Earth: a date before its today is in the past everywhere. */
const LATEST_ZONE = "Etc/GMT+12";

/** What was asked, with defaults (today, 2) for what was not, and a message for what cannot be searched. */
function readSearch(c: Context<AppEnv>, now: number): { search: Search; problem?: string } {
  const query = c.req.query();
  const today = zoned(now, "UTC").toPlainDate().toString();
  const search: Search = { q: (query.q ?? "").trim().slice(0, 100), cuisine: query.cuisine ?? "", date: query.date || today, partySize: 2, cursor: query.cursor };
  const party = query.partySize === undefined || query.partySize === "" ? 2 : Number(query.partySize);
  if (!Number.isInteger(party) || party < 1 || party > 99) {
    return { search, problem: "Party size must be a whole number of at least 1. Showing tables for 2." };
  }
  search.partySize = party;
  if (!isPlainDate(search.date)) return { search: { ...search, date: today }, problem: "That date could not be read. Showing today." };
  if (search.date < zoned(now, LATEST_ZONE).toPlainDate().toString()) {
    return { search: { ...search, date: today }, problem: "That date has passed. Showing today." };
  }
  return { search };
}

function resultFor(restaurant: Restaurant, slots: Map<string, AvailabilitySlot[] | null>, counts: Map<string, number>, favourites: Set<string>): Result {
  const base = { restaurant, bookedToday: counts.get(restaurant.id) ?? 0, favourite: favourites.has(restaurant.id) };
  const open = slots.get(restaurant.id);
  if (open === null || open === undefined) return { ...base, slots: [], unavailable: `Takes parties of at most ${restaurant.maxPartySize}.` };
  return { ...base, slots: open };
}

export async function searchPage(c: Context<AppEnv>) {
  const { restaurants, accounts, settings } = c.get("services");
  const clock = c.get("services").now();
  const { search, problem } = readSearch(c, clock);
  let after: z.infer<typeof listKey> | undefined;
  try {
    after = decodeCursor(search.cursor, listKey);
  } catch {
    after = undefined;
  }
  const page = await restaurants.list({ q: search.q || undefined, cuisine: search.cuisine || undefined, limit: settings.pagination.defaultLimit, after });
  const guest = c.get("guest");
  const favouriteIds = guest ? await accounts.favourites(guest.id) : [];
  const favouriteRestaurants = (await Promise.all(favouriteIds.map((id) => restaurants.find(id)))).filter((found): found is Restaurant => found !== null);
  // A favourite on this page too is counted and its slots found once.
  const shown = [...new Map([...page.items, ...favouriteRestaurants].map((restaurant) => [restaurant.id, restaurant])).values()];
  const counts = await restaurants.bookedToday(shown);
  const favourites = new Set(favouriteIds);
  const slots = await restaurants.availabilityOf(shown, Temporal.PlainDate.from(search.date), search.partySize);
  const results = page.items.map((restaurant) => resultFor(restaurant, slots, counts, favourites));
  const favouriteResults = favouriteRestaurants.map((restaurant) => resultFor(restaurant, slots, counts, favourites));
  const next = page.next ? `/?${new URLSearchParams({ q: search.q, cuisine: search.cuisine, date: search.date, partySize: String(search.partySize), cursor: encodeCursor(page.next) })}` : null;
  const here = c.req.url.slice(new URL(c.req.url).origin.length);

  return renderPage(
    c,
    "Find a table",
    <>
      {guest ? null : (
        <p class="notice">
          <a href="/signup">New to this site? Log in and it'll autofill your details</a>
        </p>
      )}
      <h1>Find a table</h1>
      <SearchForm search={search} cuisines={await restaurants.cuisines()} />
      {problem ? <p role="alert">{problem}</p> : null}
      {favouriteResults.length > 0 ? (
        <section aria-labelledby="favourites-heading">
          <h2 id="favourites-heading">Your favourites</h2>
          {favouriteResults.map((result) => (
            <RestaurantCard result={result} search={search} signedIn={true} returnTo={here} headingId={`fav-${result.restaurant.id}`} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Restaurants</h2>
        {results.length === 0 ? <p>No restaurant matches that search. Try fewer words, or any cuisine.</p> : null}
        {results.map((result) => (
          <RestaurantCard result={result} search={search} signedIn={guest !== null} returnTo={here} headingId={`r-${result.restaurant.id}`} />
        ))}
        {next ? (
          <p>
            <a href={next}>Next page</a>
          </p>
        ) : null}
      </section>
    </>,
  );
}

function SearchForm({ search, cuisines }: { search: Search; cuisines: string[] }) {
  return (
    <form method="get" action="/" class="search" aria-label="Search restaurants">
      <div class="grid">
        <label>
          Search
          <input type="search" name="q" value={search.q} placeholder="Name, cuisine or street" />
        </label>
        <label>
          Cuisine
          <select name="cuisine">
            <option value="">Any</option>
            {cuisines.map((cuisine) => (
              <option value={cuisine} selected={cuisine === search.cuisine}>
                {capitalised(cuisine)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Date
          <input type="date" name="date" value={search.date} />
        </label>
        <label>
          Party size
          <input type="number" name="partySize" value={String(search.partySize)} min={1} inputmode="numeric" />
        </label>
      </div>
      <button type="submit">Search</button>
    </form>
  );
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** ★★★★½ for 4.6: whole stars, a half from .25 up, rounded the way a guest expects. */
export function stars(rating: number): string {
  const halves = Math.round(rating * 2);
  return "★".repeat(Math.floor(halves / 2)) + (halves % 2 ? "½" : "");
}

function RestaurantCard({ result, search, signedIn, returnTo, headingId }: { result: Result; search: Search; signedIn: boolean; returnTo: string; headingId: string }) {
  const { restaurant, slots, unavailable, bookedToday, favourite } = result;
  return (
    <article aria-labelledby={headingId}>
      <header class="card-head">
        <h3 id={headingId}>{restaurant.name}</h3>
        {signedIn ? (
          <form method="post" action={`/favourites/${restaurant.id}`} class="inline">
            <input type="hidden" name="favourite" value={favourite ? "false" : "true"} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <button type="submit" class="outline star" aria-label={`${favourite ? "Remove" : "Add"} ${restaurant.name} ${favourite ? "from" : "to"} favourites`} aria-pressed={favourite ? "true" : "false"}>
              {favourite ? "★" : "☆"}
            </button>
          </form>
        ) : null}
      </header>
      <p>
        {capitalised(restaurant.cuisine)} ·{" "}
        <span role="img" aria-label={`Price level ${restaurant.priceLevel} of 4`}>
          {"$".repeat(restaurant.priceLevel)}
        </span>{" "}
        ·{" "}
        <span role="img" aria-label={`Rated ${restaurant.rating.toFixed(1)} out of 5`} class="stars">
          {stars(restaurant.rating)} {restaurant.rating.toFixed(1)}
        </span>{" "}
        · {restaurant.reviewCount.toLocaleString("en-US")} reviews
      </p>
      <p>
        <small>
          {restaurant.address} · Booked {bookedToday} {bookedToday === 1 ? "time" : "times"} today
        </small>
      </p>
      {unavailable ? (
        <p>{unavailable}</p>
      ) : slots.length === 0 ? (
        <p>
          No open tables on this day for {search.partySize}.
        </p>
      ) : (
        <form method="get" action={`/restaurants/${restaurant.id}/book`} class="slots" aria-label={`Open tables at ${restaurant.name}`}>
          <input type="hidden" name="partySize" value={String(search.partySize)} />
          {slots.map((slot) => (
            <button type="submit" name="start" value={slot.start} class="secondary">
              {slot.start.slice(11, 16)}
            </button>
          ))}
        </form>
      )}
    </article>
  );
}
