/**
 * axe-core on every guest page, as an anonymous visitor and as a signed-in guest sees it, including
 * the states with errors shown: no violation of impact serious or critical. A failure names each
 * rule and the elements that break it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { hasBrowser, launchBrowser } from "../support/browser";
import { seriousViolations } from "../support/pages/accessibility";
import { bookPath, bookThroughForm, FERRY_POINT, NOW, reservationByLastName, resultFor, SEATING, searchPath } from "../support/pages/booking";
import { contextPool } from "../support/pages/contexts";
import { fillContact, newGuest, signUp } from "../support/pages/guest";
import { type Site, startSite } from "../support/pages/site";

let browser: Browser;
let site: Site;
const pages = contextPool(() => browser);
/** A signed-in guest with one booking and one favourite. */
let signedIn: BrowserContextOptions["storageState"];
let privateLink: string;
let reservationId: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  setSystemTime(NOW);
  site = await startSite();
  browser = await launchBrowser();
  const page = await pages.newPage();
  await signUp(page, site, newGuest({ lastName: "Axe" }));
  privateLink = await bookThroughForm(page, site, {}, { occasion: "anniversary" });
  reservationId = (await reservationByLastName(site, "Axe")).id;
  await page.goto(`${site.url}${searchPath({ q: "Ferry", date: SEATING.day, partySize: 2 })}`);
  await resultFor(page, FERRY_POINT.name).getByRole("button", { name: `Add ${FERRY_POINT.name} to favourites`, exact: true }).click();
  await page.waitForLoadState();
  signedIn = await page.context().storageState();
  await pages.closeAll();
}, 30_000);
afterEach(() => pages.closeAll());
afterAll(async () => {
  await browser?.close();
  site?.stop();
  setSystemTime();
});

const search = searchPath({ date: SEATING.day, partySize: 2 });

/** Each page as a guest reaches it: who they are, and what they do to get there. */
const visits: { page: string; as: "anonymous" | "signed in"; go: (page: Page) => Promise<unknown> }[] = [
  { page: "the index with its results", as: "anonymous", go: (page) => page.goto(`${site.url}${search}`) },
  { page: "the index with favourites", as: "signed in", go: (page) => page.goto(`${site.url}${search}`) },
  { page: "the index with a bad input", as: "anonymous", go: (page) => page.goto(`${site.url}/?date=2026-11-30&partySize=0`) },
  { page: "sign up", as: "anonymous", go: (page) => page.goto(`${site.url}/signup`) },
  {
    page: "sign up with field errors",
    as: "anonymous",
    go: (page) => signUp(page, site, { firstName: "", lastName: "L", phone: "123", email: "not-an-email", password: "short" }),
  },
  { page: "log in", as: "anonymous", go: (page) => page.goto(`${site.url}/login`) },
  {
    page: "log in with a wrong password",
    as: "anonymous",
    go: async (page) => {
      await page.goto(`${site.url}/login`);
      await page.getByLabel("Email", { exact: true }).fill("nobody.here@example.com");
      await page.getByLabel("Password", { exact: true }).fill("not the password");
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.waitForLoadState();
    },
  },
  { page: "logged out", as: "anonymous", go: (page) => page.goto(`${site.url}/logged-out`) },
  { page: "the profile", as: "signed in", go: (page) => page.goto(`${site.url}/profile`) },
  { page: "the booking form, autofilled", as: "signed in", go: (page) => page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`) },
  {
    page: "the booking form with field errors",
    as: "anonymous",
    go: async (page) => {
      await page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`);
      await fillContact(page, { firstName: "", lastName: "Lovelace", phone: "123", email: "not-an-email" });
      await page.getByRole("button", { name: "Book", exact: true }).click();
      await page.waitForLoadState();
    },
  },
  { page: "the reservation page through its private link", as: "anonymous", go: (page) => page.goto(privateLink) },
  { page: "the reservation page of its owner", as: "signed in", go: (page) => page.goto(`${site.url}/reservations/${reservationId}`) },
  {
    page: "the change page with open times",
    as: "signed in",
    go: async (page) => {
      await page.goto(`${site.url}/reservations/${reservationId}/change`);
      await page.getByRole("button", { name: "Show times", exact: true }).click();
      await page.waitForLoadState();
    },
  },
  { page: "my reservations", as: "signed in", go: (page) => page.goto(`${site.url}/my/reservations`) },
  { page: "page not found", as: "anonymous", go: (page) => page.goto(`${site.url}/no-such-page`) },
];

describe.skipIf(!hasBrowser)("no serious or critical accessibility violation", () => {
  for (const visit of visits) {
    test(`on ${visit.page} (${visit.as})`, async () => {
      const page = await pages.newPage(visit.as === "signed in" ? { storageState: signedIn } : {});
      await visit.go(page);
      expect(await page.locator("main").count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
    }, 30_000);
  }
});
