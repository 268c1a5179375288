/**
 * The README's screenshots, taken from the real app: the index (with a favourite), the booking
 * form and the reservation page on a 1200x900 desktop, and the index at phone width (390x844).
 *
 * Every run takes them, so a page that stops rendering fails here; they are written over the
 * committed ones in docs/screenshots/ only with UPDATE_SCREENSHOTS=1, since the reservation page
 * carries a fresh private link on each run and would otherwise change the work tree every time:
 *   UPDATE_SCREENSHOTS=1 bun test test/pages/screenshots.test.ts
 */
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { hasBrowser } from "../support/browser";
import { bookPath, FERRY_POINT, resultFor, SEATING, searchPath } from "../support/pages/booking";
import { DESKTOP, PHONE } from "../support/pages/contexts";
import { field, fillContact, newGuest, signUp } from "../support/pages/guest";
import { useBrowserSite } from "../support/pages/site";

const updating = process.env.UPDATE_SCREENSHOTS === "1";
const folder = updating ? join(import.meta.dir, "../../docs/screenshots") : mkdtempSync(join(tmpdir(), "tablekeeper-screenshots-"));
mkdirSync(folder, { recursive: true });

const { site, pages } = useBrowserSite(
  {},
  {
    afterAll: () => {
      if (!updating) rmSync(folder, { recursive: true, force: true });
    },
  },
);

async function shoot(page: Page, name: string, { fullPage = false } = {}) {
  await page.evaluate(() => document.fonts.ready);
  // The text cursor blinks: a focused field would make the picture differ from run to run.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const png = await page.screenshot({ path: join(folder, `${name}.png`), animations: "disabled", fullPage });
  expect(png.byteLength).toBeGreaterThan(10_000);
}

const search = searchPath({ date: SEATING.day, partySize: 2 });

/** How far the page is wider than the screen; 0 when it fits. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!hasBrowser)("screenshots for the README", () => {
  test("the index: on a desktop for a signed-in guest with a favourite, on a phone as an anonymous visitor sees it", async () => {
    const desktop = await pages.newPage({ viewport: DESKTOP });
    await signUp(desktop, site, newGuest({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" }));
    await desktop.goto(`${site.url}${search}`);
    await resultFor(desktop, FERRY_POINT.name).getByRole("button", { name: `Add ${FERRY_POINT.name} to favourites`, exact: true }).click();
    await desktop.waitForLoadState();
    expect(await desktop.getByRole("heading", { name: "Your favourites", exact: true }).count()).toBe(1);
    await shoot(desktop, "index");

    const phone = await pages.newPage({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    await phone.goto(`${site.url}${search}`);
    expect(await phone.getByRole("article").count()).toBeGreaterThan(0);
    // Readable on a phone: nothing wider than the screen.
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await shoot(phone, "index-phone");
  }, 30_000);

  test("the booking form, autofilled for a signed-in guest, and the reservation page after booking, each whole", async () => {
    const page = await pages.newPage({ viewport: DESKTOP });
    await signUp(page, site, newGuest({ firstName: "Grace", lastName: "Hopper", phone: "(212) 555-0147", email: "grace@example.com" }));
    await page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`);
    await field(page, "Occasion").fill("birthday");
    await shoot(page, "booking-form", { fullPage: true });

    await page.getByRole("button", { name: "Book", exact: true }).click();
    await page.waitForURL(/\/r\/[^/]+$/);
    await shoot(page, "reservation", { fullPage: true });
  }, 30_000);
});

describe.skipIf(!hasBrowser)("the look", () => {
  test("on a phone, the booking form and the reservation page fit the screen's width", async () => {
    const phone = await pages.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phone.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`);
    expect({ page: "booking form", overflow: await overflow(phone) }).toEqual({ page: "booking form", overflow: 0 });
    await fillContact(phone, { firstName: "Pia", lastName: "Phone", phone: "415-555-0155" });
    await phone.getByRole("button", { name: "Book", exact: true }).click();
    await phone.waitForURL(/\/r\/[^/]+$/);
    expect({ page: "reservation", overflow: await overflow(phone) }).toEqual({ page: "reservation", overflow: 0 });
  }, 30_000);

  test("a hint or an error message under an input does not overlap it", async () => {
    const page = await pages.newPage();
    const overlaps = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll("input + small, select + small, textarea + small")).flatMap((small) => {
          const input = small.previousElementSibling!.getBoundingClientRect();
          const below = small.getBoundingClientRect();
          return below.top < input.bottom - 0.5 ? [`#${small.id} starts ${(input.bottom - below.top).toFixed(1)}px inside its input`] : [];
        }),
      );
    await page.goto(`${site.url}/signup`);
    const found = await overlaps();
    await page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`);
    await fillContact(page, { firstName: "", lastName: "Lap", phone: "123" });
    await page.getByRole("button", { name: "Book", exact: true }).click();
    await page.waitForLoadState();
    found.push(...(await overlaps()));
    expect(found).toEqual([]);
  }, 30_000);

  test("the pages load nothing from outside the app, and every asset is served with Cache-Control", async () => {
    const page = await pages.newPage();
    const outside: string[] = [];
    const assets: { url: string; cacheControl: string | undefined }[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(site.url)) outside.push(request.url());
    });
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.startsWith("/assets/")) assets.push({ url: response.url(), cacheControl: response.headers()["cache-control"] });
    });
    await page.goto(`${site.url}${search}`);
    await page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`);
    await fillContact(page, { firstName: "Cass", lastName: "Cache", phone: "415-555-0156" });
    await page.getByRole("button", { name: "Book", exact: true }).click();
    await page.waitForURL(/\/r\/[^/]+$/);
    await page.waitForLoadState("networkidle");
    expect(outside).toEqual([]);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((asset) => !asset.cacheControl)).toEqual([]);
  }, 30_000);
});
