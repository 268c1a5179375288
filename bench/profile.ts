/**
 * `bun bench/profile.ts [out.md]`: where the index page (g) spends its time. The server as
 * `bun run bench` runs it, on the 100k seed, under one measured wrk run of (g), with Bun's
 * sampling profiler on; its markdown profile, written when the server exits, is copied to `out.md`.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { searchDatesFile } from "./inputs";
import { INDEX_RESULTS, measure, startServer } from "./measure";
import { checkIndexPage } from "./pages";
import { stopAll } from "./processes";
import { seedDatabase } from "./seed";
import { ensureWrk } from "./wrk";

const out = process.argv[2] ?? join(tmpdir(), "tablekeeper-index-page-profile.md");
const dir = mkdtempSync(join(tmpdir(), "tablekeeper-profile-"));
try {
  ensureWrk();
  const now = Date.now();
  await seedDatabase(join(dir, "main.db"), { upcoming: 100_000 }, now);
  const dates = await searchDatesFile(dir, now);
  const server = await startServer("server-profiled", join(dir, "main.db"), dir, ["--cpu-prof-md", `--cpu-prof-dir=${dir}`]);
  await checkIndexPage(server.url, dates, INDEX_RESULTS);
  await measure(server, "index-page.lua", [dates], { page: true });
  await server.stop();
  const profile = readdirSync(dir).find((name) => name.endsWith(".md"));
  if (!profile) throw new Error(`the server wrote no profile into ${dir}`);
  await Bun.write(out, Bun.file(join(dir, profile)));
  console.log(`Profile written to ${out}`);
} finally {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}
