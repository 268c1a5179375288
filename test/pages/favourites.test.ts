/**
 * Favourites in a real browser: a signed-in guest stars a restaurant, sees it first under "Your
 * favourites", and unstars it; an anonymous visitor has no stars to press.
 */
import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { hasBrowser } from "../support/browser";
import { resultFor, SEATING, searchPath } from "../support/pages/booking";
import { newGuest, signUp } from "../support/pages/guest";
import { useBrowserSite } from "../support/pages/site";

const { site, pages } = useBrowserSite();

const SEARCH = searchPath({ date: SEATING.day, partySize: 2 });
const favourites = (page: Page) => page.locator("section").filter({ has: page.getByRole("heading", { name: "Your favourites", exact: true }) });
/** The last result on the first page: starring it must move it to the top. */
const lastResultName = async (page: Page) => (await page.getByRole("article").last().locator("h3").textContent())!.trim();
const headingsInOrder = (page: Page) => page.locator("main").locator("h2, h3").allTextContents();

describe.skipIf(!hasBrowser)("favourites", () => {
  test("a starred restaurant is listed first under \"Your favourites\", then unstarred it leaves that list", async () => {
    const page = await pages.newPage();
    await signUp(page, site, newGuest());
    await page.goto(`${site.url}${SEARCH}`);
    expect(await favourites(page).count()).toBe(0);
    const FAVOURITE = await lastResultName(page);

    await resultFor(page, FAVOURITE).getByRole("button", { name: `Add ${FAVOURITE} to favourites`, exact: true }).click();
    await page.waitForLoadState();
    // Back on the same search.
    const query = new URL(page.url()).searchParams;
    expect([query.get("date"), query.get("partySize")]).toEqual([SEATING.day, "2"]);

    const list = favourites(page);
    expect(await list.count()).toBe(1);
    expect((await list.locator("article h3").allTextContents()).map((name) => name.trim())).toEqual([FAVOURITE]);
    expect(await list.getByRole("button", { name: `Remove ${FAVOURITE} from favourites`, exact: true }).count()).toBe(1);
    // The favourites come before every other result.
    const headings = (await headingsInOrder(page)).map((text) => text.trim());
    expect(headings.indexOf("Your favourites")).toBeLessThan(headings.indexOf("Restaurants"));
    expect(headings.indexOf(FAVOURITE)).toBeLessThan(headings.indexOf("Restaurants"));
    // A favourite keeps its open slots.
    expect(await list.getByRole("button", { name: /^\d{2}:\d{2}$/ }).count()).toBeGreaterThan(0);

    await list.getByRole("button", { name: `Remove ${FAVOURITE} from favourites`, exact: true }).click();
    await page.waitForLoadState();
    expect(await favourites(page).count()).toBe(0);
    expect(await page.getByRole("button", { name: `Add ${FAVOURITE} to favourites`, exact: true }).count()).toBe(1);
  }, 30_000);

  test("favourites belong to one account: another guest does not see them", async () => {
    const first = await pages.newPage();
    await signUp(first, site, newGuest());
    await first.goto(`${site.url}${SEARCH}`);
    const FAVOURITE = await lastResultName(first);
    await resultFor(first, FAVOURITE).getByRole("button", { name: `Add ${FAVOURITE} to favourites`, exact: true }).click();
    await first.waitForLoadState();
    expect(await favourites(first).count()).toBe(1);

    const second = await pages.newPage();
    await signUp(second, site, newGuest());
    await second.goto(`${site.url}${SEARCH}`);
    expect(await favourites(second).count()).toBe(0);
  }, 30_000);

  test("an anonymous visitor sees no favourite buttons", async () => {
    const page = await pages.newPage();
    await page.goto(`${site.url}${SEARCH}`);
    expect(await page.getByRole("article").count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: /to favourites$|from favourites$/ }).count()).toBe(0);
  }, 30_000);
});
