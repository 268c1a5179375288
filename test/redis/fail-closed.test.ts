/** A limit over Redis never lets a request through uncounted: with Redis away it answers 503. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { Redis } from "ioredis";
import { createApp } from "../../src/app";
import { createLogger } from "../../src/lib/logger";
import type { AppEnv } from "../../src/lib/types";
import { onError } from "../../src/middleware/errors";
import { limitStatusChanges } from "../../src/middleware/rate-limit";
import { connectRedis, ping, redisReady } from "../../src/redis/connect";
import { redisHitCounter } from "../../src/redis/hit-counter";
import { API_KEY, booking, buildTestApp, restaurant } from "../support/app";
import { expectProblem } from "../support/fixtures";
import { connectTestRedis, redisRelay, removeKeys, testPrefix } from "./redis-test-support";
import { needs } from "../support/services";

const services = needs("redis");

describe.skipIf(services.skip)(`limits over Redis${services.because}`, () => {
  /** Nothing listens on port 1 of loopback. */
  const AWAY = "redis://127.0.0.1:1";
  const prefix = testPrefix();
  let admin: Redis;
  const clients: Redis[] = [];

  beforeAll(async () => {
    admin = await connectTestRedis();
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await removeKeys(admin, prefix);
    admin.disconnect();
  });

  function client(url: string): Redis {
    const opened = connectRedis(url);
    clients.push(opened);
    return opened;
  }

  /** One route behind the status-change limit, counting how often its handler ran. */
  function limitedApp(counterUrl: string) {
    const calls = { handled: 0 };
    const app = new Hono<AppEnv>();
    app.use(requestId());
    app.onError(onError(createLogger("silent")));
    app.put(
      "/reservations/:id/status",
      limitStatusChanges({
        counter: redisHitCounter(client(counterUrl), prefix),
        rule: { limit: 1, windowMs: 60_000 },
        now: Date.now,
        reservationId: (c) => c.req.param("id") ?? "",
      }),
      (c) => {
        calls.handled += 1;
        return c.json({ ok: true });
      },
    );
    return { app, calls };
  }

  async function expectStoreUnavailable(response: Response) {
    const problem = await expectProblem(response, 503);
    expect(problem).toMatchObject({ code: "service_unavailable", title: "Service Unavailable", limit: "status_change", retryAfterSeconds: 5 });
    expect(problem.detail).toContain("rate limiter's store is unavailable");
    expect(response.headers.get("retry-after")).toBe("5");
  }

  describe("limits over Redis fail closed", () => {
    test("with Redis away a status change answers 503 problem+json with Retry-After, at once, and the handler never runs", async () => {
      const { app, calls } = limitedApp(AWAY);
      const started = Date.now();
      await expectStoreUnavailable(await app.request("/reservations/r1/status", { method: "PUT" }));
      await expectStoreUnavailable(await app.request("/reservations/r1/status", { method: "PUT" }));
      // Well inside the 2 s connect timeout: the request is not held while the client reconnects.
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(calls.handled).toBe(0);
    });

    test("when Redis comes back the limit counts again, without a restart", async () => {
      const relay = await redisRelay();
      const { app, calls } = limitedApp(`redis://127.0.0.1:${relay.port}`);
      const redis = clients.at(-1)!;
      expect(await redisReady(redis, 5_000)).toBe(true);
      expect((await app.request("/reservations/back/status", { method: "PUT" })).status).toBe(200);

      relay.takeAway();
      while (await ping(redis)) await Bun.sleep(20);
      await expectStoreUnavailable(await app.request("/reservations/back/status", { method: "PUT" }));

      relay.bringBack();
      // The client retries with a backoff capped at 5 s.
      const deadline = Date.now() + 8_000;
      while (!(await ping(redis)) && Date.now() < deadline) await Bun.sleep(50);
      const response = await app.request("/reservations/back/status", { method: "PUT" });
      // The window opened before the outage is still in Redis: the second change is over the limit.
      expect(response.status).toBe(429);
      expect(calls.handled).toBe(1);
      relay.takeAway();
    }, 15_000);
  });

  describe("the real status route over a Redis counter", () => {
    const bistro = restaurant();

    async function appsSharing(counterUrl: string) {
      const t = await buildTestApp({ restaurants: [bistro] });
      const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
      const created = await t.call("POST", "/api/v1/reservations", booking(bistro.id, { date: `${inTwoWeeks}T19:00` }));
      expect(created.status).toBe(201);
      const id = (await created.json()).id as string;
      // Two instances of the app: one database, one Redis, each with its own client.
      const instance = () => createApp({ settings: t.settings, storage: { ...t.storage, hitCounter: redisHitCounter(client(counterUrl), prefix) } }).app;
      const cancel = (app: ReturnType<typeof instance>) =>
        app.request(`/api/v1/reservations/${id}/status`, {
          method: "PUT",
          headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
          body: JSON.stringify({ status: 4 }),
        });
      return { t, id, instances: [instance(), instance()] as const, cancel };
    }

    test("with Redis away the change is refused with 503 and the reservation is left as it was", async () => {
      const { t, id, instances, cancel } = await appsSharing(AWAY);
      await expectStoreUnavailable(await cancel(instances[0]));
      expect((await (await t.call("GET", `/api/v1/reservations/${id}`)).json()).state).toBe("upcoming");
    });

    test("one instance's change uses up the window for the other", async () => {
      const { instances, cancel } = await appsSharing("redis://127.0.0.1:6379");
      for (const redis of clients.slice(-2)) expect(await redisReady(redis, 5_000)).toBe(true);
      expect((await cancel(instances[0])).status).toBe(200);
      const second = await cancel(instances[1]);
      await expectProblem(second, 429);
    });
  });
});
