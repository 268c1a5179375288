/**
 * Child processes of the benchmark: the real server and the baseline, on loopback only, each
 * stopped when the benchmark ends however it ends.
 */
import type { Subprocess } from "bun";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..");
const children = new Set<Subprocess>();

export interface Child {
  url: string;
  pid: number;
  /** Null while it runs. */
  exitCode(): number | null;
  /** What it wrote to stdout and stderr so far. */
  output(): Promise<string>;
  stop(): Promise<void>;
}

/** A free loopback port: the server logs "listening" at info, and the bench runs it at warn. */
function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

/** Bounded, with room for a shared machine: under a load average of 20 an empty server took 12 s. */
async function waitForHealth(url: string, child: Subprocess, logPath: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (ok) return;
    await Bun.sleep(100);
  }
  child.kill(9);
  throw new Error(`${url} did not become healthy:\n${await Bun.file(logPath).text()}`);
}

/** `bunFlags` go to Bun before the entry, e.g. its profiler's. */
export async function startChild(name: string, entry: string, env: Record<string, string>, logDir: string, bunFlags: string[] = []): Promise<Child> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const logPath = join(logDir, `${name}.log`);
  const child = Bun.spawn([process.execPath, ...bunFlags, entry], {
    cwd: ROOT,
    env: { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port) },
    stdin: "ignore",
    stdout: Bun.file(logPath),
    stderr: Bun.file(`${logPath}.err`),
  });
  children.add(child);
  await waitForHealth(url, child, logPath);
  const output = async () => `${await Bun.file(logPath).text()}${await Bun.file(`${logPath}.err`).text()}`;
  return { url, pid: child.pid, exitCode: () => child.exitCode ?? (child.signalCode ? -1 : null), output, stop: () => stop(child) };
}

async function stop(child: Subprocess): Promise<void> {
  children.delete(child);
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(5_000).then(() => false)]);
  if (!exited) child.kill(9);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stop));
}

/** The largest resident set of a process while `during` runs, sampled every 100 ms. */
export async function peakRss<T>(pid: number, during: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakKb = 0;
  const sample = () => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    if (match) peakKb = Math.max(peakKb, Number(match[1]));
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const result = await during();
    sample();
    return { result, peakMb: peakKb / 1024 };
  } finally {
    clearInterval(timer);
  }
}
