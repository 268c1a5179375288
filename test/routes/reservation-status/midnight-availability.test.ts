import { afterEach, describe, expect, setSystemTime, test } from "bun:test";
import type { TestApp } from "../../support/app";
import { book, spaetbar, tableApp } from "./support";

afterEach(() => setSystemTime());

describe("availability around midnight", () => {
  const availability = async (t: TestApp, date: string) =>
    (await (await t.call("GET", `/api/v1/restaurants/${spaetbar.id}/availability?date=${date}&partySize=1`)).json()).slots as Array<{ start: string; remainingCovers: number }>;

  test("00:30 belongs to the previous day's service", async () => {
    const t = await tableApp();
    setSystemTime(new Date("2027-02-10T12:00:00Z"));
    const friday = (await availability(t, "2027-02-12")).map((slot) => slot.start);
    expect(friday.at(0)).toBe("2027-02-12T18:00:00+01:00");
    expect(friday.at(-1)).toBe("2027-02-13T00:30:00+01:00");
    expect(friday).toContain("2027-02-12T23:30:00+01:00");
    const saturday = (await availability(t, "2027-02-13")).map((slot) => slot.start);
    expect(saturday.at(0)).toBe("2027-02-13T18:00:00+01:00");
    expect(saturday).not.toContain("2027-02-13T00:30:00+01:00");
  });

  test("a booking at 00:30 holds covers in the previous day's slots that overlap it", async () => {
    const t = await tableApp();
    await book(t, spaetbar, "2027-02-13T00:30", 4);
    const slots = await availability(t, "2027-02-12");
    const covers = (start: string) => slots.find((slot) => slot.start === start)?.remainingCovers;
    expect(covers("2027-02-13T00:30:00+01:00")).toBe(spaetbar.capacity - 4);
    expect(covers("2027-02-12T23:15:00+01:00")).toBe(spaetbar.capacity - 4);
    expect(covers("2027-02-12T23:00:00+01:00")).toBe(spaetbar.capacity);
  });

  test("a 23:30 booking that the clock marks missed at 23:45 frees its covers for 00:30", async () => {
    const t = await tableApp();
    await book(t, spaetbar, "2027-02-12T23:30", 6);
    await book(t, spaetbar, "2027-02-12T23:30", 4);
    const covers00h30 = async () => (await availability(t, "2027-02-12")).find((slot) => slot.start === "2027-02-13T00:30:00+01:00")?.remainingCovers;
    setSystemTime(new Date("2027-02-12T22:44:00Z"));
    expect(await covers00h30()).toBeUndefined();
    setSystemTime(new Date("2027-02-12T22:45:00Z"));
    expect(await covers00h30()).toBe(spaetbar.capacity);
  });
});
