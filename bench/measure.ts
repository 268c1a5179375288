/** The server as the benchmark runs it, and one measured wrk run against it. */
import { loadSettings } from "../src/settings";
import { cpuDuring, type CpuSeconds } from "./cpu";
import { type Child, startChild } from "./processes";
import { runWrk, type WrkResult } from "./wrk";

export const API_KEY = "bench-key-0123456789abcdef";
export const LOAD = { seconds: 5, connections: 50, threads: 2 };
export const WARMUP_SECONDS = 1;
export const SERVER_ENV = {
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  API_KEYS: `bench:${API_KEY}`,
  API_RATE_LIMIT_PER_MINUTE: "0",
  STATUS_CHANGE_LIMIT: "1000",
  SCHEDULER_ENABLED: "false",
};
/** Restaurants on a full page of the index, as the server reads its settings. */
export const INDEX_RESULTS = loadSettings(SERVER_ENV).pagination.defaultLimit;

/** `bun src/main.ts` on `database`, logging into `logDir`; `bunFlags` such as the profiler's. */
export const startServer = (name: string, database: string, logDir: string, bunFlags: string[] = []) =>
  startChild(name, "src/main.ts", { ...SERVER_ENV, DATABASE_URL: database }, logDir, bunFlags);

export interface MeasureOptions {
  /** A short warm-up run first, so the JIT has seen the route; off for writes, which use up their inputs. */
  warmUp?: boolean;
  /** A guest page: requested without the API key, as a browser does. */
  page?: boolean;
}

export async function measure(child: Child, script: string, args: string[] = [], { warmUp = true, page = false }: MeasureOptions = {}): Promise<WrkResult> {
  const run = { ...LOAD, url: child.url, script, args, headers: page ? [] : [`Authorization: Bearer ${API_KEY}`] };
  if (warmUp) await runWrk({ ...run, seconds: WARMUP_SECONDS });
  const result = await runWrk(run);
  console.log(`${script.padEnd(22)} ${result.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms`);
  return result;
}

/** Where the PostgreSQL instances count their limits, as a scaled-out deployment does: keys of this run's own, removed at the end. */
export const BENCH_REDIS = { url: "redis://127.0.0.1:6379", prefix: `tablekeeper-bench-${process.pid}` };

/** `bun src/main.ts` on the PostgreSQL database at `url`, with a pool of `PG_POOL_SIZE` connections and its limits in Redis. */
export const PG_POOL_SIZE = 10;
export const startPostgresServer = (name: string, url: string, logDir: string) =>
  startChild(name, "src/main.ts", { ...SERVER_ENV, DATABASE_URL: url, DATABASE_POOL_SIZE: String(PG_POOL_SIZE), REDIS_URL: BENCH_REDIS.url, REDIS_PREFIX: BENCH_REDIS.prefix }, logDir);

/** Removes the run's Redis keys (the limits' windows and the queues' schedule). */
export async function removeBenchRedisKeys(): Promise<void> {
  const { Redis } = await import("ioredis");
  const client = new Redis(BENCH_REDIS.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${BENCH_REDIS.prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } catch {
    // No Redis here: nothing was written to it.
  } finally {
    client.disconnect();
  }
}

/** Several wrk processes' results as one: counts summed, latencies the worst of them (they cannot be merged exactly). */
export function mergeResults(results: WrkResult[]): WrkResult {
  if (results.length === 1) return results[0]!;
  const statuses: Record<string, number> = {};
  for (const result of results) for (const [status, count] of Object.entries(result.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const sum = (pick: (result: WrkResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  const max = (pick: (result: WrkResult) => number) => Math.max(...results.map(pick));
  return {
    requests: sum((r) => r.requests),
    reqPerSec: sum((r) => r.reqPerSec),
    p50Ms: max((r) => r.p50Ms),
    p90Ms: max((r) => r.p90Ms),
    p99Ms: max((r) => r.p99Ms),
    maxMs: max((r) => r.maxMs),
    non2xx: sum((r) => r.non2xx),
    socketErrors: sum((r) => r.socketErrors),
    statuses,
  };
}

export interface Measured {
  result: WrkResult;
  cpu: CpuSeconds;
}

/**
 * One measured run spread over `children` (instances of the app on one database): a wrk process
 * per instance, all at once, each with its share of `LOAD`'s connections and threads; `args(i)`
 * gives instance i's script arguments (the writes give each its own inputs). The CPU seconds of
 * the instances, PostgreSQL and Redis are read around the measured run, not the warm-up.
 */
export async function measureOn(children: Child[], script: string, args: (index: number, threads: number) => string[], { warmUp = true, page = false }: MeasureOptions = {}): Promise<Measured> {
  const n = children.length;
  const share = { seconds: LOAD.seconds, connections: Math.max(1, Math.round(LOAD.connections / n)), threads: Math.max(1, Math.round(LOAD.threads / n)) };
  const headers = page ? [] : [`Authorization: Bearer ${API_KEY}`];
  const runs = children.map((child, i) => ({ ...share, url: child.url, script, args: args(i, share.threads), headers }));
  // A run against an instance that died part-way is no result (and would count none of its CPU):
  // say so with what the instance wrote, rather than wrk's "connection refused".
  const checkAlive = async () => {
    for (const child of children) {
      if (child.exitCode() !== null) throw new Error(`${child.url} (pid ${child.pid}) exited during ${script}:\n${(await child.output()).slice(-4000)}`);
    }
  };
  let measured: { result: WrkResult[]; cpu: CpuSeconds };
  try {
    if (warmUp) await Promise.all(runs.map((run) => runWrk({ ...run, seconds: WARMUP_SECONDS })));
    measured = await cpuDuring(
      children.map((child) => child.pid),
      () => Promise.all(runs.map((run) => runWrk(run))),
    );
  } catch (error) {
    await checkAlive();
    throw error;
  }
  await checkAlive();
  const { result: results, cpu } = measured;
  const result = mergeResults(results);
  const per1k = (seconds: number | null) => (seconds === null ? "-" : ((seconds / result.requests) * 1000).toFixed(3));
  console.log(
    `${script.padEnd(22)} ${result.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  ×${n}  CPU s/1k: app ${per1k(cpu.app)} pg own ${per1k(cpu.postgresOwn)} pg all ${per1k(cpu.postgres)} redis ${per1k(cpu.redis)}`,
  );
  return { result, cpu };
}
