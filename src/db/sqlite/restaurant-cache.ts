import type { Database } from "bun:sqlite";
import type { Restaurant } from "../../domain/restaurant";
import { dataVersionWatch } from "./data-version";
import { perConnection } from "./per-connection";

/**
 * Restaurants as last read on a connection: nearly every request reads one, and they change
 * rarely. Every writer on the connection drops what it changed (`forget`); a commit by another
 * connection to the file (cron's `bun run jobs`) drops everything, seen through `data_version`
 * on the next read. So a change is served at once, whoever made it.
 */
function createRestaurantCache(client: Database) {
  const otherCommits = dataVersionWatch(client);
  const restaurants = new Map<string, Restaurant>();
  return {
    get(id: string, load: () => Restaurant | null): Restaurant | null {
      if (otherCommits.changed()) restaurants.clear();
      const cached = restaurants.get(id);
      if (cached) return cached;
      const loaded = load();
      if (loaded) restaurants.set(id, loaded);
      return loaded;
    },
    forget(id: string) {
      restaurants.delete(id);
    },
  };
}

/** One cache per connection, shared by the repository that fills it and the job store that writes ratings. */
export const restaurantCacheOf = perConnection(createRestaurantCache);
