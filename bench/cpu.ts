/**
 * CPU time of the processes a measured run keeps busy: utime + stime from `/proc/<pid>/stat`,
 * read before and after the run. Groups: the app instance(s), every process named `postgres`
 * (the server's postmaster, background workers and backends), and `redis-server` if one runs.
 */
import { readFileSync } from "node:fs";

const CLK_TCK = Number(Bun.spawnSync(["getconf", "CLK_TCK"]).stdout.toString().trim()) || 100;

/** utime + stime in clock ticks; null once the process is gone. */
function ticks(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The name, field 2, is in parentheses and may hold spaces: count fields after its last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 of the line are the 12th and 13th after the name.
  return Number(fields[11]) + Number(fields[12]);
}

/** Pids of every process named exactly `name`, as `pgrep -x` finds them. */
export function pidsNamed(name: string): number[] {
  const out = Bun.spawnSync(["pgrep", "-x", name]).stdout.toString().trim();
  return out ? out.split("\n").map(Number) : [];
}

export interface CpuSeconds {
  app: number;
  /** Every process named postgres: the whole server, whoever it serves. */
  postgres: number;
  /** The backends connected to the benchmark's database (see `countBackendsOf`); null when there is none. */
  postgresOwn: number | null;
  /** Null when no redis-server runs. */
  redis: number | null;
}

type Snapshot = Map<number, number>;

function snapshot(pids: number[]): Snapshot {
  const taken: Snapshot = new Map();
  for (const pid of pids) {
    const value = ticks(pid);
    if (value !== null) taken.set(pid, value);
  }
  return taken;
}

/**
 * Seconds of CPU a group used between two snapshots. A process that appeared in between (a
 * PostgreSQL backend opened during the run) counts from 0; one that exited in between is lost.
 */
function used(before: Snapshot, after: Snapshot): number {
  let sum = 0;
  for (const [pid, value] of after) sum += value - (before.get(pid) ?? 0);
  return sum / CLK_TCK;
}

let ownDatabase: string | null = null;

/**
 * From now on, also count apart the backends connected to `database` (null: stop): the server
 * may be shared with other work, whose backends the whole server's figure includes.
 */
export function countBackendsOf(database: string | null): void {
  ownDatabase = database;
}

/** A backend's title, `postgres: 15/main: <user> <database> <host>(<port>) <state>`, names its database. */
function servesDatabase(pid: number, database: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").includes(` ${database} `);
  } catch {
    return false;
  }
}

/** CPU seconds of the app pids, of PostgreSQL and of Redis while `during` runs. */
export async function cpuDuring<T>(appPids: number[], during: () => Promise<T>): Promise<{ result: T; cpu: CpuSeconds }> {
  const take = () => ({ app: snapshot(appPids), postgres: snapshot(pidsNamed("postgres")), redis: snapshot(pidsNamed("redis-server")) });
  const before = take();
  const result = await during();
  const after = take();
  const redisRuns = before.redis.size > 0 || after.redis.size > 0;
  const database = ownDatabase;
  const own = database === null ? null : new Map([...after.postgres].filter(([pid]) => servesDatabase(pid, database)));
  return {
    result,
    cpu: {
      app: used(before.app, after.app),
      postgres: used(before.postgres, after.postgres),
      postgresOwn: own === null ? null : used(before.postgres, own),
      redis: redisRuns ? used(before.redis, after.redis) : null,
    },
  };
}
