/**
 * Booking in a real browser: search, pick a slot, book with the autofilled form, view, change and
 * cancel; an anonymous booking through its private link; field errors beside their fields. The
 * server's clock is frozen at noon in San Francisco on 1 December 2026.
 */
import { afterAll, afterEach, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { booking, everyDay, restaurant } from "../support/app";
import { hasBrowser, launchBrowser } from "../support/browser";
import { bookPath, bookThroughForm, clockPattern, definition, FERRY_POINT, NOW, reservationByLastName, reservationsOf, resultFor, SEATING, searchPath, statusWord } from "../support/pages/booking";
import { contextPool } from "../support/pages/contexts";
import { contactFields, digitsOf, field, fillContact, header, newGuest, signUp } from "../support/pages/guest";
import { type Site, startSite } from "../support/pages/site";
import { hrefPath, pathOf } from "../support/pages/urls";

let browser: Browser;
let site: Site;
/** Two small restaurants: one that a single party fills, one open only on Mondays. */
let small: Site;
const tiny = restaurant({ name: "Tiny Table", capacity: 2, maxPartySize: 2 });
const mondaysOnly = restaurant({
  name: "Mondays Only",
  openingHours: { ...Object.fromEntries(Object.keys(everyDay("17:00", "23:00")).map((day) => [day, []])), monday: [{ open: "17:00", close: "23:00" }] } as typeof tiny.openingHours,
});
const pages = contextPool(() => browser);

beforeAll(async () => {
  if (!hasBrowser) return;
  setSystemTime(NOW);
  site = await startSite();
  small = await startSite({ restaurants: [tiny, mondaysOnly] });
  browser = await launchBrowser();
});
afterEach(() => pages.closeAll());
afterAll(async () => {
  await browser?.close();
  site?.stop();
  small?.stop();
  setSystemTime();
});

const statusText = async (page: Page) => (await page.locator("main").getByRole("status").textContent())?.trim();

describe.skipIf(!hasBrowser)("a signed-in guest", () => {
  test("searches, picks a slot, books with the autofilled form and lands on the reservation page", async () => {
    const page = await pages.newPage();
    const guest = newGuest({ firstName: "Ada", lastName: "Byron" });
    await signUp(page, site, guest);

    await page.goto(`${site.url}/`);
    await field(page, "Search").fill("Ferry Point");
    await field(page, "Date").fill(SEATING.day);
    await field(page, "Party size").fill("2");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForLoadState();
    const query = new URL(page.url()).searchParams;
    expect([query.get("q"), query.get("date"), query.get("partySize")]).toEqual(["Ferry Point", SEATING.day, "2"]);

    const slot = page.getByRole("article").filter({ hasText: FERRY_POINT.name }).getByRole("button", { name: SEATING.time, exact: true });
    expect(await slot.getAttribute("value")).toBe(SEATING.local); // RFC 3339 with the restaurant's local offset
    await slot.click();
    await page.waitForLoadState();
    expect(pathOf(page)).toBe(`/restaurants/${FERRY_POINT.id}/book`);
    expect(new URL(page.url()).searchParams.get("start")).toBe(SEATING.local);

    // The form is autofilled from the profile.
    const form = (await page.locator("main").textContent())!.replace(/\s+/g, " ");
    expect(form).toContain(FERRY_POINT.name);
    expect(form).toMatch(clockPattern("19:00"));
    expect(await page.locator('input[type="hidden"][name="date"]').inputValue()).toBe(SEATING.local);
    const fields = contactFields(page);
    expect(await fields.firstName.inputValue()).toBe("Ada");
    expect(await fields.lastName.inputValue()).toBe("Byron");
    expect(digitsOf(await fields.phone.inputValue())).toBe(digitsOf(guest.phone));
    expect(await fields.email.inputValue()).toBe(guest.email);
    expect(await field(page, "Party size").inputValue()).toBe("2");
    expect(await page.getByLabel("Email me updates", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("Call me", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("Text me", { exact: true }).isChecked()).toBe(false);

    await field(page, "Occasion").fill("birthday");
    await page.getByRole("button", { name: "Book", exact: true }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{20,}$/);
    expect(await statusText(page)).toBe("Your table is booked.");
    expect(await page.getByRole("heading", { name: FERRY_POINT.name, exact: true, }).count()).toBeGreaterThan(0);
    expect(await statusWord(page)).toBe("Upcoming");
    expect(await definition(page, "Date and time").textContent()).toMatch(clockPattern("19:00"));
    expect(await definition(page, "Party size").textContent()).toContain("2");
    expect(await definition(page, "Name").textContent()).toContain("Ada Byron");
    expect(await definition(page, "Email").textContent()).toContain(guest.email);
    expect(await definition(page, "Occasion").textContent()).toContain("birthday");
    expect(await page.getByLabel("Private link", { exact: true }).inputValue()).toBe(page.url());
    expect(await page.getByRole("button", { name: "Copy link", exact: true }).count()).toBe(1);
    // Signed in, the booking is already kept: no offer to sign up for it.
    expect(await page.getByRole("link", { name: "Sign up to keep this booking" }).count()).toBe(0);

    const stored = await reservationByLastName(site, "Byron");
    expect(stored).toMatchObject({ firstName: "Ada", date: SEATING.local, guestCount: 2, occasion: "birthday", email: guest.email, state: "upcoming" });

    // It is listed under My reservations, linking to its owner's page.
    await header(page).getByRole("link", { name: "My reservations", exact: true }).click();
    await page.waitForURL(`${site.url}/my/reservations`);
    const link = page.locator("main").locator(`a[href$="/reservations/${stored.id}"]`);
    expect(await link.count()).toBe(1);
    await link.click();
    await page.waitForLoadState();
    expect(pathOf(page)).toBe(`/reservations/${stored.id}`);
    expect(await statusWord(page)).toBe("Upcoming");
  }, 30_000);

  test("changes the date, time and party size of an upcoming reservation", async () => {
    const page = await pages.newPage();
    await signUp(page, site, newGuest({ lastName: "Changer" }));
    await bookThroughForm(page, site, {});
    const reservation = await reservationByLastName(site, "Changer");

    await page.getByRole("link", { name: "Change reservation", exact: true }).click();
    await page.waitForLoadState();
    expect(pathOf(page)).toMatch(/\/change$/);
    await field(page, "Date").fill("2026-12-19");
    await field(page, "Party size").fill("4");
    await page.getByRole("button", { name: "Show times", exact: true }).click();
    await page.waitForLoadState();
    expect(await field(page, "Date").inputValue()).toBe("2026-12-19");
    expect(await field(page, "Party size").inputValue()).toBe("4");
    await page.getByRole("radio", { name: "19:30", exact: true }).check();
    await page.getByRole("button", { name: "Save changes", exact: true }).click();
    await page.waitForLoadState();

    expect(pathOf(page)).not.toMatch(/\/change$/);
    expect(await statusText(page)).toBe("Your reservation is changed.");
    expect(await definition(page, "Date and time").textContent()).toMatch(clockPattern("19:30"));
    expect(await definition(page, "Party size").textContent()).toContain("4");
    expect(await reservationByLastName(site, "Changer")).toMatchObject({ id: reservation.id, date: "2026-12-19T19:30:00-08:00", guestCount: 4 });
  }, 30_000);

  test("a change with bad fields shows the API's messages beside them and changes nothing", async () => {
    const page = await pages.newPage();
    await signUp(page, site, newGuest({ lastName: "Wrongchange" }));
    await bookThroughForm(page, site, {});
    const before = await reservationByLastName(site, "Wrongchange");
    await page.getByRole("link", { name: "Change reservation", exact: true }).click();
    await page.waitForLoadState();
    await contactFields(page).phone.fill("123");
    await field(page, "Party size").fill("11");
    await page.getByRole("button", { name: "Save changes", exact: true }).click();
    await page.waitForLoadState();

    const api = await site.t.call("PATCH", `/api/v1/reservations/${before.id}`, { phone: "123", guestCount: 11 });
    expect(api.status).toBe(422);
    const { errors } = (await api.json()) as { errors: { field: string; message: string }[] };
    for (const name of ["phone", "guestCount"]) {
      const input = page.locator(`input[name="${name}"]:not([type="hidden"])`);
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      expect((await page.locator(`#${name}-error`).textContent())?.trim()).toBe(errors.find((error) => error.field === name)!.message);
    }
    expect(await contactFields(page).phone.inputValue()).toBe("123");
    expect(await reservationByLastName(site, "Wrongchange")).toEqual(before);
  }, 30_000);

  test("cancels an upcoming reservation, which then offers no change or cancel", async () => {
    const page = await pages.newPage();
    await signUp(page, site, newGuest({ lastName: "Canceller" }));
    await bookThroughForm(page, site, {});
    const privateLink = page.url();

    await page.getByRole("button", { name: "Cancel reservation", exact: true }).click();
    await page.waitForLoadState();
    expect(page.url()).toBe(privateLink);
    expect(await statusText(page)).toBe("Your reservation is cancelled.");
    expect(await statusWord(page)).toBe("Cancelled");
    expect(await page.getByRole("link", { name: "Change reservation", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Cancel reservation", exact: true }).count()).toBe(0);
    expect((await reservationByLastName(site, "Canceller")).state).toBe("cancelled");
  }, 30_000);
});

describe.skipIf(!hasBrowser)("with the keyboard alone", () => {
  test("a guest tabs through the booking form in reading order, types their details and books with Enter", async () => {
    const page = await pages.newPage();
    await page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`);
    const typed: Record<string, string> = { firstName: "Kay", lastName: "Board", phone: "415-555-0190", email: "kay@example.com" };
    const order: string[] = [];
    for (let press = 0; press < 40 && !order.includes("Book"); press += 1) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement | null;
        return element && element !== document.body ? element.getAttribute("name") || element.textContent?.trim() || element.tagName : null;
      });
      if (!focused) continue;
      order.push(focused);
      if (typed[focused] !== undefined) await page.keyboard.type(typed[focused]!);
    }
    const formOrder = ["guestCount", "firstName", "lastName", "phone", "email", "occasion", "receiveEmailUpdates", "receivePhoneCall", "receiveTextNotification", "Book"];
    expect(order.filter((name) => formOrder.includes(name))).toEqual(formOrder);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{20,}$/);
    expect(await statusText(page)).toBe("Your table is booked.");
    expect(await reservationByLastName(site, "Board")).toMatchObject({ firstName: "Kay", email: "kay@example.com" });
  }, 30_000);
});

describe.skipIf(!hasBrowser)("without script", () => {
  test("a guest books, changes and cancels with plain form posts", async () => {
    const page = await pages.newPage({ javaScriptEnabled: false });
    await page.goto(`${site.url}${searchPath({ q: "Ferry", date: SEATING.day, partySize: 2 })}`);
    await resultFor(page, FERRY_POINT.name).getByRole("button", { name: SEATING.time, exact: true }).click();
    await page.waitForLoadState();
    await fillContact(page, { firstName: "Noscript", lastName: "Plain", phone: "415-555-0188" });
    await page.getByRole("button", { name: "Book", exact: true }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{20,}$/);
    expect(await statusText(page)).toBe("Your table is booked.");

    await page.getByRole("link", { name: "Change reservation", exact: true }).click();
    await page.waitForLoadState();
    await field(page, "Party size").fill("3");
    await page.getByRole("button", { name: "Show times", exact: true }).click();
    await page.waitForLoadState();
    await page.getByRole("radio", { name: "20:00", exact: true }).check();
    await page.getByRole("button", { name: "Save changes", exact: true }).click();
    await page.waitForLoadState();
    expect(await statusText(page)).toBe("Your reservation is changed.");

    await page.getByRole("button", { name: "Cancel reservation", exact: true }).click();
    await page.waitForLoadState();
    expect(await statusText(page)).toBe("Your reservation is cancelled.");
    expect(await reservationByLastName(site, "Plain")).toMatchObject({ guestCount: 3, date: "2026-12-18T20:00:00-08:00", state: "cancelled" });
  }, 30_000);
});

describe.skipIf(!hasBrowser)("a guest's cancel", () => {
  test("counts against the reservation's status-change limit like a venue's change", async () => {
    const page = await pages.newPage();
    await bookThroughForm(page, site, { firstName: "Rita", lastName: "Ratelimit", phone: "415-555-0191" });
    const { id } = await reservationByLastName(site, "Ratelimit");
    await page.getByRole("button", { name: "Cancel reservation", exact: true }).click();
    await page.waitForLoadState();
    expect(await statusText(page)).toBe("Your reservation is cancelled.");
    // One status change a minute per reservation (the default): the venue's next one within the minute is refused.
    const next = await site.t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 1 });
    expect(next.status).toBe(429);
  }, 30_000);
});

describe.skipIf(!hasBrowser)("an anonymous guest", () => {
  test("books through the form and comes back through the private link, which the id alone does not open", async () => {
    const page = await pages.newPage();
    await page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 3)}`);
    const fields = contactFields(page);
    expect(await fields.firstName.inputValue()).toBe("");
    expect(await field(page, "Party size").inputValue()).toBe("3");
    await fillContact(page, { firstName: "Anna", lastName: "Nonymous", phone: "415-555-0199", email: "anna@example.com" });
    await page.getByRole("button", { name: "Book", exact: true }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{20,}$/);
    const privateLink = page.url();
    expect(await statusText(page)).toBe("Your table is booked.");
    expect(await page.getByLabel("Private link", { exact: true }).inputValue()).toBe(privateLink);
    const token = privateLink.split("/r/")[1]!;
    expect(await page.getByRole("link", { name: "Sign up to keep this booking", exact: true }).getAttribute("href").then(hrefPath)).toBe(`/signup?claim=${token}`);

    const reservation = await reservationByLastName(site, "Nonymous");
    expect(privateLink).not.toContain(reservation.id);
    expect(reservation).toMatchObject({ firstName: "Anna", guestCount: 3, date: SEATING.local, email: "anna@example.com" });

    const later = await pages.newPage();
    await later.goto(privateLink);
    expect(await later.getByRole("heading", { name: FERRY_POINT.name, exact: true, }).count()).toBeGreaterThan(0);
    expect(await definition(later, "Name").textContent()).toContain("Anna Nonymous");
    expect(await statusWord(later)).toBe("Upcoming");
    const byId = await later.goto(`${site.url}/reservations/${reservation.id}`);
    expect(byId?.status()).toBe(404);
  }, 30_000);

  test("signing up through \"Sign up to keep this booking\" adds the booking to the new account", async () => {
    const page = await pages.newPage();
    await bookThroughForm(page, site, { firstName: "Kept", lastName: "Bythelink", phone: "415-555-0123" });
    const reservation = await reservationByLastName(site, "Bythelink");
    const signUpLink = (await page.getByRole("link", { name: "Sign up to keep this booking", exact: true }).getAttribute("href"))!;
    await signUp(page, site, newGuest({ firstName: "Kept" }), signUpLink);
    await page.goto(`${site.url}/my/reservations`);
    expect(await page.locator("main").locator(`a[href$="/reservations/${reservation.id}"]`).count()).toBe(1);
  }, 30_000);

  test("field errors appear beside their fields, keep what was typed, and say what the API's 422 says", async () => {
    const page = await pages.newPage();
    await page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`);
    await fillContact(page, { firstName: "", lastName: "Lovelace", phone: "123" });
    await page.getByRole("button", { name: "Book", exact: true }).click();
    await page.waitForLoadState();
    expect(pathOf(page)).toBe(`/restaurants/${FERRY_POINT.id}/book`);

    const api = await site.t.call("POST", "/api/v1/reservations", booking(FERRY_POINT.id, { firstName: "", lastName: "Lovelace", phone: "123", date: SEATING.local }));
    expect(api.status).toBe(422);
    const { errors } = (await api.json()) as { errors: { field: string; message: string }[] };
    const apiMessage = (field: string) => errors.find((error) => error.field === field)?.message;

    const fields = contactFields(page);
    for (const [name, input] of [["firstName", fields.firstName], ["phone", fields.phone]] as const) {
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      expect(await input.getAttribute("aria-describedby")).toBe(`${name}-error`);
      // "Beside": the message is the element right after its input.
      expect(await input.evaluate((element) => element.nextElementSibling?.id)).toBe(`${name}-error`);
      expect((await page.locator(`#${name}-error`).textContent())?.trim()).toBe(apiMessage(name)!);
    }
    expect(await fields.phone.inputValue()).toBe("123");
    expect(await fields.lastName.inputValue()).toBe("Lovelace");
    expect(await fields.lastName.getAttribute("aria-invalid")).not.toBe("true");
    expect(await page.locator("#lastName-error").count()).toBe(0);
  }, 30_000);
});

describe.skipIf(!hasBrowser)("the search", () => {
  test("each result shows cuisine, price, rating, reviews, today's bookings and the open slots", async () => {
    // Two bookings made today (in the restaurant's zone) through the API count as "today".
    for (const lastName of ["Counted", "Twice"]) {
      const response = await site.t.call("POST", "/api/v1/reservations", booking(FERRY_POINT.id, { lastName, date: "2026-12-20T12:00" }));
      expect(response.status).toBe(201);
    }
    const page = await pages.newPage();
    const response = await page.goto(`${site.url}/?q=Ferry&date=${SEATING.day}&partySize=2`);
    expect(response?.status()).toBe(200);
    const result = page.getByRole("article").filter({ has: page.getByRole("heading", { name: FERRY_POINT.name, exact: true, level: 3 }) });
    expect(await result.count()).toBe(1);
    const text = (await result.textContent())!.replace(/\s+/g, " ");
    expect(text.toLowerCase()).toContain("seafood");
    expect(text).toContain("$$$");
    expect(text).toContain("★★★★");
    expect(text).toContain("4.3");
    expect(text).toContain("967 reviews");
    const bookedToday = (await reservationsOf(site)).length; // every row here was made on the frozen "today"
    expect(bookedToday).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Booked ${bookedToday} times today`);
    expect(await result.locator('[aria-label="Rated 4.3 out of 5"]').count()).toBe(1);
    const slots = await result.getByRole("button", { name: /^\d{2}:\d{2}$/ }).allTextContents();
    expect(slots.map((slot) => slot.trim())).toContain("19:00");
    expect(slots.map((slot) => slot.trim())).toContain("11:30");
    const form = result.locator("form").filter({ has: page.getByRole("button", { name: "19:00", exact: true }) });
    expect(await form.getAttribute("action").then(hrefPath)).toBe(`/restaurants/${FERRY_POINT.id}/book`);
    expect((await form.getAttribute("method"))?.toLowerCase() ?? "get").toBe("get");
    expect(await form.locator('input[type="hidden"][name="partySize"]').inputValue()).toBe("2");
  }, 30_000);

  test("more results than a page hold are reached through \"Next page\"", async () => {
    const page = await pages.newPage();
    await page.goto(`${site.url}/?date=${SEATING.day}&partySize=2`);
    const firstPage = await page.getByRole("article").locator("h3").allTextContents();
    expect(firstPage.length).toBeGreaterThan(0);
    await page.getByRole("link", { name: "Next page", exact: true }).click();
    await page.waitForLoadState();
    const secondPage = await page.getByRole("article").locator("h3").allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
  }, 30_000);

  for (const [what, query] of [
    ["a date in the past", `date=2026-11-30&partySize=2`],
    ["a party size of 0", `date=${SEATING.day}&partySize=0`],
    ["a search that finds nothing", `q=zzzz-no-such-place&date=${SEATING.day}&partySize=2`],
  ] as const) {
    test(`${what} is a friendly message on the index page, not an error page`, async () => {
      const page = await pages.newPage();
      const response = await page.goto(`${site.url}/?${query}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-type"]).toContain("text/html");
      expect(await page.getByRole("button", { name: "Search", exact: true }).count()).toBe(1);
      if (what === "a search that finds nothing") {
        expect(await page.getByRole("article").count()).toBe(0);
        expect((await page.locator("main").textContent())?.trim().length).toBeGreaterThan(0);
      } else {
        expect((await page.getByRole("alert").textContent())?.trim().length).toBeGreaterThan(0);
      }
    }, 30_000);
  }
});

describe.skipIf(!hasBrowser)("when there is no table", () => {
  test("a restaurant closed that day says so in its result", async () => {
    const page = await pages.newPage();
    const response = await page.goto(`${small.url}/?q=Mondays&date=${SEATING.day}&partySize=2`);
    expect(response?.status()).toBe(200);
    const result = page.getByRole("article").filter({ hasText: "Mondays Only" });
    expect(await result.getByRole("button", { name: /^\d{2}:\d{2}$/ }).count()).toBe(0);
    expect((await result.textContent())?.replace(/\s+/g, " ")).toContain("No open tables on this day for 2.");
  }, 30_000);

  test("booking a slot taken in the meantime says there is no room and offers the nearest open slots", async () => {
    const taken = await small.t.call("POST", "/api/v1/reservations", booking(tiny.id, { lastName: "First", date: "2026-12-18T19:00" }));
    expect(taken.status).toBe(201);
    const page = await pages.newPage();
    await page.goto(`${small.url}${bookPath(tiny.id, SEATING.local, 2)}`);
    await fillContact(page, { firstName: "Second", lastName: "Comer", phone: "415-555-0100" });
    await page.getByRole("button", { name: "Book", exact: true }).click();
    await page.waitForLoadState();
    expect((await page.getByRole("alert").textContent())?.trim()).toContain("No room for 2 at that time.");
    const offered = page.locator("main").getByRole("button", { name: /^\d{2}:\d{2}$/ });
    expect(await offered.count()).toBeGreaterThan(0);
    expect((await offered.allTextContents()).map((name) => name.trim())).not.toContain("19:00");
    expect((await reservationsOf(small, tiny.id)).map((reservation) => reservation.lastName)).toEqual(["First"]);
  }, 30_000);
});
