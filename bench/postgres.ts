/**
 * The PostgreSQL part of `bun run bench`: (b) to (e) on PostgreSQL at one and at two instances
 * of the app, beside SQLite's at one, with the CPU seconds each process used per 1,000 requests.
 * `BENCH_ONLY=postgres bun run bench` runs this part alone (with its own (a) and SQLite rows).
 */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { countBackendsOf } from "./cpu";
import { availabilityDaysFile, bookingTargetsFile, idsFile } from "./inputs";
import { BENCH_REDIS, LOAD, type Measured, measureOn, PG_POOL_SIZE, startPostgresServer, startServer } from "./measure";
import type { Child } from "./processes";
import { type BackendRow, renderPostgresSection } from "./report";
import { seedDatabase } from "./seed";
import { type BenchDatabase, copySqliteToPostgres, createBenchDatabase, PG_SERVER } from "./seed-postgres";
import type { WrkResult } from "./wrk";

/** (b) to (e), each measured on some instances of the app. */
export type BackendRuns = Record<"b" | "c" | "d" | "e", Measured>;

const NAMES: Record<keyof BackendRuns, string> = {
  b: "`GET /api/v1/reservations/{id}`, random of 100k",
  c: "`POST /api/v1/reservations`, each on a different open seating",
  d: "`PUT /api/v1/reservations/{id}/status` check-in, each on a different reservation",
  e: "`GET /api/v1/restaurants/{id}/availability`, random restaurant and day",
};

let database: BenchDatabase | null = null;

/** Drops the benchmark's database if one was made: on the way out, also after SIGINT. */
export async function dropBenchDatabase(): Promise<void> {
  await database?.drop();
}

/** The inputs of (b) to (e). The writes use theirs up, so each set of runs gets its own files. */
export interface BackendInputs {
  ids: string;
  days: string;
  /** Per instance: open seatings to book, and reservations that may check in now. */
  targets: string[];
  checkIns: string[];
}

/** Lines split into `parts` files of distinct lines, round-robin. */
async function splitLines(dir: string, name: string, lines: string[], parts: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: parts }, (_, part) => idsFile(dir, `${name}-${part}.txt`, lines.filter((_, i) => i % parts === part))),
  );
}

/** (b) to (e) spread over `children`, reads first: a warm-up before each read, none before a write. */
export async function backendRuns(children: Child[], inputs: BackendInputs): Promise<BackendRuns> {
  const b = await measureOn(children, "get-reservation.lua", () => [inputs.ids]);
  const e = await measureOn(children, "availability.lua", () => [inputs.days]);
  const c = await measureOn(children, "post-reservation.lua", (i, threads) => [inputs.targets[i]!, String(threads)], { warmUp: false });
  const d = await measureOn(children, "put-status.lua", (i, threads) => [inputs.checkIns[i]!, String(threads)], { warmUp: false });
  const checkIns = (await Promise.all(inputs.checkIns.map((path) => Bun.file(path).text()))).reduce((n, text) => n + text.trim().split("\n").length, 0);
  if (d.result.requests > checkIns) console.warn(`(d) on ${children.length} instance(s) made ${d.result.requests} requests over ${checkIns} reservations: some repeated`);
  return { b, c, d, e };
}

async function serverFacts(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await sql<Array<Record<string, string>>>`
      select current_setting('server_version') as version, current_setting('shared_buffers') as shared_buffers,
             current_setting('synchronous_commit') as synchronous_commit, current_setting('fsync') as fsync,
             current_setting('max_connections') as max_connections`;
    return `PostgreSQL ${row!.version} on 127.0.0.1:5432 as it is configured on the machine (shared_buffers=${row!.shared_buffers}, synchronous_commit=${row!.synchronous_commit}, fsync=${row!.fsync}, max_connections=${row!.max_connections})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface PostgresPartOptions {
  dir: string;
  /** (a) of the same run; measured here when absent. */
  baseline?: WrkResult;
  /** SQLite's (b) to (e) at one instance from the main scenarios; measured here when absent. */
  sqlite?: BackendRuns;
  /** Measures (a) when `baseline` is absent. */
  measureBaseline: () => Promise<WrkResult>;
}

/** Seeds, copies, measures and drops the database; returns the section of bench/results.md. */
export async function postgresPart({ dir, baseline, sqlite, measureBaseline }: PostgresPartOptions): Promise<string> {
  const loadBefore = loadavg().map((n) => n.toFixed(2)).join(" ");
  const started = Date.now();
  const now = Date.now();
  const sourcePath = join(dir, "postgres-source.db");
  const seeded = await seedDatabase(sourcePath, { upcoming: 100_000, checkInSoon: 40_000 }, now);
  const seededMs = Date.now() - now;
  const db = (database = await createBenchDatabase());
  countBackendsOf(db.name);
  const copyStarted = Date.now();
  const copied = await copySqliteToPostgres(sourcePath, db.url);
  const copiedMs = Date.now() - copyStarted;
  console.log(`PostgreSQL ${db.name}: seeded in ${(seededMs / 1000).toFixed(1)} s, copied in ${(copiedMs / 1000).toFixed(1)} s`, copied);
  const server = await serverFacts(db.url);

  // Disjoint writes: half the seatings and check-ins for one instance (and for SQLite's rows when
  // measured here, on their own file), a quarter for each of two instances.
  const ids = await idsFile(dir, "pg-ids.txt", seeded.upcomingIds);
  const days = await availabilityDaysFile(dir, seeded.restaurants, now);
  const targetLines = (await Bun.file(await bookingTargetsFile(dir, seeded.restaurants, now, 60_000)).text()).trim().split("\n");
  const [targetsOne, targetsTwo] = await splitLines(dir, "pg-targets", targetLines, 2);
  const [checkInsOne, checkInsTwo] = await splitLines(dir, "pg-check-ins", seeded.checkInIds, 2);
  const halves = async (name: string, path: string) => splitLines(dir, name, (await Bun.file(path).text()).trim().split("\n"), 2);
  const one: BackendInputs = { ids, days, targets: [targetsOne!], checkIns: [checkInsOne!] };
  const two: BackendInputs = { ids, days, targets: await halves("pg-targets-two", targetsTwo!), checkIns: await halves("pg-check-ins-two", checkInsTwo!) };

  const a = baseline ?? (await measureBaseline());
  let sqliteRuns = sqlite;
  if (!sqliteRuns) {
    const instance = await startServer("sqlite-for-postgres", sourcePath, dir);
    sqliteRuns = await backendRuns([instance], one);
    await instance.stop();
  }

  const single = await startPostgresServer("postgres-1", db.url, dir);
  const pgOne = await backendRuns([single], one);
  await single.stop();
  const pair = await Promise.all([startPostgresServer("postgres-2a", db.url, dir), startPostgresServer("postgres-2b", db.url, dir)]);
  const pgTwo = await backendRuns(pair, two);
  await Promise.all(pair.map((instance) => instance.stop()));
  await db.drop();
  countBackendsOf(null);

  const rows: BackendRow[] = [];
  for (const key of ["b", "c", "d", "e"] as const) {
    rows.push({ key, name: NAMES[key], backend: "SQLite, 1 instance", ...sqliteRuns[key] });
    rows.push({ key, name: NAMES[key], backend: "PostgreSQL, 1 instance", ...pgOne[key] });
    rows.push({ key, name: NAMES[key], backend: "PostgreSQL, 2 instances", ...pgTwo[key] });
  }
  const loadAfter = loadavg().map((n) => n.toFixed(2)).join(" ");
  const nproc = Bun.spawnSync(["nproc"]).stdout.toString().trim();
  const facts = [
    `Run ${new Date(started).toISOString()} on ${nproc} CPUs (${cpus()[0]?.model ?? "unknown"}); load average before this part ${loadBefore}, after it ${loadAfter}; this part took ${((Date.now() - started) / 1000).toFixed(0)} s.${baseline ? "" : " Run alone (`BENCH_ONLY=postgres`): (a) and the SQLite rows were measured in this part, the tables above are from an earlier run."}`,
    "",
    `${server}. A fresh database \`${db.name}\` of the benchmark's own, dropped at the end: the service's migrations, then the rows of a SQLite file seeded as above (${seeded.upcomingIds.length.toLocaleString("en")} upcoming reservations, ${seeded.checkInIds.length.toLocaleString("en")} that may check in now) copied in with \`COPY … FROM STDIN\`, then \`VACUUM ANALYZE\`: seeded in ${(seededMs / 1000).toFixed(1)} s, copied in ${(copiedMs / 1000).toFixed(1)} s.`,
    "",
    `Each instance is \`bun src/main.ts\` with the environment above and \`DATABASE_URL=${PG_SERVER}/${db.name} DATABASE_POOL_SIZE=${PG_POOL_SIZE} REDIS_URL=${BENCH_REDIS.url}\`. One instance: \`wrk -t${LOAD.threads} -c${LOAD.connections} -d${LOAD.seconds}s\` as above. Two instances: two processes on different ports on the same database, and two wrk processes at once, \`-t${Math.max(1, Math.round(LOAD.threads / 2))} -c${Math.round(LOAD.connections / 2)}\` each on its own instance; req/s is their sum, p50 and p99 the worse of the two. (c) and (d) give every set of runs its own seatings and reservations (and each of two instances its own half). SQLite's rows: ${sqlite ? "the same runs as (b) to (e) in the table above, one instance on its own file" : "one instance on the SQLite file the database was copied from, measured in this part"}.`,
    "",
    `CPU seconds per 1,000 requests: utime + stime from \`/proc/<pid>/stat\` (${Bun.spawnSync(["getconf", "CLK_TCK"]).stdout.toString().trim()} ticks a second) just before and just after the measured ${LOAD.seconds} s (not the warm-up), over the requests it completed. App: the instance(s). PostgreSQL, all processes: every process named \`postgres\` (\`pgrep -x\`: the postmaster, its background processes and every backend of any database; one that exits during the run is not counted), which on a machine shared with other work includes that work's queries; PostgreSQL, this database's backends: those of them whose process title names \`${db.name}\`, i.e. the instances' pool connections (the WAL writer and checkpointer, which the writes also keep busy, are only in the other column). Redis: \`redis-server\`, where the instances count their rate limits (\`REDIS_URL\`, as a scaled-out deployment does; the status change of (d) is one count a request). wrk is in none of the columns. With ${nproc} CPUs shared by wrk, the instance(s) and PostgreSQL, two instances cannot outrun one here; the CPU columns are the cost of a request on each backend.`,
    "",
  ];
  return renderPostgresSection({ facts, baseline: a, rows });
}
