import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { setSystemTime } from "bun:test";
import { booking, buildTestApp, restaurant } from "../support/app";
import { expectProblem } from "../support/fixtures";

const bistro = restaurant({ capacity: 10, maxPartySize: 6 });
beforeAll(() => setSystemTime(new Date("2026-12-01T12:00:00Z")));
afterAll(() => setSystemTime());

describe("special days through the API", () => {
  test("a closed day refuses a booking its weekday would take, and reopening takes it", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    expect((await call("PUT", `/api/v1/restaurants/${bistro.id}/special-days/2026-12-24`, { closed: true })).status).toBe(200);
    const refused = await expectProblem(await call("POST", "/api/v1/reservations", booking(bistro.id, { date: "2026-12-24T19:00" })), 422);
    expect(refused.errors).toEqual([expect.objectContaining({ field: "date", rule: "not_a_slot" })]);
    expect((await call("DELETE", `/api/v1/restaurants/${bistro.id}/special-days/2026-12-24`)).status).toBe(204);
    expect((await call("POST", "/api/v1/reservations", booking(bistro.id, { date: "2026-12-24T19:00" }))).status).toBe(201);
  });

  test("special hours replace the weekday's for booking as for availability", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await call("PUT", `/api/v1/restaurants/${bistro.id}/special-days/2026-12-24`, { hours: [{ open: "12:00", close: "14:00" }] });
    const slots = (await (await call("GET", `/api/v1/restaurants/${bistro.id}/availability?date=2026-12-24&partySize=2`)).json()) as { slots: { start: string }[] };
    expect(slots.slots.map((slot) => slot.start)).toEqual(["2026-12-24T12:00:00-08:00", "2026-12-24T12:15:00-08:00", "2026-12-24T12:30:00-08:00"]);
    expect((await call("POST", "/api/v1/reservations", booking(bistro.id, { date: "2026-12-24T19:00" }))).status).toBe(422);
    expect((await call("POST", "/api/v1/reservations", booking(bistro.id, { date: "2026-12-24T12:30" }))).status).toBe(201);
  });
});

describe("no booking is orphaned", () => {
  test("a smaller capacity is refused with exactly the reservations it would orphan; one that orphans none applies", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const ids: string[] = [];
    for (const [date, guestCount] of [["2026-12-18T19:00", 4], ["2026-12-18T19:30", 4], ["2026-12-19T19:00", 2]] as const) {
      ids.push(((await (await call("POST", "/api/v1/reservations", booking(bistro.id, { date, guestCount }))).json()) as { id: string }).id);
    }
    const refused = await expectProblem(await call("PATCH", `/api/v1/restaurants/${bistro.id}`, { capacity: 6, maxPartySize: 4 }), 409);
    expect(refused.reservations).toEqual([
      { id: ids[0], start: "2026-12-18T19:00:00-08:00", guestCount: 4 },
      { id: ids[1], start: "2026-12-18T19:30:00-08:00", guestCount: 4 },
    ]);
    expect(((await (await call("GET", `/api/v1/restaurants/${bistro.id}`)).json()) as { capacity: number }).capacity).toBe(10);
    const applied = await call("PATCH", `/api/v1/restaurants/${bistro.id}`, { capacity: 8, maxPartySize: 4 });
    expect(applied.status).toBe(200);
    // The cache forgot the old capacity: the next availability already reads the new one.
    const slots = (await (await call("GET", `/api/v1/restaurants/${bistro.id}/availability?date=2026-12-20&partySize=2`)).json()) as { slots: { remainingCovers: number }[] };
    expect(slots.slots[0]?.remainingCovers).toBe(8);
  });

  test("a cancelled reservation orphans nothing", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const { id } = (await (await call("POST", "/api/v1/reservations", booking(bistro.id, { date: "2026-12-24T19:00" }))).json()) as { id: string };
    expect((await call("PUT", `/api/v1/reservations/${id}/status`, { state: "cancelled" })).status).toBe(200);
    expect((await call("PUT", `/api/v1/restaurants/${bistro.id}/special-days/2026-12-24`, { closed: true })).status).toBe(200);
  });
});

describe("archiving", () => {
  test("an archived restaurant leaves the guest index page and the cuisine list", async () => {
    const other = restaurant({ name: "Kept Open", cuisine: "thai" });
    const { call, app } = await buildTestApp({ restaurants: [bistro, other] });
    expect((await call("DELETE", `/api/v1/restaurants/${bistro.id}`)).status).toBe(200);
    const page = await (await app.request("/")).text();
    expect(page).toContain("Kept Open");
    expect(page).not.toContain("Test Bistro");
  });
});
