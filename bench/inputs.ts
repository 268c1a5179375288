/** The data files the wrk scripts read: one item a line, tab-separated fields. */
import { join } from "node:path";
import { formatLocal } from "../src/domain/local-time";
import type { Restaurant } from "../src/domain/restaurant";
import { openSlots, SEED_DAYS } from "./seed";

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function writeLines(dir: string, name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await Bun.write(path, `${lines.join("\n")}\n`);
  return path;
}

/** At most `limit` ids, drawn at random when there are more. */
export const idsFile = (dir: string, name: string, ids: string[], limit = ids.length) =>
  writeLines(dir, name, ids.length > limit ? shuffled([...ids]).slice(0, limit) : ids);

/** Distinct open seatings, in random order, to book a party of 2 at each. */
export function bookingTargetsFile(dir: string, restaurants: Restaurant[], now: number, count: number) {
  const targets = shuffled(openSlots(restaurants, now)).slice(0, count);
  return writeLines(dir, "booking-targets.tsv", targets.map(({ restaurant, startsAt }) => `${restaurant.id}\t${formatLocal(startsAt, restaurant.timeZone)}\t2`));
}

/** Every restaurant and local day in the seeded range, closed days included. */
export function availabilityDaysFile(dir: string, restaurants: Restaurant[], now: number) {
  const lines: string[] = [];
  for (const restaurant of restaurants) {
    const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(restaurant.timeZone).toPlainDate();
    for (let day = 1; day <= SEED_DAYS; day++) lines.push(`${restaurant.id}\t${today.add({ days: day }).toString()}`);
  }
  return writeLines(dir, "availability-days.tsv", lines);
}

/**
 * Dates for the index page, which takes one date for every restaurant: from the day after
 * tomorrow in UTC, so that each is a seeded local day in every restaurant's zone.
 */
export function searchDatesFile(dir: string, now: number) {
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO("UTC").toPlainDate();
  const lines = Array.from({ length: SEED_DAYS - 2 }, (_, i) => today.add({ days: i + 2 }).toString());
  return writeLines(dir, "search-dates.txt", lines);
}
