import { afterEach, describe, expect, setSystemTime, test } from "bun:test";
import { countRows } from "../../support/fixtures";
import { bistro, book, history, MINUTE, put, read, store, tableApp } from "./support";

afterEach(() => setSystemTime());

describe("the status log", () => {
  const at = (epochMs: number) => new Date(epochMs).toISOString();

  test("a check-in 30 minutes late logs the automatic missed change first, at +15:00 by system", async () => {
    const t = await tableApp();
    const { id, startsAt } = await book(t, bistro, "2027-01-15T19:00");
    const createdAt = Date.now();
    setSystemTime(startsAt + 30 * MINUTE);
    expect((await put(t, id, { state: "guest_here", reason: "arrived late" })).status).toBe(200);

    expect(await history(t, id)).toEqual([
      { from: null, to: "upcoming", at: at(createdAt), actor: "frontdesk", actorType: "api_key", reason: "reservation created" },
      { from: "upcoming", to: "missed", at: at(startsAt + 15 * MINUTE), actor: "system", actorType: "system", reason: expect.any(String) },
      { from: "missed", to: "guest_here", at: at(startsAt + 30 * MINUTE), actor: "frontdesk", actorType: "api_key", reason: "arrived late" },
    ]);
    expect(await countRows(t.storage, "status_log")).toBe(3);
    expect((await read(t, id)).statusChangedAt).toBe(at(startsAt + 30 * MINUTE));
  });

  test.each([
    ["upcoming", 20, { from: "upcoming", to: "missed" }, 15],
    ["guest_here", 300, { from: "guest_here", to: "guest_left" }, 240],
  ] as const)("a reservation stored as %s lists the clock's change at its threshold, by system, before any sweep", async (stored, minutes, change, threshold) => {
    const t = await tableApp();
    const { id, startsAt } = await book(t, bistro, "2027-01-15T19:00");
    await store(t, id, startsAt, stored, startsAt + minutes * MINUTE);
    const logged = await countRows(t.storage, "status_log");
    setSystemTime(startsAt + minutes * MINUTE);

    const entries = await history(t, id);
    expect(entries.at(-1)).toEqual({ ...change, at: at(startsAt + threshold * MINUTE), actor: "system", actorType: "system", reason: expect.any(String) });
    expect(entries).toHaveLength(logged + 1);
    expect(await countRows(t.storage, "status_log")).toBe(logged);
    expect((await read(t, id)).statusChangedAt).toBe(at(startsAt + threshold * MINUTE));
  });

  test("lists every change oldest first with the name of the key that made it", async () => {
    const t = await tableApp();
    const { id, startsAt } = await book(t, bistro, "2027-01-15T19:00");
    setSystemTime(startsAt - 10 * MINUTE);
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 1 }, { authorization: "Bearer other-key-0123456789abcdef" })).status).toBe(200);
    setSystemTime(startsAt + 100 * MINUTE);
    expect((await put(t, id, { status: 2 })).status).toBe(200);

    const entries = await history(t, id);
    expect(entries.map((entry: { from: string; to: string; actor: string }) => [entry.from, entry.to, entry.actor])).toEqual([
      [null, "upcoming", "frontdesk"],
      ["upcoming", "guest_here", "kiosk"],
      ["guest_here", "guest_left", "frontdesk"],
    ]);
    expect(entries.map((entry: { at: string }) => entry.at)).toEqual([...entries.map((entry: { at: string }) => entry.at)].sort());
  });
});
