import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "tablekeeper-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = join(import.meta.dir, "../..");

function start(env: Record<string, string>) {
  return Bun.spawn([process.execPath, "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", SCHEDULER_ENABLED: "false", API_KEYS: "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
}

/** Reads stdout until the server says it listens, then stops it. */
async function firstStart(env: Record<string, string>) {
  const child = start(env);
  const reader = child.stdout.getReader();
  let out = "";
  const deadline = Date.now() + 10_000;
  while (!out.includes('"message":"listening"') && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    out += new TextDecoder().decode(value);
  }
  const url = JSON.parse(out.split("\n").find((line) => line.includes('"message":"listening"'))!).url as string;
  return { child, out, url };
}

test("a first start in development makes a key, saves it, prints it once, and the key works", async () => {
  const dataDir = join(dir, "dev");
  const env = { NODE_ENV: "development", DATA_DIR: dataDir, DATABASE_URL: join(dataDir, "t.db") };
  const first = await firstStart(env);
  const key = readFileSync(join(dataDir, "dev-api-key"), "utf8").trim();
  expect(key).toMatch(/^tk_dev_[\w-]{32}$/);
  expect(first.out).toContain(`curl -H 'Authorization: Bearer ${key}'`);
  const response = await fetch(`${first.url}/api/v1/restaurants?limit=1`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(200);
  first.child.kill("SIGTERM");
  expect(await first.child.exited).toBe(0);

  const second = await firstStart(env);
  expect(second.out).not.toContain(key);
  expect((await fetch(`${second.url}/api/v1/restaurants?limit=1`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  second.child.kill("SIGTERM");
  await second.child.exited;
}, 30_000);

test("production without API_KEYS refuses to start and says why", async () => {
  const dataDir = join(dir, "prod");
  const child = start({ NODE_ENV: "production", DATA_DIR: dataDir, DATABASE_URL: join(dataDir, "t.db") });
  expect(await child.exited).toBe(1);
  expect(await new Response(child.stderr).text()).toContain("API_KEYS: required when NODE_ENV=production");
  expect(existsSync(join(dataDir, "dev-api-key"))).toBe(false);
});

test("bad settings stop start-up with every bad key named", async () => {
  const child = start({ PORT: "eighty", MISSED_AFTER_MINUTES: "-5" });
  expect(await child.exited).toBe(1);
  const message = await new Response(child.stderr).text();
  expect(message).toContain("PORT: expected an integer from 0 to 65535");
  expect(message).toContain("MISSED_AFTER_MINUTES: expected an integer from 0 to 1440");
});
