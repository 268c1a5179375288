/**
 * The reservation page's status in words at every state, always the time-derived one, and its
 * history at the restaurant's local times. Each state is reached as a guest and a venue would:
 * a booking through the form at noon on 1 December, then the clock moved on and the venue's
 * status changes made through the API.
 */
import { describe, expect, setSystemTime, test } from "bun:test";
import { hasBrowser } from "../support/browser";
import { bookThroughForm, changeStatus, clockPattern, definition, NOW, reservationByLastName, SEATING, statusWord } from "../support/pages/booking";
import { useBrowserSite } from "../support/pages/site";

// Staff may change a reservation's status more than once a minute here; each test starts at NOW.
const { site, pages } = useBrowserSite({ env: { STATUS_CHANGE_LIMIT: "100" } }, { afterEach: () => setSystemTime(NOW) });

const MINUTE = 60_000;
/** An instant relative to the seating (19:00 local on 18 December, 03:00 UTC on the 19th). */
const seatingPlus = (minutes: number) => new Date(Date.parse(SEATING.utc) + minutes * MINUTE);

type Step = { at: Date } | { status: number };

/** `changeable`: whether the page offers to change and cancel; left out where the rules leave it open. */
const states: { word: string; how: string; lastName: string; steps: Step[]; changeable?: boolean }[] = [
  { word: "Upcoming", how: "right after booking", lastName: "Upcoming", steps: [], changeable: true },
  { word: "Upcoming", how: "ten minutes after the seating, before the missed threshold", lastName: "Late", steps: [{ at: seatingPlus(10) }] },
  { word: "You're here", how: "once the venue checks the guest in", lastName: "Here", steps: [{ at: seatingPlus(-20) }, { status: 1 }], changeable: false },
  { word: "Visit complete", how: "once the venue checks the guest out", lastName: "Left", steps: [{ at: seatingPlus(-20) }, { status: 1 }, { at: seatingPlus(90) }, { status: 2 }], changeable: false },
  { word: "Visit complete", how: "when the clock checks the guest out after the stay", lastName: "Stayed", steps: [{ at: seatingPlus(-20) }, { status: 1 }, { at: seatingPlus(5 * 60) }], changeable: false },
  { word: "Missed", how: "when no one checked in by the missed threshold", lastName: "Noshow", steps: [{ at: seatingPlus(20) }], changeable: false },
  { word: "Missed", how: "once the venue marks the guest missed", lastName: "Marked", steps: [{ at: seatingPlus(5) }, { status: 3 }], changeable: false },
  { word: "Cancelled", how: "once the venue cancels it", lastName: "Cancelled", steps: [{ status: 4 }], changeable: false },
];

describe.skipIf(!hasBrowser)("the status in words", () => {
  for (const state of states) {
    test(`is "${state.word}" ${state.how}`, async () => {
      const page = await pages.newPage();
      const privateLink = await bookThroughForm(page, site, { firstName: "Stella", lastName: state.lastName, phone: "415-555-0110" });
      const { id } = await reservationByLastName(site, state.lastName);
      for (const step of state.steps) {
        if ("at" in step) setSystemTime(step.at);
        else await changeStatus(site, id, step.status);
      }
      await page.goto(privateLink);
      expect(await statusWord(page)).toBe(state.word);
      // Only an upcoming reservation can be changed or cancelled.
      if (state.changeable !== undefined) {
        const expected = state.changeable ? 1 : 0;
        expect(await page.getByRole("link", { name: "Change reservation", exact: true }).count()).toBe(expected);
        expect(await page.getByRole("button", { name: "Cancel reservation", exact: true }).count()).toBe(expected);
      }
    }, 30_000);
  }
});

describe.skipIf(!hasBrowser)("the history", () => {
  test("lists each change at the restaurant's local time, the clock's own change dated at its threshold", async () => {
    const page = await pages.newPage();
    // Booked at 12:00 local (20:00 UTC).
    const privateLink = await bookThroughForm(page, site, { firstName: "Tim", lastName: "Timeline", phone: "415-555-0111" });
    const { id } = await reservationByLastName(site, "Timeline");
    // Checked in at 18:40 local (02:40 UTC), then checked out by the clock at 23:00 local (07:00 UTC).
    setSystemTime(seatingPlus(-20));
    await changeStatus(site, id, 1);
    setSystemTime(seatingPlus(6 * 60));
    await page.goto(privateLink);

    const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History", exact: true }) });
    const items = (await history.locator("ol > li").allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
    expect(items.length).toBe(3);
    const [booked, checkedIn, checkedOut] = items as [string, string, string];
    expect(booked).toMatch(clockPattern("12:00"));
    expect(booked).not.toMatch(clockPattern("20:00"));
    expect(checkedIn).toMatch(clockPattern("18:40"));
    expect(checkedIn).not.toMatch(clockPattern("02:40"));
    expect(checkedOut).toMatch(clockPattern("23:00"));
    expect(checkedOut).not.toMatch(clockPattern("07:00"));
    expect(items.join(" ")).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  }, 30_000);

  test("shows the date and time in the restaurant's local time with its zone", async () => {
    const page = await pages.newPage();
    await bookThroughForm(page, site, { firstName: "Zoe", lastName: "Zone", phone: "415-555-0112" });
    const shown = (await definition(page, "Date and time").textContent())!.replace(/\s+/g, " ");
    expect(shown).toMatch(clockPattern("19:00"));
    expect(shown).not.toMatch(clockPattern("03:00"));
    expect(shown).toMatch(/PST|Pacific|America\/Los_Angeles|-08:00|GMT-8|UTC-8/);
    expect(shown).toMatch(/18|December|Dec/);
  }, 30_000);
});
