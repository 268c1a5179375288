/**
 * Every guest page, as an anonymous visitor and as a signed-in guest sees it, including the states
 * with errors shown:
 * - axe-core finds no violation of impact serious or critical (a failure names each rule and the
 *   elements that break it);
 * - each input, link and button has the name a guest reads (the "Names a guest reads"):
 *   a label that also takes in a hint or an error message names its input wrongly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { hasBrowser, launchBrowser } from "../support/browser";
import { seriousViolations } from "../support/pages/accessibility";
import { bookPath, bookThroughForm, FERRY_POINT, NOW, reservationByLastName, resultFor, SEATING, searchPath } from "../support/pages/booking";
import { contextPool } from "../support/pages/contexts";
import { field, fieldByName, fillContact, isFieldLabel, newGuest, signUp } from "../support/pages/guest";
import { type Site, startForeignSite, startSite } from "../support/pages/site";

let browser: Browser;
let site: Site;
const pages = contextPool(() => browser);
/** A signed-in guest with one booking and one favourite. */
let signedIn: BrowserContextOptions["storageState"];
let privateLink: string;
let reservationId: string;
/** Another site, whose page posts a form to the app at once: the app answers with its 403 page. */
let foreign: ReturnType<typeof startForeignSite> | undefined;

beforeAll(async () => {
  if (!hasBrowser) return;
  setSystemTime(NOW);
  // Two log-in attempts per account, so that a third shows the 429 page.
  site = await startSite({ env: { LOGIN_ATTEMPTS_PER_ACCOUNT: "2" } });
  browser = await launchBrowser();
  const page = await pages.newPage();
  await signUp(page, site, newGuest({ lastName: "Axe" }));
  privateLink = await bookThroughForm(page, site, {}, { occasion: "anniversary" });
  reservationId = (await reservationByLastName(site, "Axe")).id;
  await page.goto(`${site.url}${searchPath({ q: "Ferry", date: SEATING.day, partySize: 2 })}`);
  await resultFor(page, FERRY_POINT.name).getByRole("button", { name: `Add ${FERRY_POINT.name} to favourites`, exact: true }).click();
  await page.waitForLoadState();
  signedIn = await page.context().storageState();
  foreign = startForeignSite(
    `<!doctype html><html lang="en"><title>Elsewhere</title><form method="post" action="${privateLink}/cancel"></form><script>document.forms[0].submit()</script></html>`,
  );
  await pages.closeAll();
}, 30_000);
afterEach(() => pages.closeAll());
afterAll(async () => {
  await browser?.close();
  site?.stop();
  foreign?.stop();
  setSystemTime();
});

// A few results rather than a page of twenty: the markup is the same, and axe's time grows with every slot button.
const search = searchPath({ cuisine: "seafood", date: SEATING.day, partySize: 2 });

const CONTACT = ["First name", "Last name", "Phone", "Email"];
const CHOICES = ["Email me updates", "Call me", "Text me"];
const BOOKING = ["Party size", ...CONTACT, "Occasion", ...CHOICES];

/** The names a page must show: inputs by their label alone, buttons and links by their text. */
interface Names {
  labels?: string[];
  buttons?: string[];
  links?: string[];
}

/** Each page as a guest reaches it: who they are, what they do to get there, and the names on it. */
const visits: { page: string; as: "anonymous" | "signed in"; go: (page: Page) => Promise<unknown>; names?: Names }[] = [
  { page: "the index with its results", as: "anonymous", go: (page) => page.goto(`${site.url}${search}`), names: { labels: ["Search", "Cuisine", "Date", "Party size"], buttons: ["Search", "19:00"], links: ["Log in", "Sign up"] } },
  { page: "the index with favourites", as: "signed in", go: (page) => page.goto(`${site.url}${search}`), names: { buttons: ["Log out", `Remove ${FERRY_POINT.name} from favourites`], links: ["My reservations", "Profile"] } },
  { page: "the index with a bad input", as: "anonymous", go: (page) => page.goto(`${site.url}/?date=2026-11-30&partySize=0`) },
  { page: "sign up", as: "anonymous", go: (page) => page.goto(`${site.url}/signup`), names: { labels: [...CONTACT, "Password"], buttons: ["Sign up"] } },
  {
    page: "sign up with field errors",
    as: "anonymous",
    go: (page) => signUp(page, site, { firstName: "", lastName: "L", phone: "123", email: "not-an-email", password: "short" }),
    names: { labels: [...CONTACT, "Password"], buttons: ["Sign up"] },
  },
  { page: "log in", as: "anonymous", go: (page) => page.goto(`${site.url}/login`), names: { labels: ["Email", "Password"], buttons: ["Log in"] } },
  {
    page: "log in with a wrong password",
    as: "anonymous",
    go: async (page) => {
      await page.goto(`${site.url}/login`);
      await field(page, "Email").fill("nobody.here@example.com");
      await field(page, "Password").fill("not the password");
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.waitForLoadState();
    },
    names: { labels: ["Email", "Password"], buttons: ["Log in"] },
  },
  { page: "logged out", as: "anonymous", go: (page) => page.goto(`${site.url}/logged-out`) },
  { page: "the profile", as: "signed in", go: (page) => page.goto(`${site.url}/profile`), names: { labels: [...CONTACT, ...CHOICES], buttons: ["Save changes"] } },
  { page: "the booking form, autofilled", as: "signed in", go: (page) => page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`), names: { labels: BOOKING, buttons: ["Book"] } },
  {
    page: "the booking form with field errors",
    as: "anonymous",
    go: async (page) => {
      await page.goto(`${site.url}${bookPath(FERRY_POINT.id, SEATING.local, 2)}`);
      await fillContact(page, { firstName: "", lastName: "Lovelace", phone: "123", email: "not-an-email" });
      await page.getByRole("button", { name: "Book", exact: true }).click();
      await page.waitForLoadState();
    },
    names: { labels: BOOKING, buttons: ["Book"] },
  },
  { page: "the reservation page through its private link", as: "anonymous", go: (page) => page.goto(privateLink), names: { labels: ["Private link"], buttons: ["Copy link", "Cancel reservation"], links: ["Change reservation", "Sign up to keep this booking"] } },
  { page: "the reservation page of its owner", as: "signed in", go: (page) => page.goto(`${site.url}/reservations/${reservationId}`), names: { buttons: ["Cancel reservation"], links: ["Change reservation"] } },
  {
    page: "the change page with open times",
    as: "signed in",
    go: async (page) => {
      await page.goto(`${site.url}/reservations/${reservationId}/change`);
      await page.getByRole("button", { name: "Show times", exact: true }).click();
      await page.waitForLoadState();
    },
    names: { labels: ["Date", ...BOOKING], buttons: ["Show times", "Save changes"] },
  },
  { page: "my reservations", as: "signed in", go: (page) => page.goto(`${site.url}/my/reservations`), names: { links: ["My reservations"] } },
  { page: "page not found", as: "anonymous", go: (page) => page.goto(`${site.url}/no-such-page`) },
  {
    page: "a cross-site form post refused",
    as: "anonymous",
    go: async (page) => {
      const refused = page.waitForResponse((response) => response.url() === `${privateLink}/cancel`);
      await page.goto(foreign!.url.replace("127.0.0.1", "localhost"));
      expect((await refused).status()).toBe(403);
      await page.waitForLoadState();
    },
  },
  {
    page: "too many log-in attempts",
    as: "anonymous",
    go: async (page) => {
      let status: number | undefined;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await page.goto(`${site.url}/login`);
        await field(page, "Email").fill("limited@example.com");
        await field(page, "Password").fill("not the password");
        const answer = page.waitForResponse((response) => response.request().method() === "POST");
        await page.getByRole("button", { name: "Log in", exact: true }).click();
        status = (await answer).status();
        await page.waitForLoadState();
      }
      expect(status).toBe(429);
      expect(await page.locator("main").textContent()).toMatch(/try again|retry/i);
    },
  },
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

/** The names missing from the page, each as "label First name" or "button Book". */
async function missingNames(page: Page, names: Names): Promise<string[]> {
  const missing: string[] = [];
  for (const label of names.labels ?? []) {
    // A <select> inside its <label> makes getByLabel read the options as label text too; its role's name is what counts.
    const named = label === "Cuisine" ? page.getByRole("combobox", { name: label, exact: true }) : page.getByLabel(label, { exact: true });
    if ((await named.count()) === 1) continue;
    // Say what the input is named instead, e.g. 'textbox "Password At least 8 characters…"'.
    const input = isFieldLabel(label) ? fieldByName(page, label).first() : null;
    const actual = input && (await input.count()) > 0 ? ` (named: ${(await input.ariaSnapshot()).replace(/^- /, "").split("\n")[0]})` : "";
    missing.push(`label ${label}${actual}`);
  }
  for (const name of names.buttons ?? []) if ((await page.getByRole("button", { name, exact: true }).count()) === 0) missing.push(`button ${name}`);
  for (const name of names.links ?? []) if ((await page.getByRole("link", { name, exact: true }).count()) === 0) missing.push(`link ${name}`);
  return missing;
}

describe.skipIf(!hasBrowser)("every input, button and link has the name a guest reads", () => {
  for (const visit of visits) {
    if (!visit.names) continue;
    test(`on ${visit.page} (${visit.as})`, async () => {
      const page = await pages.newPage(visit.as === "signed in" ? { storageState: signedIn } : {});
      await visit.go(page);
      expect(await missingNames(page, visit.names!)).toEqual([]);
    }, 30_000);
  }
});
