import { afterEach, beforeEach, expect, setSystemTime, test } from "bun:test";
import { API_KEY, booking, buildTestApp, restaurant, serve } from "../../support/app";
import { countRows } from "../../support/fixtures";

const lastTable = restaurant({ name: "One Table", capacity: 4, maxPartySize: 4 });

beforeEach(() => setSystemTime(new Date("2026-12-01T12:00:00Z")));
afterEach(() => setSystemTime());

test("50 concurrent bookings over real HTTP for the last table give exactly one 201 and 49 409s", async () => {
  const { app, db } = await buildTestApp({ restaurants: [lastTable] });
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

    expect(countRows(db, "reservations")).toBe(1);
    const winner = bodies[statuses.indexOf(201)];
    expect(db.$client.query("select id, guest_count from reservations").get()).toEqual({ id: winner.id, guest_count: 4 });
  } finally {
    server.stop();
  }
});
