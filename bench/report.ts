/** bench/results.md: the measured tables on top, hand-written analysis below a marker it keeps. */
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
}

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
    MARKER,
  );
  return lines.join("\n");
}

/** The new tables, with whatever was written by hand below the marker in the old file. */
export async function writeReport(path: string, text: string): Promise<void> {
  const file = Bun.file(path);
  const old = (await file.exists()) ? await file.text() : "";
  const kept = old.includes(MARKER) ? old.slice(old.indexOf(MARKER) + MARKER.length) : "\n";
  await Bun.write(path, text + kept);
}
