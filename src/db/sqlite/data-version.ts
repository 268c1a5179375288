import type { Database } from "bun:sqlite";

/**
 * Tells a per-connection cache when another connection to the same file has committed:
 * `PRAGMA data_version` changes then (and only then), so one cheap read per lookup says whether
 * the cache may still be trusted. Writes on this connection do not change it; the writer drops
 * what it changed itself.
 */
export function dataVersionWatch(client: Database): { changed(): boolean } {
  const dataVersion = client.query<{ data_version: number }, []>("PRAGMA data_version");
  let seen = dataVersion.get()!.data_version;
  return {
    changed() {
      const version = dataVersion.get()!.data_version;
      if (version === seen) return false;
      seen = version;
      return true;
    },
  };
}
