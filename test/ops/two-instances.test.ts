/**
 * Two app processes on different ports against one PostgreSQL database and one Redis: what one
 * instance guarantees must hold across both.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_KEY } from "../support/app";
import { recordingServer } from "../support/recording-server";
import { scaleOutRun } from "../support/scale-out";
import { authorized, type ServerProcess, startServer } from "../support/server-process";
import { needs } from "../support/services";

const services = needs("postgres", "redis");

describe.skipIf(services.skip)(`two instances${services.because}`, () => {
  const FERRY_POINT = "786fe295-d5a8-8d46-8c1c-c836a0166c37";
  const ROOT = new URL("../..", import.meta.url).pathname;
  const SECRET = `whsec_${btoa("two instances, one webhook secret")}`;

  const hooks = recordingServer();
  const dir = mkdtempSync(join(tmpdir(), "tablekeeper-two-"));
  const configFile = join(dir, "tablekeeper.yaml");
  writeFileSync(
    configFile,
    `notifications: { email: none, sms: none, voice: none }
webhooks: [pos]
providers:
  pos: { kind: webhook, url: "${hooks.url}/pos", secret: "${SECRET}", events: [reservation.created] }
`,
  );

  let run: Awaited<ReturnType<typeof scaleOutRun>>;
  let env: Record<string, string>;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    run = await scaleOutRun();
    env = { ...run.env, CONFIG_FILE: configFile, SCHEDULER_ENABLED: "false", STATUS_CHANGE_LIMIT: "1" };
    // Both start at once, as replicas do: migrations take turns under a lock, and seeding twice adds nothing.
    [a, b] = await Promise.all([startServer(run.databaseUrl, env), startServer(run.databaseUrl, env)]);
  }, 60_000);

  afterAll(async () => {
    for (const server of [a, b]) {
      server?.process.kill("SIGTERM");
      await server?.process.exited;
    }
    hooks.stop();
    await run?.cleanUp();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const both = () => [a, b];
  const post = (server: ServerProcess, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: authorized, body: JSON.stringify(body) });
  const put = (server: ServerProcess, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: "PUT", headers: authorized, body: JSON.stringify(body) });
  const get = async (server: ServerProcess, path: string) => (await fetch(`${server.url}${path}`, { headers: authorized })).json();
  const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

  /** A local date some days ahead at Ferry Point (Los Angeles), spread so that tests never share a seating. */
  const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString("en-CA", { timeZone: "America/Los_Angeles" });

  const booking = (date: string, guestCount = 2) => ({ restaurantId: FERRY_POINT, firstName: "Ada", lastName: "Lovelace", phone: "4155552671", date, guestCount });

  describe("two instances on one PostgreSQL", () => {
    test("both are ready, and each serves what the other wrote", async () => {
      for (const server of both()) expect(await get(server, "/readyz")).toEqual({ status: "ready", checks: { database: true, migrations: true } });
      const created = await post(a, "/api/v1/reservations", booking(`${dayAhead(3)}T18:00`));
      expect(created.status).toBe(201);
      const { id } = await created.json();
      expect((await get(b, `/api/v1/reservations/${id}`)).id).toBe(id);
      expect((await get(b, "/api/v1/restaurants?limit=100")).data).toHaveLength(30);
    });

    test("61 concurrent state changes for one reservation, split across both, apply exactly one", async () => {
      const created = await post(a, "/api/v1/reservations", booking(`${dayAhead(4)}T18:00`));
      const { id } = await created.json();
      const responses = await Promise.all(Array.from({ length: 61 }, (_, index) => put(both()[index % 2]!, `/api/v1/reservations/${id}/status`, { state: "cancelled" })));
      expect(tally(responses.map((response) => response.status))).toEqual({ 200: 1, 429: 60 });
      const history = await get(b, `/api/v1/reservations/${id}/history`);
      expect(history.data.map((entry: { to: string }) => entry.to)).toEqual(["upcoming", "cancelled"]);
    });

    test("50 concurrent bookings for the last covers, split across both, never overbook", async () => {
      const restaurant = await get(a, `/api/v1/restaurants/${FERRY_POINT}`);
      const date = `${dayAhead(5)}T19:00`;
      const guestCount = restaurant.maxPartySize as number;
      // Fill the seating to its last few tables through one instance, then race for them on both.
      const lastTables = 3;
      const before = Math.floor(restaurant.capacity / guestCount) - lastTables;
      for (let index = 0; index < before; index++) expect((await post(a, "/api/v1/reservations", booking(date, guestCount))).status).toBe(201);
      const responses = await Promise.all(Array.from({ length: 50 }, (_, index) => post(both()[index % 2]!, "/api/v1/reservations", booking(date, guestCount))));
      expect(tally(responses.map((response) => response.status))).toEqual({ 201: lastTables, 409: 50 - lastTables });
      const day = date.slice(0, 10);
      const slots = await get(b, `/api/v1/restaurants/${FERRY_POINT}/availability?date=${day}&partySize=1`);
      const seating = slots.slots.find((slot: { start: string }) => slot.start.startsWith(date));
      expect(seating?.remainingCovers ?? 0).toBe(restaurant.capacity - (before + lastTables) * guestCount);
    });

    test("a sweep run on both at once sends each notification exactly once", async () => {
      const booked = await Promise.all(Array.from({ length: 20 }, (_, index) => post(both()[index % 2]!, "/api/v1/reservations", booking(`${dayAhead(6 + (index % 5))}T17:${String((index % 4) * 15).padStart(2, "0")}`))));
      expect(booked.every((response) => response.status === 201)).toBe(true);
      const ids = await Promise.all(booked.map(async (response) => (await response.json()).id as string));
      const sweeps = [0, 1].map(() =>
        Bun.spawn([process.execPath, `${ROOT}src/jobs/cli.ts`], { cwd: dir, env: { ...process.env, ...env, API_KEYS: `frontdesk:${API_KEY}`, NODE_ENV: "test", LOG_LEVEL: "warn" }, stdout: "inherit", stderr: "inherit" }),
      );
      expect(await Promise.all(sweeps.map((sweep) => sweep.exited))).toEqual([0, 0]);
      const created = hooks.requests.map((request) => JSON.parse(request.body) as { type: string; data: { reservation: { id: string } } });
      const delivered = created.filter((event) => ids.includes(event.data.reservation.id)).map((event) => event.data.reservation.id);
      expect(delivered.sort()).toEqual([...ids].sort());
      expect(new Set(hooks.requests.map((request) => request.headers["webhook-id"])).size).toBe(hooks.requests.length);
    }, 30_000);

    test("kill -9 of one instance mid-load loses no acknowledged reservation, and the other keeps serving", async () => {
      const victim = await startServer(run.databaseUrl, env);
      const acknowledged: string[] = [];
      let stop = false;
      const load = (server: ServerProcess, offset: number) =>
        (async () => {
          for (let index = 0; !stop && index < 400; index++) {
            try {
              const response = await post(server, "/api/v1/reservations", booking(`${dayAhead(12 + ((index + offset) % 100))}T20:00`, 1));
              if (response.status === 201) acknowledged.push((await response.json()).id);
            } catch {
              return; // the instance is gone
            }
          }
        })();
      const loads = [load(victim, 0), load(b, 50)];
      while (acknowledged.length < 10) await Bun.sleep(10);
      await Bun.sleep(Math.floor(Math.random() * 200));
      victim.process.kill(9);
      expect(await victim.process.exited).not.toBe(0);
      await Bun.sleep(300);
      stop = true;
      await Promise.all(loads);
      for (const id of acknowledged) expect((await fetch(`${b.url}/api/v1/reservations/${id}`, { headers: authorized })).status).toBe(200);
      expect((await post(b, "/api/v1/reservations", booking(`${dayAhead(7)}T20:30`, 1))).status).toBe(201);
    }, 30_000);
  });
});
