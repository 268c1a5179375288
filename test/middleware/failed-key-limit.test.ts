import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { FAILED_KEY_ATTEMPTS } from "../../src/middleware/failed-key-limit";
import { API_KEY, buildTestApp, serve, type TestApp } from "../support/app";
import { expectProblem } from "../support/fixtures";

const WRONG_KEY = "wrong-key-0123456789abcdef";
const START = new Date("2026-12-01T12:00:00Z").getTime();
const { limit } = FAILED_KEY_ATTEMPTS;

beforeEach(() => setSystemTime(new Date(START)));
afterEach(() => setSystemTime());

/** What Bun passes as the second argument of fetch, as far as getConnInfo reads it. */
const fromAddress = (address: string) => ({ requestIP: () => ({ address, family: address.includes(":") ? "IPv6" : "IPv4", port: 40_000 }) });

function send(app: TestApp["app"], key: string | undefined, env?: object, path = "/api/v1/restaurants") {
  return app.request(path, { headers: key === undefined ? {} : { authorization: `Bearer ${key}` } }, env);
}

async function failTimes(app: TestApp["app"], times: number, env?: object, path?: string) {
  const statuses = [];
  for (let attempt = 0; attempt < times; attempt += 1) statuses.push((await send(app, WRONG_KEY, env, path)).status);
  return statuses;
}

async function expectLocked(response: Response, retryAfter: number) {
  const body = await expectProblem(response, 429);
  expect(body).toMatchObject({ code: "rate_limited", limit: "failed_api_keys", retryAfterSeconds: retryAfter });
  expect(body.detail).toBe(`Too many failed API key attempts from this address: at most ${limit} every 300 s. Retry after ${retryAfter} s.`);
  expect(response.headers.get("retry-after")).toBe(String(retryAfter));
  expect(response.headers.get("ratelimit-policy")).toBe(`${limit};w=300`);
  expect(response.headers.get("ratelimit")).toBe(`limit=${limit}, remaining=0, reset=${retryAfter}`);
  expect(response.headers.get("www-authenticate")).toBeNull();
}

describe("failed API key attempts", () => {
  test("are limited to 20 every 5 minutes", () => {
    expect(FAILED_KEY_ATTEMPTS).toEqual({ limit: 20, windowMs: 300_000 });
  });

  test("after the limit, a wrong key gets 429 with Retry-After instead of 401", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    expect(await failTimes(app, limit)).toEqual(Array(limit).fill(401));
    await expectLocked(await send(app, WRONG_KEY), 300);
  });

  test("a locked address gets 429 even with the right key, or none, until its window ends", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    await failTimes(app, limit);
    setSystemTime(new Date(START + 120_000));
    await expectLocked(await send(app, API_KEY), 180);
    await expectLocked(await send(app, undefined), 180);
    setSystemTime(new Date(START + 299_500));
    await expectLocked(await send(app, API_KEY), 1);
    setSystemTime(new Date(START + 300_000));
    expect((await send(app, API_KEY)).status).toBe(200);
    // A new window: the address has its full allowance again.
    expect(await failTimes(app, limit)).toEqual(Array(limit).fill(401));
    await expectLocked(await send(app, WRONG_KEY), 300);
  });

  test("a right key neither counts nor forgives earlier failures", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    await failTimes(app, limit - 1);
    for (let index = 0; index < 50; index += 1) expect((await send(app, API_KEY)).status).toBe(200);
    expect(await failTimes(app, 1)).toEqual([401]);
    await expectLocked(await send(app, API_KEY), 300);
  });

  test("a request without a key is not an attempt", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    for (let index = 0; index < limit * 2; index += 1) await expectProblem(await send(app, undefined), 401);
    expect((await send(app, API_KEY)).status).toBe(200);
  });

  test("two different keys in one request count as a failed attempt", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    const conflicting = { authorization: `Bearer ${API_KEY}`, "x-api-key": WRONG_KEY };
    for (let index = 0; index < limit; index += 1) expect((await app.request("/api/v1/restaurants", { headers: conflicting })).status).toBe(401);
    await expectLocked(await send(app, API_KEY), 300);
  });

  test("are counted per client address, an IPv6 /64 as one", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    await failTimes(app, limit, fromAddress("203.0.113.7"));
    await expectLocked(await send(app, API_KEY, fromAddress("203.0.113.7")), 300);
    expect((await send(app, API_KEY, fromAddress("203.0.113.8"))).status).toBe(200);
    expect((await send(app, API_KEY)).status).toBe(200);

    await failTimes(app, limit / 2, fromAddress("2001:db8:0:1::a"));
    await failTimes(app, limit / 2, fromAddress("2001:db8:0:1:ffff::b"));
    await expectLocked(await send(app, API_KEY, fromAddress("2001:db8:0:1::c")), 300);
    expect((await send(app, API_KEY, fromAddress("2001:db8:0:2::a"))).status).toBe(200);
  });

  test("a request whose address cannot be known counts in one bucket, without failing", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    const noInfo = { requestIP: () => null };
    expect(await failTimes(app, limit / 2, noInfo)).toEqual(Array(limit / 2).fill(401));
    // app.request without a server: the same "unknown" bucket.
    expect(await failTimes(app, limit / 2)).toEqual(Array(limit / 2).fill(401));
    await expectLocked(await send(app, API_KEY, noInfo), 300);
  });

  test("are counted in the metrics when refused", async () => {
    // Behind one proxy, the address is the one it forwards: the guesser and the reader differ.
    const { app } = await buildTestApp({ restaurants: [], env: { TRUSTED_PROXY_HOPS: "1" } });
    const from = (address: string, key: string, path = "/api/v1/restaurants") =>
      app.request(path, { headers: { authorization: `Bearer ${key}`, "x-forwarded-for": address } });
    for (let attempt = 0; attempt < limit; attempt += 1) expect((await from("203.0.113.7", WRONG_KEY)).status).toBe(401);
    expect((await from("203.0.113.7", WRONG_KEY)).status).toBe(429);
    expect((await from("203.0.113.7", API_KEY, "/metrics")).status).toBe(429);
    const text = await (await from("198.51.100.1", API_KEY, "/metrics")).text();
    expect(text).toContain('tablekeeper_rate_limit_rejections_total{limit="failed_api_keys"} 2');
  });

  test("count against the address a trusted proxy forwards, and only with TRUSTED_PROXY_HOPS set", async () => {
    const guess = (app: TestApp["app"], forwardedFor: string) =>
      app.request("/api/v1/restaurants", { headers: { authorization: `Bearer ${WRONG_KEY}`, "x-forwarded-for": forwardedFor } });
    const trusting = (await buildTestApp({ restaurants: [], env: { TRUSTED_PROXY_HOPS: "1", API_KEY_FAILURES_PER_ADDRESS: "2" } })).app;
    // A client may forge entries on the left; the proxy's own entry, on the right, is the address.
    expect((await guess(trusting, "10.0.0.1, 203.0.113.7")).status).toBe(401);
    expect((await guess(trusting, "10.0.0.2, 203.0.113.7")).status).toBe(401);
    expect((await guess(trusting, "10.0.0.3, 203.0.113.7")).status).toBe(429);
    expect((await guess(trusting, "198.51.100.1")).status).toBe(401);
    const ignoring = (await buildTestApp({ restaurants: [], env: { API_KEY_FAILURES_PER_ADDRESS: "2" } })).app;
    expect((await guess(ignoring, "203.0.113.1")).status).toBe(401);
    expect((await guess(ignoring, "203.0.113.2")).status).toBe(401);
    expect((await guess(ignoring, "203.0.113.3")).status).toBe(429);
  });

  test("/metrics, which takes any API key, limits failed attempts too", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    expect(await failTimes(app, limit, undefined, "/metrics")).toEqual(Array(limit).fill(401));
    await expectLocked(await send(app, API_KEY, undefined, "/metrics"), 300);
  });

  test("lock the client's own address over real HTTP, and no other", async () => {
    const { app } = await buildTestApp({ restaurants: [] });
    const server = serve(app);
    const get = (key: string) => fetch(`${server.url}/api/v1/restaurants`, { headers: { authorization: `Bearer ${key}` } });
    try {
      const statuses = [];
      for (let attempt = 0; attempt < limit; attempt += 1) statuses.push((await get(WRONG_KEY)).status);
      expect(statuses).toEqual(Array(limit).fill(401));
      await expectLocked(await get(WRONG_KEY), 300);
      await expectLocked(await get(API_KEY), 300);
      // The lock is on 127.0.0.1, not on the "unknown" bucket of requests without a server.
      expect((await send(app, API_KEY)).status).toBe(200);
    } finally {
      server.stop();
    }
  });
});
