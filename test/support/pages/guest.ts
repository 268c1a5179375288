/**
 * A guest in the browser: an account's details, and the steps every test takes the same way
 * (sign up, log in, log out), through the labels and button names a guest reads.
 */
import type { Page } from "playwright-core";
import type { Site } from "./site";

export interface GuestDetails {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  password: string;
}

let guests = 0;

/** A new guest with a unique email (at most 30 characters, as the field rules allow). */
export function newGuest(overrides: Partial<GuestDetails> = {}): GuestDetails {
  guests += 1;
  return {
    firstName: "Ada",
    lastName: "Lovelace",
    phone: "(415) 555-2671",
    email: `ada.${guests}.${process.pid % 1000}@example.com`,
    password: "correct horse battery",
    ...overrides,
  };
}

/** The national digits a phone field should hold, however it is written. */
export const digitsOf = (phone: string) => phone.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");

/** The inputs a guest types their details into; "Email" is exact, since "Email me updates" also matches. */
export function contactFields(page: Page) {
  return {
    firstName: page.getByLabel("First name", { exact: true }),
    lastName: page.getByLabel("Last name", { exact: true }),
    phone: page.getByLabel("Phone", { exact: true }),
    email: page.getByLabel("Email", { exact: true }),
  };
}

export async function fillContact(page: Page, guest: Partial<GuestDetails>) {
  const fields = contactFields(page);
  if (guest.firstName !== undefined) await fields.firstName.fill(guest.firstName);
  if (guest.lastName !== undefined) await fields.lastName.fill(guest.lastName);
  if (guest.phone !== undefined) await fields.phone.fill(guest.phone);
  if (guest.email !== undefined) await fields.email.fill(guest.email);
}

/** Fills the sign-up form at `path` (default /signup) and submits it; returns the response's page URL. */
export async function signUp(page: Page, site: Site, guest: GuestDetails, path = "/signup") {
  await page.goto(`${site.url}${path}`);
  await fillContact(page, guest);
  await page.getByLabel("Password", { exact: true }).fill(guest.password);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await page.waitForLoadState();
}

export async function logIn(page: Page, site: Site, email: string, password: string, path = "/login") {
  await page.goto(`${site.url}${path}`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForLoadState();
}

export async function logOut(page: Page) {
  await page.locator("header").getByRole("button", { name: "Log out", exact: true }).click();
  await page.waitForLoadState();
}

/** The header, where the greeting and the account links live. */
export const header = (page: Page) => page.locator("header");
