/**
 * `npm start` is how the README starts the server, and a supervisor stops it by signalling the
 * process it started: npm. npm passes SIGTERM on to its child only, so the server must be that
 * child (or stop with it), never a grandchild left running when npm's shell dies.
 */
import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_KEY } from "../support/app";

const ROOT = new URL("../..", import.meta.url).pathname;
const npm = Bun.which("npm");
const dir = mkdtempSync(join(tmpdir(), "tablekeeper-npm-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The state letter and parent of a process, from /proc; undefined once it is gone. */
function processStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Every process below `root`, at this moment. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    const stat = Number.isInteger(pid) ? processStat(pid) : undefined;
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const next = children.get(queue.shift()!) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

/** A zombie has stopped running; only its parent has not collected it yet. */
const running = (pid: number) => ![undefined, "Z", "X"].includes(processStat(pid)?.state);

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: Timer | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await Bun.sleep(50)) if (condition()) return true;
  return condition();
}

/** Reads a pipe to its end, so that the child never blocks on a full one. */
async function collect(stream: ReadableStream<Uint8Array>, onText: (text: string) => void): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  for (let part = await reader.read(); !part.done; part = await reader.read()) onText(decoder.decode(part.value, { stream: true }));
}

test.skipIf(!npm || !existsSync("/proc/self/stat"))(
  "SIGTERM to the npm process of `npm start` stops the server cleanly and leaves no process behind",
  async () => {
    const child = Bun.spawn([npm!, "start"], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: "0",
        DATABASE_URL: join(dir, "npm-start.db"),
        API_KEYS: `frontdesk:${API_KEY}`,
        LOG_LEVEL: "info",
        NODE_ENV: "test",
        npm_config_update_notifier: "false",
      },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    let output = "";
    let errors = "";
    const drained = collect(child.stdout, (text) => (output += text));
    void collect(child.stderr, (text) => (errors += text));
    let started: number[] = [];
    try {
      const listening = () => output.split("\n").find((line) => line.includes('"message":"listening"'));
      if (!(await until(() => listening() !== undefined, 20_000))) throw new Error(`npm start did not start the server:\n${output}\n${errors}`);
      const { url } = JSON.parse(listening()!) as { url: string };
      expect((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
      started = descendants(child.pid);
      expect(started.length).toBeGreaterThan(0);

      child.kill("SIGTERM");

      // npm ends as its child did: 0 after the server's own orderly shutdown.
      expect(await within(child.exited, 15_000, "npm to exit")).toBe(0);
      expect(await until(() => started.every((pid) => !running(pid)), 10_000)).toBe(true);
      await within(drained, 5_000, "the output to end");
      const logged = output.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
      expect(logged).toContainEqual(expect.objectContaining({ message: "shutting down", signal: "SIGTERM" }));
      await expect(fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    } finally {
      // Whatever went wrong, leave nothing of this test running.
      for (const pid of [child.pid, ...started, ...descendants(child.pid)]) {
        try {
          if (running(pid)) process.kill(pid, "SIGKILL");
        } catch {
          // Gone between the look and the kill.
        }
      }
    }
  },
  60_000,
);
