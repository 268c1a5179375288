import { describe, expect, setSystemTime, test } from "bun:test";
import { API_KEY, buildTestApp, onPostgres } from "../support/app";

describe("health and readiness", () => {
  test("/healthz answers without a key", async () => {
    const { app } = await buildTestApp();
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("/readyz is ready when the database answers and every migration is applied", async () => {
    const { app } = await buildTestApp();
    const response = await app.request("/readyz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", checks: { database: true, migrations: true } });
  });

  // SQLite-only: it forgets a migration by deleting from SQLite's own migrations table. The
  // PostgreSQL backend's readiness reads another table, in another schema.
  test.skipIf(onPostgres)("/readyz is 503 when a migration is missing", async () => {
    const { app, db } = await buildTestApp();
    db.$client.run("delete from __drizzle_migrations");
    const response = await app.request("/readyz");
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "not_ready", checks: { database: true, migrations: false } });
  });

  test("/readyz is 503 when the database is gone", async () => {
    const { app, storage } = await buildTestApp();
    await storage.close();
    const response = await app.request("/readyz");
    expect(response.status).toBe(503);
    expect((await response.json()).checks.database).toBe(false);
  });
});

describe("metrics", () => {
  test("need an API key when no metrics token is set", async () => {
    const { app } = await buildTestApp();
    expect((await app.request("/metrics")).status).toBe(401);
    const response = await app.request("/metrics", { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
  });

  test("take only the metrics token when one is set", async () => {
    const token = "metrics-token-0123456789";
    const { app } = await buildTestApp({ env: { METRICS_TOKEN: token } });
    expect((await app.request("/metrics", { headers: { authorization: `Bearer ${API_KEY}` } })).status).toBe(401);
    expect((await app.request("/metrics", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  test("count requests by route and status, rate-limit rejections and the outbox depth", async () => {
    const { app, call } = await buildTestApp({ env: { API_RATE_LIMIT_PER_MINUTE: "2" } });
    await call("GET", "/api/v1/restaurants");
    await call("GET", "/api/v1/restaurants");
    expect((await call("GET", "/api/v1/restaurants")).status).toBe(429);
    const text = await (await app.request("/metrics", { headers: { authorization: `Bearer ${API_KEY}` } })).text();
    expect(text).toMatch(/tablekeeper_http_requests_total\{[^}]*route="\/api\/v1\/restaurants"[^}]*status="200"[^}]*\} 2/);
    expect(text).toMatch(/tablekeeper_http_request_duration_seconds_bucket\{/);
    expect(text).toContain('tablekeeper_rate_limit_rejections_total{limit="api_key"} 1');
    expect(text).toContain("tablekeeper_outbox_depth 0");
  });
});

describe("request ids, headers and CORS", () => {
  test("an incoming X-Request-Id is echoed on the response and in a problem body", async () => {
    const { app } = await buildTestApp();
    const response = await app.request("/api/v1/restaurants", { headers: { "x-request-id": "trace-abc-123" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("x-request-id")).toBe("trace-abc-123");
    expect((await response.json()).requestId).toBe("trace-abc-123");
  });

  test("secure headers are set on every response", async () => {
    const { app } = await buildTestApp();
    const response = await app.request("/healthz");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  test("CORS is closed by default", async () => {
    const { app } = await buildTestApp();
    const response = await app.request("/api/v1/restaurants", { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("CORS allows the configured origins only", async () => {
    const { app } = await buildTestApp({ env: { CORS_ORIGINS: "https://desk.example.com" } });
    const preflight = { method: "OPTIONS", headers: { "access-control-request-method": "POST" } };
    const allowed = await app.request("/api/v1/reservations", { ...preflight, headers: { ...preflight.headers, origin: "https://desk.example.com" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://desk.example.com");
    const other = await app.request("/api/v1/reservations", { ...preflight, headers: { ...preflight.headers, origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("request log", () => {
  test("one JSON line per request with id, method, route, status, latency and key name, and no guest data", async () => {
    const { createLogger } = await import("../../src/lib/logger");
    const { createApp } = await import("../../src/app");
    const { openSqliteStorage } = await import("../../src/db/sqlite/storage");
    const { testSettings, restaurant, booking } = await import("../support/app");
    const lines: string[] = [];
    const storage = openSqliteStorage(":memory:");
    const bistro = restaurant();
    await storage.repo.insertRestaurants([bistro]);
    const { app } = createApp({ settings: testSettings(), storage, logger: createLogger("info", (line) => lines.push(line)) });
    const body = booking(bistro.id, { email: "ada@example.com" });
    setSystemTime(new Date("2026-12-01T12:00:00Z"));
    await app.request("/api/v1/reservations", {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    setSystemTime();
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: "info", message: "request", method: "POST", route: "/api/v1/reservations", status: 201, apiKey: "frontdesk" });
    expect(typeof entries[0].latencyMs).toBe("number");
    expect(typeof entries[0].requestId).toBe("string");
    expect(lines.join("\n")).not.toContain("555");
    expect(lines.join("\n")).not.toContain("ada@example.com");
    expect(lines.join("\n")).not.toContain(API_KEY);
  });
});
