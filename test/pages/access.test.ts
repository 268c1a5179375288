/**
 * Who may see and change a reservation, in a real browser: a guest never reaches another guest's
 * reservation (404), a wrong or altered private link opens nothing (404), and a form posted from
 * another site is refused (403) and changes nothing.
 */
import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { hasBrowser } from "../support/browser";
import { bookThroughForm, FERRY_POINT, reservationByLastName } from "../support/pages/booking";
import { newGuest, signUp } from "../support/pages/guest";
import { startForeignSite, useBrowserSite } from "../support/pages/site";

const { site, pages } = useBrowserSite();

/** The page is the site's HTML "Page not found", and shows nothing of the reservation. */
async function expectNotFoundPage(page: Page, status: number | undefined, hidden: string) {
  expect(status).toBe(404);
  expect(await page.getByRole("heading", { name: "Page not found", exact: true }).count()).toBe(1);
  expect(await page.locator("body").textContent()).not.toContain(hidden);
}

/** Changes one character of a private link's token. */
const alter = (privateLink: string) => privateLink.replace(/.$/, (last) => (last === "A" ? "B" : "A"));

describe.skipIf(!hasBrowser)("another guest's reservation", () => {
  test("a second guest gets 404 on the first guest's reservation page, its change page and its cancel", async () => {
    const owner = await pages.newPage();
    await signUp(owner, site, newGuest({ lastName: "Owner" }));
    await bookThroughForm(owner, site, {});
    const { id } = await reservationByLastName(site, "Owner");
    const ownPage = await owner.goto(`${site.url}/reservations/${id}`);
    expect(ownPage?.status()).toBe(200);

    const other = await pages.newPage();
    await signUp(other, site, newGuest({ lastName: "Stranger" }));
    await expectNotFoundPage(other, (await other.goto(`${site.url}/reservations/${id}`))?.status(), "Owner");
    await expectNotFoundPage(other, (await other.goto(`${site.url}/reservations/${id}/change`))?.status(), "Owner");
    const cancel = await other.request.post(`${site.url}/reservations/${id}/cancel`, { headers: { origin: site.url }, form: {}, maxRedirects: 0 });
    expect(cancel.status()).toBe(404);
    expect((await reservationByLastName(site, "Owner")).state).toBe("upcoming");

    const anonymous = await pages.newPage();
    await expectNotFoundPage(anonymous, (await anonymous.goto(`${site.url}/reservations/${id}`))?.status(), "Owner");
  }, 30_000);

  test("a wrong or altered private link gets 404, and so does the reservation id in its place", async () => {
    const owner = await pages.newPage();
    const privateLink = await bookThroughForm(owner, site, { firstName: "Linda", lastName: "Linkholder", phone: "415-555-0142" });
    const { id } = await reservationByLastName(site, "Linkholder");

    const other = await pages.newPage();
    for (const link of [alter(privateLink), `${site.url}/r/${id}`, `${site.url}/r/not-a-token`, `${alter(privateLink)}/change`]) {
      await expectNotFoundPage(other, (await other.goto(link))?.status(), "Linkholder");
    }
    const cancel = await other.request.post(`${alter(privateLink)}/cancel`, { headers: { origin: site.url }, form: {}, maxRedirects: 0 });
    expect(cancel.status()).toBe(404);
    expect((await reservationByLastName(site, "Linkholder")).state).toBe("upcoming");
  }, 30_000);

  test("an unknown page is the site's HTML 404, never JSON", async () => {
    const page = await pages.newPage();
    const response = await page.goto(`${site.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(response?.headers()["content-type"]).toContain("text/html");
    expect(await page.getByRole("heading", { name: "Page not found", exact: true }).count()).toBe(1);
    expect(await page.locator("header").getByRole("link", { name: "Tablekeeper", exact: true }).count()).toBe(1);
  }, 30_000);
});

describe.skipIf(!hasBrowser)("a cross-site form post", () => {
  // localhost is another site than 127.0.0.1; another port on 127.0.0.1 is the same site but
  // another origin, where SameSite cookies would still be sent: only the origin check stops it.
  for (const [what, host] of [
    ["from another site", "localhost"],
    ["from another origin on the same site", "127.0.0.1"],
  ] as const) {
    test(`${what}, auto-submitted by a page there, is refused with a 403 page and cancels nothing`, async () => {
      const owner = await pages.newPage();
      const privateLink = await bookThroughForm(owner, site, { firstName: "Cora", lastName: host === "localhost" ? "Crosssite" : "Crossorigin", phone: "415-555-0177" });
      const lastName = host === "localhost" ? "Crosssite" : "Crossorigin";

      const foreign = startForeignSite(
        `<!doctype html><html lang="en"><title>Win a dinner</title><body>` +
          `<form method="post" action="${privateLink}/cancel"><input type="hidden" name="reason" value="x"></form>` +
          `<script>document.forms[0].submit()</script></body></html>`,
      );
      try {
        const visitor = await pages.newPage();
        const refused = visitor.waitForResponse((response) => response.url() === `${privateLink}/cancel`);
        await visitor.goto(foreign.url.replace("127.0.0.1", host));
        const response = await refused;
        expect(response.status()).toBe(403);
        expect(response.headers()["content-type"]).toContain("text/html");
        expect((await reservationByLastName(site, lastName)).state).toBe("upcoming");
      } finally {
        foreign.stop();
      }
    }, 30_000);
  }

  test("a post with a foreign Origin header is refused: cancel, sign up, favourites and log out change nothing", async () => {
    const page = await pages.newPage();
    await signUp(page, site, newGuest({ firstName: "Sam" }));
    const privateLink = await bookThroughForm(page, site, { lastName: "Foreignorigin" });
    const evil = { origin: "https://evil.example" };
    const posts: [string, Record<string, string>][] = [
      [`${privateLink}/cancel`, {}],
      [`${site.url}/signup`, { firstName: "Eve", lastName: "Evil", phone: "415-555-0166", email: "eve@example.com", password: "correct horse battery" }],
      [`${site.url}/favourites/${FERRY_POINT.id}`, {}],
      [`${site.url}/logout`, {}],
    ];
    for (const [url, form] of posts) {
      const response = await page.request.post(url, { headers: evil, form, maxRedirects: 0 });
      expect({ url, status: response.status() }).toEqual({ url, status: 403 });
    }
    expect((await reservationByLastName(site, "Foreignorigin")).state).toBe("upcoming");
    await page.goto(`${site.url}/`);
    // Still signed in (log out was refused), with no favourite added.
    expect(await page.locator("header").getByText("Hi, Sam", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Your favourites", exact: true }).count()).toBe(0);
  }, 30_000);
});
