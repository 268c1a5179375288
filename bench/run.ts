/**
 * `bun run bench`: the real server under wrk on loopback, against a bare Bun.serve baseline, in
 * one sitting; then 10k against 1M rows, one scheduler sweep, and (b) to (e) on PostgreSQL at one
 * and two instances beside SQLite's, with CPU seconds per request (bench/postgres.ts). Writes
 * bench/results.md. `BENCH_ONLY=postgres` runs only the PostgreSQL part and rewrites only its
 * section; `BENCH_ONLY=sqlite` leaves it out. Bounded: every wrk run has a fixed duration, and
 * every child is stopped, and the PostgreSQL database dropped, on the way out.
 */
import { cpus, loadavg, tmpdir } from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { availabilityDaysFile, bookingTargetsFile, idsFile, searchDatesFile } from "./inputs";
import { API_KEY, removeBenchRedisKeys, INDEX_RESULTS, LOAD, measure, measureOn, SERVER_ENV, startServer, WARMUP_SECONDS } from "./measure";
import { checkIndexPage, checkReservationPage } from "./pages";
import { type BackendRuns, dropBenchDatabase, postgresPart } from "./postgres";
import { peakRss, startChild, stopAll } from "./processes";
import { renderReport, type Scenario, writePostgresSection, writeReport } from "./report";
import { seedDatabase } from "./seed";
import { type TableDropResult, tableDropFrom } from "./table-drop";
import { timeSweep } from "./sweep";
import { ensureWrk, type WrkResult } from "./wrk";

const SCALE_ROUNDS = 2;
const READ_GOAL = { p99Ms: 10 };
const WRITE_GOAL = { p99Ms: 25 };
/** A page does the work of many API reads: (g) is a page of availability answers and their HTML. */
const INDEX_PAGE_GOAL = { p99Ms: 50 };

/** `BENCH_ONLY=postgres`: only the PostgreSQL section (with its own (a) and SQLite rows); `sqlite`: all but it. */
const ONLY = process.env.BENCH_ONLY ?? "";
if (!["", "postgres", "sqlite"].includes(ONLY)) throw new Error(`BENCH_ONLY is postgres, sqlite or unset, not ${ONLY}`);

const dir = mkdtempSync(join(tmpdir(), "tablekeeper-bench-"));
const cleanUp = async () => {
  await stopAll();
  await dropBenchDatabase().catch((error) => console.error("could not drop the benchmark's PostgreSQL database:", error));
  await removeBenchRedisKeys();
  rmSync(dir, { recursive: true, force: true });
};
// `on`, not `once`: on Ctrl-C `bun run bench` passes the SIGINT on to this process, which has
// had its own from the terminal already, and a second one without a handler would end it before
// its children are stopped and the PostgreSQL database is dropped.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void cleanUp().then(() => process.exit(130));
  });
}

function machineFacts(): string[] {
  const nproc = Bun.spawnSync(["nproc"]).stdout.toString().trim();
  const wrk = Bun.spawnSync(["wrk", "--version"]).stdout.toString().split("\n")[0]!.split(" Copyright")[0];
  return [
    `Run ${new Date().toISOString()} on ${nproc} CPUs (${cpus()[0]?.model ?? "unknown"}), Bun ${Bun.version}, ${wrk}; load average before the run ${loadavg().map((n) => n.toFixed(2)).join(" ")}.`,
    "",
    `Each row: \`wrk --latency -t${LOAD.threads} -c${LOAD.connections} -d${LOAD.seconds}s\` on 127.0.0.1 (reads after a ${WARMUP_SECONDS} s warm-up), against \`bun src/main.ts\` as a child process with ${Object.entries(SERVER_ENV).filter(([k]) => k !== "API_KEYS").map(([k, v]) => `${k}=${v}`).join(" ")}, on a fresh SQLite file seeded in bulk with 100,000 upcoming reservations, each with a private link and booked at a steady rate over the past 170 days, on open seatings of the 30 demo restaurants over the next 170 days, plus 40,000 that may check in now for (d). The guest pages, (g) and (h), are requested without the API key. wrk, the server and anything else running share the CPUs.`,
    "",
  ];
}

async function mainScenarios(facts: string[]) {
  const now = Date.now();
  const seeded = await seedDatabase(join(dir, "main.db"), { upcoming: 100_000, checkInSoon: 40_000 }, now);
  const ids = await idsFile(dir, "ids-main.txt", seeded.upcomingIds);
  const checkIns = await idsFile(dir, "check-ins.txt", seeded.checkInIds);
  const targets = await bookingTargetsFile(dir, seeded.restaurants, now, 60_000);
  const days = await availabilityDaysFile(dir, seeded.restaurants, now);
  const dates = await searchDatesFile(dir, now);
  const tokens = await idsFile(dir, "link-tokens.txt", seeded.upcomingTokens);
  facts.push(`Seeded in ${((Date.now() - now) / 1000).toFixed(1)} s.`, "");

  const baseline = await startChild("baseline", "bench/baseline.ts", {}, dir);
  const a = await measure(baseline, "baseline.lua");
  await baseline.stop();

  const server = await startServer("server-100k", join(dir, "main.db"), dir);
  await checkIndexPage(server.url, dates, INDEX_RESULTS);
  await checkReservationPage(server.url, tokens);
  // (b) to (e) also with the CPU seconds they cost, for the PostgreSQL section.
  const { result: reads, peakMb } = await peakRss(server.pid, async () => ({
    z: await measure(server, "healthz.lua"),
    b: await measureOn([server], "get-reservation.lua", () => [ids]),
    e: await measureOn([server], "availability.lua", () => [days]),
    f: await measure(server, "search.lua"),
    g: await measure(server, "index-page.lua", [dates], { page: true }),
    h: await measure(server, "reservation-page.lua", [tokens], { page: true }),
  }));
  const c = await measureOn([server], "post-reservation.lua", (_, threads) => [targets, String(threads)], { warmUp: false });
  const d = await measureOn([server], "put-status.lua", (_, threads) => [checkIns, String(threads)], { warmUp: false });
  await server.stop();
  if (d.result.requests > seeded.checkInIds.length) console.warn(`(d) made ${d.result.requests} requests over ${seeded.checkInIds.length} reservations: some repeated`);

  const scenarios: Scenario[] = [
    { key: "a", name: "plain `Bun.serve`, fixed JSON", result: a },
    { key: "z", name: "`GET /healthz` on the server: every production middleware, no handler work", result: reads.z, goal: { ratio: 0.8, p99Ms: 10 } },
    { key: "b", name: "`GET /api/v1/reservations/{id}`, random of 100k", result: reads.b.result, goal: { ratio: 0.5, ...READ_GOAL } },
    { key: "c", name: "`POST /api/v1/reservations`, each on a different open seating", result: c.result, goal: { ratio: 0.1, ...WRITE_GOAL } },
    { key: "d", name: "`PUT /api/v1/reservations/{id}/status` check-in, each on a different reservation", result: d.result, goal: { ratio: 0.1, ...WRITE_GOAL } },
    { key: "e", name: "`GET /api/v1/restaurants/{id}/availability?date=…&partySize=2`, random restaurant and day", result: reads.e.result, goal: { ratio: 0.2, ...READ_GOAL } },
    {
      key: "f",
      name: "`GET /api/v1/restaurants?q=…`",
      note: "the search API; the index page, which also lists each restaurant's open tables, is (g)",
      result: reads.f,
      goal: READ_GOAL,
    },
    { key: "g", name: `\`GET /?date=…&partySize=2\`, the index page: ${INDEX_RESULTS} restaurants with their open tables, random day`, result: reads.g, goal: INDEX_PAGE_GOAL },
    { key: "h", name: "`GET /r/{token}`, the reservation page by its private link, random of 100k", result: reads.h, goal: { ratio: 0.5, ...READ_GOAL } },
  ];
  const backends: BackendRuns = { b: reads.b, c, d, e: reads.e };
  return { scenarios, mainMb: peakMb, backends };
}

/** A server on a fresh database of `size` reservations, with the inputs of (b), (e) and (g) for it. */
async function scaleServer(size: number) {
  const now = Date.now();
  const path = join(dir, `scale-${size}.db`);
  const seeded = await seedDatabase(path, { upcoming: size }, now);
  const ids = await idsFile(dir, `ids-${size}.txt`, seeded.upcomingIds, 100_000);
  const days = await availabilityDaysFile(dir, seeded.restaurants, now);
  const dates = await searchDatesFile(dir, now);
  const server = await startServer(`server-${size}`, path, dir);
  await checkIndexPage(server.url, dates, INDEX_RESULTS);
  return { server, ids, days, dates };
}

/**
 * (b), (e) and (g) at 10k and at 1M rows, in alternating rounds so that a burst of other work on
 * the machine hits both sizes alike; the best round of each counts. Also the 1M server's peak RSS.
 */
async function scaleRuns() {
  const sizes = { "10k": await scaleServer(10_000), "1M": await scaleServer(1_000_000) };
  const best = new Map<string, WrkResult>();
  const keep = (key: string, result: WrkResult) => {
    if ((best.get(key)?.reqPerSec ?? 0) < result.reqPerSec) best.set(key, result);
  };
  const { peakMb } = await peakRss(sizes["1M"].server.pid, async () => {
    for (let round = 0; round < SCALE_ROUNDS; round++) {
      for (const [size, { server, ids, days, dates }] of Object.entries(sizes)) {
        const warmUp = round === 0;
        keep(`b ${size}`, await measure(server, "get-reservation.lua", [ids], { warmUp }));
        keep(`e ${size}`, await measure(server, "availability.lua", [days], { warmUp }));
        keep(`g ${size}`, await measure(server, "index-page.lua", [dates], { warmUp, page: true }));
      }
    }
  });
  await Promise.all(Object.values(sizes).map(({ server }) => server.stop()));
  const pair = (scenario: string) => ({ small: best.get(`${scenario} 10k`)!, large: best.get(`${scenario} 1M`)! });
  return { b: pair("b"), e: pair("e"), g: pair("g"), peakMb };
}

/** (i) on a server of its own, on a fresh file with only the demo restaurants. */
async function tableDropRun(): Promise<TableDropResult> {
  const server = await startServer("server-table-drop", join(dir, "table-drop.db"), dir);
  try {
    return await tableDropFrom(server.url, API_KEY);
  } finally {
    await server.stop();
  }
}

async function sweepRun() {
  const path = join(dir, "sweep.db");
  const seeded = await seedDatabase(path, { upcoming: 100_000, overdue: 100_000 });
  const { ms, result } = await timeSweep(path);
  console.log(`sweep over ${seeded.overdueIds.length} due: ${ms.toFixed(0)} ms`, result);
  return { ms, due: seeded.overdueIds.length, upcoming: seeded.upcomingIds.length, result };
}

const measureBaseline = async () => {
  const baseline = await startChild("baseline", "bench/baseline.ts", {}, dir);
  try {
    return await measure(baseline, "baseline.lua");
  } finally {
    await baseline.stop();
  }
};

const started = Date.now();
const resultsPath = join(import.meta.dir, "results.md");
try {
  ensureWrk();
  if (ONLY === "postgres") {
    const section = await postgresPart({ dir, measureBaseline });
    await writePostgresSection(resultsPath, section);
    console.log(`\n${section}\nWritten to the PostgreSQL section of bench/results.md (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  } else {
    const facts = machineFacts();
    const { scenarios, mainMb, backends } = await mainScenarios(facts);
    const scale = await scaleRuns();
    const tableDrop = await tableDropRun();
    const sweep = await sweepRun();
    const postgres = ONLY === "sqlite" ? undefined : await postgresPart({ dir, baseline: scenarios[0]!.result, sqlite: backends, measureBaseline });
    const after = loadavg().map((n) => n.toFixed(2)).join(" ");
    facts.push(`Whole benchmark: ${((Date.now() - started) / 1000).toFixed(0)} s; load average after it ${after}.`, "");
    const text = renderReport({
      facts,
      scenarios,
      scale: [
        { name: "(b) `GET /reservations/{id}`", ...scale.b },
        { name: "(e) availability", ...scale.e },
        { name: "(g) index page", ...scale.g },
      ],
      rss: { mainMb, largeMb: scale.peakMb },
      sweep,
      tableDrop,
      postgres,
    });
    await writeReport(resultsPath, text);
    console.log(`\n${text}\n\nWritten to bench/results.md.`);
  }
} finally {
  await cleanUp();
}
