/** bench/results.md: the measured tables on top, hand-written analysis below a marker it keeps. */
import type { CpuSeconds } from "./cpu";
import type { TableDropResult } from "./table-drop";
import type { WrkResult } from "./wrk";

export interface Scenario {
  key: string;
  name: string;
  result: WrkResult;
  /** Share of the baseline's req/s to reach (if any), and the p99 to stay under. */
  goal?: { ratio?: number; p99Ms: number };
  note?: string;
}

export interface Report {
  facts: string[];
  scenarios: Scenario[];
  scale: Array<{ name: string; small: WrkResult; large: WrkResult }>;
  rss: { mainMb: number; largeMb: number };
  sweep: { ms: number; due: number; upcoming: number; result: Record<string, number> };
  /** (i): 2,000 clients at once for one seating. */
  tableDrop: TableDropResult;
  /** The PostgreSQL section, from `renderPostgresSection`; absent when the run left PostgreSQL out. */
  postgres?: string;
}

/** One row of the PostgreSQL table: a scenario on one backend at some number of instances. */
export interface BackendRow {
  key: string;
  name: string;
  backend: string;
  result: WrkResult;
  cpu: CpuSeconds;
}

export interface PostgresReport {
  facts: string[];
  /** (a), measured in the same run. */
  baseline: WrkResult;
  rows: BackendRow[];
}

export const POSTGRES_HEADING = "## PostgreSQL beside SQLite";

export const MARKER = "<!-- Everything below this line is written by hand and kept when `bun run bench` rewrites the file. -->";

const fixed = (n: number, digits = 1) => n.toFixed(digits);
const mark = (ok: boolean) => (ok ? "met" : "**missed**");
const statusText = (statuses: Record<string, number>) =>
  Object.entries(statuses).map(([status, count]) => `${status}: ${count}`).join(", ");

export function renderReport(report: Report): string {
  const baseline = report.scenarios[0]!.result.reqPerSec;
  const lines = ["# Tablekeeper benchmark", "", ...report.facts, ""];
  lines.push("| | scenario | req/s | p50 ms | p99 ms | ratio to (a) | goal | |", "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |");
  for (const { key, name, result, goal, note } of report.scenarios) {
    const ratio = result.reqPerSec / baseline;
    const goals = goal ? [...(goal.ratio ? [`≥ ${goal.ratio} of (a)`] : []), `p99 < ${goal.p99Ms} ms`] : ["ceiling"];
    const verdicts = goal ? [...(goal.ratio ? [mark(ratio >= goal.ratio)] : []), mark(result.p99Ms < goal.p99Ms)] : [];
    const answered = Object.keys(result.statuses).length > 0 ? statusText(result.statuses) : `non-2xx: ${result.non2xx}`;
    // Timeouts and broken connections get no status, so a script's status counts would hide them.
    const responses = result.socketErrors > 0 ? `${answered}, socket errors: ${result.socketErrors}` : answered;
    lines.push(`| (${key}) | ${name}${note ? ` — ${note}` : ""} (${responses}) | ${fixed(result.reqPerSec, 0)} | ${fixed(result.p50Ms, 2)} | ${fixed(result.p99Ms, 2)} | ${fixed(ratio, 2)} | ${goals.join(", ")} | ${verdicts.join(", ")} |`);
  }
  lines.push("", "## Scale: 10,000 against 1,000,000 seeded reservations", "", "Two servers up side by side, measured in two alternating rounds; the better round of each counts.", "");
  lines.push("| scenario | req/s at 10k | req/s at 1M | 1M / 10k | p99 ms at 10k | p99 ms at 1M | goal: within 15% |", "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const { name, small, large } of report.scale) {
    const ratio = large.reqPerSec / small.reqPerSec;
    lines.push(`| ${name} | ${fixed(small.reqPerSec, 0)} | ${fixed(large.reqPerSec, 0)} | ${fixed(ratio, 2)} | ${fixed(small.p99Ms, 2)} | ${fixed(large.p99Ms, 2)} | ${mark(ratio >= 0.85)} |`);
  }
  const { rss, sweep } = report;
  lines.push(
    "",
    `Peak RSS of the server under load (VmRSS sampled every 100 ms): ${fixed(rss.largeMb, 0)} MB at 1M rows (goal < 200 MB: ${mark(rss.largeMb < 200)}); ${fixed(rss.mainMb, 0)} MB at 100k during the reads, (b) and (e) to (h).`,
    "",
    "## Scheduler sweep",
    "",
    `One \`runSweep\` in-process over ${sweep.due.toLocaleString("en")} due reservations (beside ${sweep.upcoming.toLocaleString("en")} upcoming ones): ${fixed(sweep.ms / 1000, 2)} s (goal < 2 s: ${mark(sweep.ms < 2000)}). Result: \`${JSON.stringify(sweep.result)}\`.`,
    "",
  );
  const drop = report.tableDrop;
  lines.push(
    "## (i) A table drop",
    "",
    `${drop.clients.toLocaleString("en")} clients at once, each asking for one of the ${drop.covers} covers of one seating, on a server of its own: every client had its answer after ${fixed(drop.allAnsweredMs, 0)} ms (goal < 2,000 ms: ${mark(drop.allAnsweredMs < 2000)}); p50 ${fixed(drop.p50Ms, 0)} ms, p99 ${fixed(drop.p99Ms, 0)} ms (goal < 500 ms: ${mark(drop.p99Ms < 500)}); 201: ${drop.created} (the seating holds ${drop.covers}: ${mark(drop.created === drop.covers)}), 409: ${drop.conflicts}, 5xx: ${drop.serverErrors} (goal 0: ${mark(drop.serverErrors === 0)}), other: ${drop.other}.`,
    "",
  );
  if (report.postgres) lines.push(report.postgres);
  lines.push(MARKER);
  return lines.join("\n");
}

/** CPU seconds per 1,000 requests of the measured run. */
const per1k = (seconds: number | null, requests: number) => (seconds === null ? "–" : fixed((seconds / requests) * 1000, 3));

/** The section, ending with an empty line: it sits last above the marker, so that a PostgreSQL-only run can replace it alone. */
export function renderPostgresSection(report: PostgresReport): string {
  const baseline = report.baseline.reqPerSec;
  const lines = [POSTGRES_HEADING, "", ...report.facts, ""];
  lines.push(
    "| | scenario | backend | req/s | p50 ms | p99 ms | ratio to (a) | CPU s / 1k req: app | PostgreSQL, this database's backends | PostgreSQL, all processes | Redis | sum: app, all PostgreSQL, Redis | responses |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  );
  lines.push(`| (a) | plain \`Bun.serve\`, fixed JSON | — | ${fixed(baseline, 0)} | ${fixed(report.baseline.p50Ms, 2)} | ${fixed(report.baseline.p99Ms, 2)} | 1.00 | | | | | | |`);
  for (const { key, name, backend, result, cpu } of report.rows) {
    const answered = Object.keys(result.statuses).length > 0 ? statusText(result.statuses) : `non-2xx: ${result.non2xx}`;
    const responses = result.socketErrors > 0 ? `${answered}, socket errors: ${result.socketErrors}` : answered;
    const total = cpu.app + cpu.postgres + (cpu.redis ?? 0);
    lines.push(
      `| (${key}) | ${name} | ${backend} | ${fixed(result.reqPerSec, 0)} | ${fixed(result.p50Ms, 2)} | ${fixed(result.p99Ms, 2)} | ${fixed(result.reqPerSec / baseline, 2)} | ${per1k(cpu.app, result.requests)} | ${per1k(cpu.postgresOwn, result.requests)} | ${per1k(cpu.postgres, result.requests)} | ${per1k(cpu.redis, result.requests)} | ${per1k(total, result.requests)} | ${responses} |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}

/**
 * A PostgreSQL-only run: the old file with its PostgreSQL section replaced (or added above the
 * marker), everything else as it was.
 */
export async function writePostgresSection(path: string, section: string): Promise<void> {
  const file = Bun.file(path);
  const old = (await file.exists()) ? await file.text() : `# Tablekeeper benchmark\n\n${MARKER}\n`;
  const end = old.includes(MARKER) ? old.indexOf(MARKER) : old.length;
  const start = old.includes(POSTGRES_HEADING) ? old.indexOf(POSTGRES_HEADING) : end;
  await Bun.write(path, `${old.slice(0, start)}${section}\n${old.slice(end)}`);
}

/** The new tables, with whatever was written by hand below the marker in the old file. */
export async function writeReport(path: string, text: string): Promise<void> {
  const file = Bun.file(path);
  const old = (await file.exists()) ? await file.text() : "";
  const kept = old.includes(MARKER) ? old.slice(old.indexOf(MARKER) + MARKER.length) : "\n";
  await Bun.write(path, text + kept);
}
