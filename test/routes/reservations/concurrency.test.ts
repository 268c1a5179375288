import { afterEach, beforeEach, expect, setSystemTime, test } from "bun:test";
import { API_KEY, booking, buildTestApp, restaurant, serve } from "../../support/app";

const lastTable = restaurant({ name: "One Table", capacity: 4, maxPartySize: 4 });

beforeEach(() => setSystemTime(new Date("2026-12-01T12:00:00Z")));
afterEach(() => setSystemTime());

test("50 concurrent bookings over real HTTP for the last table give exactly one 201 and 49 409s", async () => {
  const { app, storage } = await buildTestApp({ restaurants: [lastTable] });
  const server = serve(app);
  try {
    const attempt = (guest: number) =>
      fetch(`${server.url}/api/v1/reservations`, {
        method: "POST",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
        body: JSON.stringify(booking(lastTable.id, { guestCount: 4, date: "2026-12-18T19:00", occasion: `guest ${guest}` })),
      });
    const responses = await Promise.all(Array.from({ length: 50 }, (_, guest) => attempt(guest)));
    const statuses = responses.map((response) => response.status);
    const bodies = await Promise.all(responses.map((response) => response.json()));

    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const conflicts = bodies.filter((body) => body.status === 409);
    expect(conflicts.every((body) => body.code === "conflict" && body.remainingCovers === 0)).toBe(true);

    const winner = bodies[statuses.indexOf(201)];
    const stored = await storage.repo.listReservations({ limit: 100 });
    expect(stored.items.map(({ id, guestCount }) => ({ id, guestCount }))).toEqual([{ id: winner.id, guestCount: 4 }]);
  } finally {
    server.stop();
  }
});
