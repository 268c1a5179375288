import type { HitCounter } from "../hit-counter";
import { groupCommitOf } from "./group-commit";
import type { SqliteDb } from "./open";

/** Hit counters in SQLite, so a limit holds across a restart of the server. One statement a hit. */
export function sqliteHitCounter(db: SqliteDb): HitCounter {
  const client = db.$client;
  // A hit commits with the writes of its turn: a status change's count and its change, one commit.
  const writes = groupCommitOf(client);
  const increment = client.query<{ hits: number; resetAt: number }, { key: string; now: number; resetAt: number }>(
    `insert into rate_limits (key, hits, reset_at) values ($key, 1, $resetAt)
     on conflict (key) do update set
       hits = case when reset_at <= $now then 1 else hits + 1 end,
       reset_at = case when reset_at <= $now then $resetAt else reset_at end
     returning hits, reset_at as resetAt`,
  );
  const decrement = client.query(`update rate_limits set hits = hits - 1 where key = $key and reset_at > $now and hits > 0`);
  const reset = client.query(`delete from rate_limits where key = $key`);
  const prune = client.query(`delete from rate_limits where reset_at <= $now`);
  return {
    async increment(key, windowMs, now) {
      return writes.write(() => increment.get({ key, now, resetAt: now + windowMs })!);
    },
    async decrement(key, now) {
      decrement.run({ key, now });
    },
    async reset(key) {
      reset.run({ key });
    },
    async prune(now) {
      return prune.run({ now }).changes;
    },
  };
}
