import type { Restaurant } from "../domain/restaurant";
import type { Repository } from "./repository";
import { restaurantSeeds } from "./seed-data";

/**
 * The demo restaurants get ids derived from their slugs (RFC 9562 version 8), so that the same
 * seed gives the same ids on every machine and the README's examples keep working.
 */
export function seedRestaurantId(slug: string): string {
  const bytes = new Bun.CryptoHasher("sha256").update(`tablekeeper:restaurant:${slug}`).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A demo restaurant's external id (what a restaurant-data source knows it by) is its slug. */
export const demoRestaurants: Restaurant[] = restaurantSeeds.map(({ slug, ...restaurant }) => ({
  id: seedRestaurantId(slug),
  ...restaurant,
  externalId: slug,
  specialDays: {},
  archivedAt: null,
}));

/** Fills an empty database with the demo restaurants; a database with any restaurant is left alone. */
export async function seedDemoData(repo: Repository): Promise<number> {
  if ((await repo.countRestaurants()) > 0) return 0;
  await repo.insertRestaurants(demoRestaurants);
  return demoRestaurants.length;
}
