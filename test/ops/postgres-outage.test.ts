/**
 * PostgreSQL going away under a running server, through a relay the test takes away and brings
 * back: requests get a clean 503, /readyz says not ready, and the service comes back by itself.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { authorized, type ServerProcess, startServer } from "../support/server-process";
import { tcpRelay } from "../support/tcp-relay";
import { needs } from "../support/services";

const services = needs("postgres");

describe.skipIf(services.skip)(`PostgreSQL going away${services.because}`, () => {
  const FERRY_POINT = "786fe295-d5a8-8d46-8c1c-c836a0166c37";

  let database: TestDatabase;
  let relay: Awaited<ReturnType<typeof tcpRelay>>;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    relay = await tcpRelay(5432);
    server = await startServer(database.url.replace(":5432/", `:${relay.port}/`), { SCHEDULER_ENABLED: "false" });
  }, 60_000);

  afterAll(async () => {
    server?.process.kill("SIGTERM");
    await server?.process.exited;
    relay?.takeAway();
    await database?.drop();
  }, 60_000);

  const restaurant = () => fetch(`${server.url}/api/v1/restaurants/${FERRY_POINT}`, { headers: authorized });
  const readiness = async () => {
    const response = await fetch(`${server.url}/readyz`);
    return { status: response.status, body: await response.json() };
  };

  test("with PostgreSQL gone, a request is a 503 problem and /readyz is not ready; once it is back, both recover without a restart", async () => {
    expect((await restaurant()).status).toBe(200);
    relay.takeAway();

    const refused = await restaurant();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toBe("5");
    const problem = await refused.json();
    expect(problem).toMatchObject({ status: 503, code: "service_unavailable", title: "Service Unavailable" });
    expect(JSON.stringify(problem)).not.toContain("ECONNREFUSED");
    expect(await readiness()).toEqual({ status: 503, body: { status: "not_ready", checks: { database: false, migrations: false } } });

    relay.bringBack();
    let back = await restaurant();
    for (let attempt = 0; back.status !== 200 && attempt < 50; attempt++) {
      await Bun.sleep(100);
      back = await restaurant();
    }
    expect(back.status).toBe(200);
    expect((await readiness()).status).toBe(200);
  }, 30_000);
});
