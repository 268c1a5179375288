/**
 * `npm start`, `npm run worker` and `npm run jobs` are how the README runs the service, and a
 * supervisor stops each by signalling the process it started: npm. npm passes SIGTERM on to its
 * child only, so the program must be that child (or stop with it), never a grandchild left
 * running when npm's shell dies, and it must stop cleanly, mid-work included.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REDIS_URL, useRedisPrefix } from "../redis/redis-test-support";
import { API_KEY, booking, buildTestApp, restaurant } from "../support/app";
import { recordingServer } from "../support/recording-server";
import { needs } from "../support/services";

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

const { prefix } = useRedisPrefix();
const hooks = recordingServer();
afterAll(() => hooks.stop());

// For `npm run jobs`: a file with a booking waiting to be sent to a webhook that never answers,
// so that the sweep is mid-send when the signal comes.
const jobsDatabase = join(dir, "jobs.db");
const configFile = join(dir, "tablekeeper.yaml");
beforeAll(async () => {
  writeFileSync(
    configFile,
    `notifications: { email: none, sms: none, voice: none }
webhooks: [pos]
providers:
  pos: { kind: webhook, url: "${hooks.url}/pos", secret: "whsec_${btoa("a webhook secret of 32 bytes!!!!")}", events: [reservation.created] }
`,
  );
  hooks.answer({ hang: true });
  const bistro = restaurant();
  const t = await buildTestApp({ path: jobsDatabase, restaurants: [bistro], configFile: readFileSync(configFile, "utf8") });
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  expect((await t.call("POST", "/api/v1/reservations", booking(bistro.id, { date: `${inAWeek}T19:00` }))).status).toBe(201);
  await t.storage.close();
});

const entryPoints = [
  {
    script: "start",
    env: () => ({ PORT: "0", DATABASE_URL: join(dir, "npm-start.db") }),
    /** Serving: it answers /healthz. */
    started: async (logged: () => Array<Record<string, unknown>>) => {
      const listening = logged().find((line) => line.message === "listening");
      if (!listening) return false;
      expect((await fetch(`${listening.url}/healthz`, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
      return true;
    },
    stopping: "shutting down",
    /** Gone: nothing answers where it served. */
    stopped: async (logged: () => Array<Record<string, unknown>>) => {
      const { url } = logged().find((line) => line.message === "listening")!;
      await expect(fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    },
  },
  {
    script: "worker",
    needsRedis: true,
    env: () => ({ DATABASE_URL: join(dir, "npm-worker.db"), REDIS_URL, REDIS_PREFIX: prefix, SCHEDULER_INTERVAL_SECONDS: "1" }),
    started: async (logged: () => Array<Record<string, unknown>>) => logged().some((line) => line.message === "worker started"),
    stopping: "worker shutting down",
  },
  {
    script: "jobs",
    env: () => ({ DATABASE_URL: jobsDatabase, CONFIG_FILE: configFile }),
    /** Mid-sweep: the webhook has the request and holds it. */
    started: async () => hooks.requests.length > 0,
    stopping: "shutting down",
  },
];

for (const entry of entryPoints) {
  const redis = needs("redis");
  test.skipIf(!npm || !existsSync("/proc/self/stat") || ("needsRedis" in entry && redis.skip))(
    `SIGTERM to the npm process of \`npm run ${entry.script}\` stops it cleanly and leaves no process behind${"needsRedis" in entry ? redis.because : ""}`,
    async () => {
      const child = Bun.spawn([npm!, "run", entry.script], {
        cwd: ROOT,
        env: {
          ...process.env,
          HOST: "127.0.0.1",
          API_KEYS: `frontdesk:${API_KEY}`,
          LOG_LEVEL: "info",
          NODE_ENV: "test",
          SEED_DEMO_DATA: "false",
          npm_config_update_notifier: "false",
          ...entry.env(),
        },
        stdin: "ignore",
        stdout: "pipe",
        stderr: "pipe",
      });
      let output = "";
      let errors = "";
      const drained = collect(child.stdout, (text) => (output += text));
      void collect(child.stderr, (text) => (errors += text));
      const logged = () => output.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
      let started: number[] = [];
      try {
        for (const deadline = Date.now() + 20_000; !(await entry.started(logged)); await Bun.sleep(50)) {
          if (Date.now() > deadline) throw new Error(`npm run ${entry.script} did not get going:\n${output}\n${errors}`);
        }
        started = descendants(child.pid);
        expect(started.length).toBeGreaterThan(0);

        child.kill("SIGTERM");

        // npm ends as its child did: 0 after the program's own orderly stop.
        expect(await within(child.exited, 15_000, "npm to exit")).toBe(0);
        expect(await until(() => started.every((pid) => !running(pid)), 10_000)).toBe(true);
        await within(drained, 5_000, "the output to end");
        expect(logged()).toContainEqual(expect.objectContaining({ message: entry.stopping, signal: "SIGTERM" }));
        await entry.stopped?.(logged);
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
}
