import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mergeResults } from "../../bench/measure";
import { MARKER, POSTGRES_HEADING, renderPostgresSection, renderReport, writePostgresSection } from "../../bench/report";
import { copyText } from "../../bench/seed-postgres";
import type { WrkResult } from "../../bench/wrk";

const result = (reqPerSec: number, p99Ms: number, statuses: Record<string, number> = {}): WrkResult => ({
  requests: reqPerSec * 5,
  reqPerSec,
  p50Ms: p99Ms / 4,
  p90Ms: p99Ms / 2,
  p99Ms,
  maxMs: p99Ms * 2,
  non2xx: 0,
  socketErrors: 0,
  statuses,
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("COPY's text format: null, backslash and the framing characters escaped, the rest as it is", () => {
  expect(copyText(null)).toBe("\\N");
  expect(copyText(undefined)).toBe("\\N");
  expect(copyText(1)).toBe("1");
  expect(copyText('{"mon":[["12:00","15:00"]]}')).toBe('{"mon":[["12:00","15:00"]]}');
  expect(copyText("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
});

test("two wrk processes: counts summed, latencies the worse", () => {
  const merged = mergeResults([result(100, 10, { "201": 400 }), result(300, 30, { "201": 1400, "409": 1 })]);
  expect(merged.reqPerSec).toBe(400);
  expect(merged.requests).toBe(2000);
  expect(merged.p99Ms).toBe(30);
  expect(merged.statuses).toEqual({ "201": 1800, "409": 1 });
});

const drop = { clients: 2000, covers: 100, allAnsweredMs: 900, p50Ms: 300, p99Ms: 450, created: 100, conflicts: 1900, serverErrors: 0, other: 0 };

test("a PostgreSQL-only run replaces its section and keeps the rest of the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-report-"));
  dirs.push(dir);
  const path = join(dir, "results.md");
  const cpu = { app: 1, postgres: 2, postgresOwn: 1.5, redis: null };
  const section = (reqPerSec: number) =>
    renderPostgresSection({ facts: [`run ${reqPerSec}`], baseline: result(10_000, 5), rows: [{ key: "b", name: "read", backend: "PostgreSQL, 1 instance", result: result(reqPerSec, 20), cpu }] });
  const full = renderReport({
    facts: ["facts"],
    scenarios: [{ key: "a", name: "baseline", result: result(10_000, 5) }],
    scale: [],
    rss: { mainMb: 1, largeMb: 2 },
    sweep: { ms: 1, due: 1, upcoming: 1, result: {} },
    tableDrop: drop,
    postgres: section(1000),
  });
  await Bun.write(path, `${full}\n\nwritten by hand\n`);
  await writePostgresSection(path, section(2000));
  const text = await Bun.file(path).text();
  expect(text.split(POSTGRES_HEADING)).toHaveLength(2);
  expect(text).toContain("run 2000");
  expect(text).not.toContain("run 1000");
  expect(text).toContain("| (b) | read | PostgreSQL, 1 instance | 2000 |");
  // app 1 s over 10,000 requests: 0.1 s per 1,000.
  expect(text).toContain("| 0.20 | 0.100 | 0.150 | 0.200 | – | 0.300 |");
  expect(text.endsWith(`${MARKER}\n\nwritten by hand\n`)).toBe(true);
  // Rendered in full and rewritten alone, the file is the same.
  await Bun.write(path, `${renderReport({ facts: ["facts"], scenarios: [{ key: "a", name: "baseline", result: result(10_000, 5) }], scale: [], rss: { mainMb: 1, largeMb: 2 }, sweep: { ms: 1, due: 1, upcoming: 1, result: {} }, tableDrop: drop, postgres: section(2000) })}\n\nwritten by hand\n`);
  const again = await Bun.file(path).text();
  expect(again).toBe(text);
});
