import { describe, expect, test } from "bun:test";
import { createTablekeeperClient } from "../../../client/src/index";
import { API_KEY, buildTestApp, onPostgres, serve } from "../../support/app";
import { bistro, useServer } from "../support/servers";
import type { SpecValidator } from "../support/spec-validator";

export function systemContracts(validator: SpecValidator) {
  const server = useServer(validator);

  test("getHealth: 200 while the process serves", async () => {
    const { data, response } = await server.client.GET("/healthz");
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: "ok" });
  });

  test("getReadiness: 200 when the database answers and is migrated", async () => {
    const { data, response } = await server.client.GET("/readyz");
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: "ready", checks: { database: true, migrations: true } });
  });

  test("getMetrics: 200 with Prometheus text, for an API key when no metrics token is set", async () => {
    const { data, response } = await server.client.GET("/metrics", { parseAs: "text" });
    expect(response.status).toBe(200);
    expect(data).toContain("tablekeeper_");
  });

  describe("after failed key attempts from this address (API_KEY_FAILURES_PER_ADDRESS=1)", () => {
    const locked = useServer(validator, { API_KEY_FAILURES_PER_ADDRESS: "1" });

    test("getMetrics: 429 rate_limited with Retry-After, even for a right key", async () => {
      expect((await locked.clientWithKey("not-a-key").GET("/metrics", { parseAs: "text" })).response.status).toBe(401);
      const { error, response } = await locked.client.GET("/metrics", { parseAs: "text" });
      expect(response.status).toBe(429);
      expect((error as { code?: string } | undefined)?.code).toBe("rate_limited");
      expect(response.headers.get("Retry-After")).toBe("300");
    });
  });

  describe("on a database missing a migration", () => {
    const unmigrated = useServer(validator);

    // SQLite-only: it forgets a migration by deleting from SQLite's own migrations table.
    test.skipIf(onPostgres)("getReadiness: 503 naming the failed check", async () => {
      unmigrated.testApp.db.$client.run("delete from __drizzle_migrations");
      const { data, error, response } = await unmigrated.client.GET("/readyz");
      expect(response.status).toBe(503);
      // 503 is documented as application/json, not a problem, so openapi-fetch puts it in `error`.
      expect(data ?? error).toEqual({ status: "not_ready", checks: { database: true, migrations: false } });
    });
  });

  // On every backend: the 503 that needs no SQL to cause. Its own app, not a `useServer`, whose
  // stop would close the storage a second time.
  test("getReadiness: 503 naming the database when its storage is gone", async () => {
    const gone = await buildTestApp({ restaurants: [bistro] });
    const running = serve(gone.app);
    try {
      await gone.storage.close();
      const { data, error, response } = await createTablekeeperClient({ baseUrl: running.url, apiKey: API_KEY, fetch: validator.fetch() }).GET("/readyz");
      expect(response.status).toBe(503);
      expect(data ?? error).toMatchObject({ status: "not_ready", checks: { database: false } });
    } finally {
      running.stop();
    }
  });
}
