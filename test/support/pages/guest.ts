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

/** Where each labelled input is when its label does not name it alone (names.test.ts checks the labels). */
const FIELDS = {
  "First name": 'input[name="firstName"]',
  "Last name": 'input[name="lastName"]',
  Phone: 'input[name="phone"]',
  Email: 'input[name="email"]',
  Password: 'input[name="password"]',
  Occasion: 'input[name="occasion"]',
  // Not the hidden partySize of each result's slot form.
  "Party size": 'input[name="guestCount"]:not([type="hidden"]), input[name="partySize"]:not([type="hidden"])',
  Date: 'input[type="date"]',
  Search: 'input[name="q"]',
  Cuisine: 'select[name="cuisine"]',
  "Email me updates": 'input[name="receiveEmailUpdates"]',
  "Call me": 'input[name="receivePhoneCall"]',
  "Text me": 'input[name="receiveTextNotification"]',
} as const;

export type FieldLabel = keyof typeof FIELDS;

/** The input a label should name, found by its form field name instead. */
export const fieldByName = (page: Page, label: FieldLabel) => page.locator(FIELDS[label]);
export const isFieldLabel = (label: string): label is FieldLabel => label in FIELDS;

/**
 * A form input by its visible label ("Email" exactly, since "Email me updates" also matches). A
 * label that names its input only together with a hint or an error message (a page defect that
 * names.test.ts reports) falls back to the field's name, so that the flows still test behaviour.
 */
export const field = (page: Page, label: FieldLabel) => page.getByLabel(label, { exact: true }).or(page.locator(FIELDS[label]));

/** The inputs a guest types their details into. */
export function contactFields(page: Page) {
  return {
    firstName: field(page, "First name"),
    lastName: field(page, "Last name"),
    phone: field(page, "Phone"),
    email: field(page, "Email"),
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
  await field(page, "Password").fill(guest.password);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await page.waitForLoadState();
}

export async function logIn(page: Page, site: Site, email: string, password: string, path = "/login") {
  await page.goto(`${site.url}${path}`);
  await field(page, "Email").fill(email);
  await field(page, "Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForLoadState();
}

export async function logOut(page: Page) {
  await page.locator("header").getByRole("button", { name: "Log out", exact: true }).click();
  await page.waitForLoadState();
}

/** The header, where the greeting and the account links live. */
export const header = (page: Page) => page.locator("header");
