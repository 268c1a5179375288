/** The server as the benchmark runs it, and one measured wrk run against it. */
import { loadSettings } from "../src/settings";
import { type Child, startChild } from "./processes";
import { runWrk, type WrkResult } from "./wrk";

const API_KEY = "bench-key-0123456789abcdef";
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
