/** Running wrk against a loopback URL with one of the scripts in bench/lua, and reading its result line. */
import { join } from "node:path";

const LUA_DIR = join(import.meta.dir, "lua");

export interface WrkRun {
  url: string;
  /** A file name in bench/lua. */
  script: string;
  /** Passed to the script's init(args). */
  args?: string[];
  headers?: string[];
  seconds: number;
  connections: number;
  threads: number;
}

export interface WrkResult {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses outside 2xx/3xx. */
  non2xx: number;
  socketErrors: number;
  /** By status code; only the scripts that install a response hook fill it. */
  statuses: Record<string, number>;
}

/** The line `done()` in bench/lua/common.lua prints: times in microseconds. */
interface RawResult {
  requests: number;
  durationUs: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  non2xx: number;
  socketErrors: number;
  statuses: Record<string, number>;
}

/** wrk from Debian, installed once if it is missing (the benchmark runs as root in a container). */
export function ensureWrk(): void {
  if (Bun.which("wrk")) return;
  const install = () => Bun.spawnSync(["apt-get", "install", "-y", "wrk"], { stdout: "ignore", stderr: "inherit" }).exitCode === 0;
  if (install()) return;
  Bun.spawnSync(["apt-get", "update"], { stdout: "ignore", stderr: "inherit" });
  if (!install()) throw new Error("could not install wrk with apt-get");
}

export async function runWrk(run: WrkRun): Promise<WrkResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(run.url)) throw new Error(`refusing a non-loopback target: ${run.url}`);
  const argv = ["wrk", "--latency", "--timeout", "2s", "-t", String(run.threads), "-c", String(run.connections), "-d", `${run.seconds}s`, "-s", run.script];
  for (const header of run.headers ?? []) argv.push("-H", header);
  argv.push(run.url, "--", ...(run.args ?? []));
  const child = Bun.spawn(argv, { cwd: LUA_DIR, stdout: "pipe", stderr: "pipe" });
  // wrk stops by itself after its duration; this only guards against a hung run.
  const guard = setTimeout(() => child.kill(9), (run.seconds + 15) * 1000);
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  clearTimeout(guard);
  const line = stdout.split("\n").find((candidate) => candidate.startsWith("BENCH "));
  if (code !== 0 || !line) throw new Error(`wrk ${run.script} failed (exit ${code}):\n${stdout}\n${stderr}`);
  const raw = JSON.parse(line.slice("BENCH ".length)) as RawResult;
  const ms = (us: number) => us / 1000;
  return {
    requests: raw.requests,
    reqPerSec: raw.requests / (raw.durationUs / 1e6),
    p50Ms: ms(raw.p50Us),
    p90Ms: ms(raw.p90Us),
    p99Ms: ms(raw.p99Us),
    maxMs: ms(raw.maxUs),
    non2xx: raw.non2xx,
    socketErrors: raw.socketErrors,
    statuses: raw.statuses,
  };
}
