/**
 * Accounts in a real browser: sign up, the two notices, log out, log in, the profile. The server's
 * clock is frozen, as every page test's is.
 */
import { describe, expect, test } from "bun:test";
import { hasBrowser } from "../support/browser";
import { contactFields, digitsOf, field, header, logIn, logOut, newGuest, signUp } from "../support/pages/guest";
import { useBrowserSite } from "../support/pages/site";
import { hrefPath } from "../support/pages/urls";

const SIGN_UP_NOTICE = "New to this site? Log in and it'll autofill your details";
const LOGGED_IN = "You're logged in!";

const { site, pages } = useBrowserSite();

describe.skipIf(!hasBrowser)("the notices", () => {
  test("an anonymous visitor sees the sign-up notice, linking to sign up, and the header's Log in and Sign up", async () => {
    const page = await pages.newPage();
    await page.goto(`${site.url}/`);
    const notice = page.getByRole("link", { name: SIGN_UP_NOTICE, exact: true });
    expect(await notice.count()).toBe(1);
    expect(await notice.getAttribute("href").then(hrefPath)).toBe("/signup");
    expect(await header(page).getByRole("link", { name: "Log in", exact: true }).getAttribute("href").then(hrefPath)).toBe("/login");
    expect(await header(page).getByRole("link", { name: "Sign up", exact: true }).getAttribute("href").then(hrefPath)).toBe("/signup");
    expect(await header(page).getByRole("link", { name: "Tablekeeper", exact: true }).getAttribute("href").then(hrefPath)).toBe("/");
    expect(await page.getByText(LOGGED_IN).count()).toBe(0);
  }, 30_000);

  test("signing up signs the guest in: \"You're logged in!\" once, then the header greets by first name", async () => {
    const page = await pages.newPage();
    const guest = newGuest({ firstName: "Grace" });
    await signUp(page, site, guest);
    expect(new URL(page.url()).pathname).toBe("/");
    expect((await page.locator("main").getByRole("status").textContent())?.trim()).toBe(LOGGED_IN);
    expect(await header(page).getByText("Hi, Grace", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("link", { name: SIGN_UP_NOTICE, exact: true }).count()).toBe(0);
    expect(await header(page).getByRole("link", { name: "My reservations", exact: true }).getAttribute("href").then(hrefPath)).toBe("/my/reservations");
    expect(await header(page).getByRole("link", { name: "Profile", exact: true }).getAttribute("href").then(hrefPath)).toBe("/profile");
    expect(await header(page).getByRole("link", { name: "Log in", exact: true }).count()).toBe(0);

    await page.reload();
    expect(await page.getByText(LOGGED_IN).count()).toBe(0);
    expect(await header(page).getByText("Hi, Grace", { exact: true }).count()).toBe(1);
  }, 30_000);
});

describe.skipIf(!hasBrowser)("log out and log in", () => {
  test("log out shows \"You're logged out\" and ends the session on the server", async () => {
    const page = await pages.newPage();
    await signUp(page, site, newGuest({ firstName: "Alan" }));
    const cookies = await page.context().cookies();
    await logOut(page);
    expect(new URL(page.url()).pathname).toBe("/logged-out");
    expect(await page.getByRole("heading", { name: "You're logged out", exact: true }).count()).toBe(1);
    expect(await header(page).getByRole("link", { name: "Log in", exact: true }).count()).toBe(1);

    // The old cookie, replayed from elsewhere, opens nothing: the server deleted the session.
    const replay = await pages.newPage();
    await replay.context().addCookies(cookies);
    await replay.goto(`${site.url}/`);
    expect(await header(replay).getByText("Hi, Alan").count()).toBe(0);
    expect(await replay.getByRole("link", { name: SIGN_UP_NOTICE, exact: true }).count()).toBe(1);
  }, 30_000);

  test("logging in again greets by first name, without the first-login notice", async () => {
    const page = await pages.newPage();
    const guest = newGuest({ firstName: "Hedy" });
    await signUp(page, site, guest);
    await logOut(page);
    await logIn(page, site, guest.email, guest.password);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await header(page).getByText("Hi, Hedy", { exact: true }).count()).toBe(1);
    // "Right after an account's first login": signing up was that first login.
    expect(await page.getByText(LOGGED_IN).count()).toBe(0);
  }, 30_000);

  test("logging in from a page that asked for it returns there (?next=)", async () => {
    const page = await pages.newPage();
    const guest = newGuest();
    await signUp(page, site, guest);
    await logOut(page);
    await logIn(page, site, guest.email, guest.password, "/login?next=%2Fmy%2Freservations");
    expect(new URL(page.url()).pathname).toBe("/my/reservations");
    expect(await page.getByRole("heading", { name: "My reservations", exact: true }).count()).toBe(1);
  }, 30_000);

  test("a wrong password and an unknown email get the same message", async () => {
    const page = await pages.newPage();
    const guest = newGuest();
    await signUp(page, site, guest);
    await logOut(page);

    const answers: { status: number | undefined; alert: string | null; path: string }[] = [];
    for (const [email, password] of [
      [guest.email, "not the password"],
      ["nobody.here@example.com", guest.password],
    ] as const) {
      await page.goto(`${site.url}/login`);
      await field(page, "Email").fill(email);
      await field(page, "Password").fill(password);
      const response = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      const status = (await response).status();
      await page.waitForLoadState();
      answers.push({ status, alert: (await page.getByRole("alert").textContent())?.trim() ?? null, path: new URL(page.url()).pathname });
    }
    expect(answers[0]!.alert).toBe("Wrong email or password.");
    expect(answers[1]).toEqual(answers[0]!);
    expect(await header(page).getByText(/^Hi,/).count()).toBe(0);
  }, 30_000);
});

describe.skipIf(!hasBrowser)("sign-up errors and the profile", () => {
  test("signing up with an email already used shows the error beside Email and keeps what was typed", async () => {
    const first = await pages.newPage();
    const guest = newGuest();
    await signUp(first, site, guest);

    const page = await pages.newPage();
    await signUp(page, site, { ...guest, firstName: "Other" });
    const email = contactFields(page).email;
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await email.getAttribute("aria-describedby")).toBe("email-error");
    expect((await page.locator("#email-error").textContent())?.trim()).not.toBe("");
    expect(await email.inputValue()).toBe(guest.email);
    expect(await contactFields(page).firstName.inputValue()).toBe("Other");
    expect(await header(page).getByText(/^Hi,/).count()).toBe(0);
  }, 30_000);

  test("a password under 8 characters is refused beside Password", async () => {
    const page = await pages.newPage();
    await signUp(page, site, newGuest({ password: "short" }));
    const password = field(page, "Password");
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    expect((await page.locator("#password-error").textContent())?.trim()).toContain("8 characters");
    expect(await header(page).getByText(/^Hi,/).count()).toBe(0);
  }, 30_000);

  test("the profile shows the account's details and saves changes to them, and the header greets by the new name", async () => {
    const page = await pages.newPage();
    const guest = newGuest({ firstName: "Mary", lastName: "Somerville" });
    await signUp(page, site, guest);
    await header(page).getByRole("link", { name: "Profile", exact: true }).click();
    await page.waitForURL(`${site.url}/profile`);
    const fields = contactFields(page);
    expect(await fields.firstName.inputValue()).toBe("Mary");
    expect(await fields.lastName.inputValue()).toBe("Somerville");
    expect(digitsOf(await fields.phone.inputValue())).toBe(digitsOf(guest.phone));
    expect(await fields.email.inputValue()).toBe(guest.email);

    await fields.firstName.fill("Marie");
    await fields.lastName.fill("Fairfax");
    await fields.phone.fill("(212) 555-0147");
    await page.getByLabel("Call me", { exact: true }).uncheck();
    await page.getByLabel("Text me", { exact: true }).check();
    await page.getByRole("button", { name: "Save changes", exact: true }).click();
    await page.waitForLoadState();
    expect((await page.locator("main").getByRole("status").textContent())?.trim()).toBe("Your details are saved.");

    // The header greets by the new first name.
    expect(await header(page).getByText("Hi, Marie", { exact: true }).count()).toBe(1);
    await page.goto(`${site.url}/profile`);
    expect(await fields.firstName.inputValue()).toBe("Marie");
    expect(await fields.lastName.inputValue()).toBe("Fairfax");
    expect(digitsOf(await fields.phone.inputValue())).toBe("2125550147");
    expect(await page.getByLabel("Call me", { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel("Text me", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("Email me updates", { exact: true }).isChecked()).toBe(true);
  }, 30_000);
});
