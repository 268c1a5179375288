import type { Database } from "bun:sqlite";

/**
 * One `create(client)` per connection, made on first use: the state every store writing on the
 * connection must share (its caches, its group commit), found from the connection alone.
 */
export function perConnection<T>(create: (client: Database) => T): (client: Database) => T {
  const made = new WeakMap<Database, T>();
  return (client) => {
    let found = made.get(client);
    if (found === undefined) made.set(client, (found = create(client)));
    return found;
  };
}
