/**
 * The booking steps and the look-ups the browser tests share: a demo restaurant, the search URL,
 * a result's <article>, a booking through the form, and the reservation behind a private link.
 */
import type { Page } from "playwright-core";
import { type GuestDetails, field, fillContact } from "./guest";
import type { Site } from "./site";

/** A demo restaurant (America/Los_Angeles, open every day 11:30–15:00 and 17:00–22:00). */
export const FERRY_POINT = { id: "786fe295-d5a8-8d46-8c1c-c836a0166c37", name: "Ferry Point Oyster Bar" } as const;

/** The server's clock in most tests: 12:00 in San Francisco on 1 December 2026. */
export const NOW = new Date("2026-12-01T20:00:00Z");
/** The seating most tests book: 19:00 local on Friday 18 December 2026 (03:00 UTC the next day). */
export const SEATING = { day: "2026-12-18", time: "19:00", local: "2026-12-18T19:00:00-08:00", utc: "2026-12-19T03:00:00Z" } as const;

export function searchPath(query: { q?: string; cuisine?: string; date?: string; partySize?: number | string } = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return `/?${params}`;
}

/** The <article> of one search result, found by its heading. */
export const resultFor = (page: Page, name: string) =>
  page.getByRole("article").filter({ has: page.getByRole("heading", { name, exact: true, level: 3 }) });

export const bookPath = (restaurantId: string, start: string, partySize: number) =>
  `/restaurants/${restaurantId}/book?${new URLSearchParams({ start, partySize: String(partySize) })}`;

/** The value beside a term of the reservation page's <dl>. */
export const definition = (page: Page, term: string) =>
  page.locator("dt").filter({ hasText: new RegExp(`^\\s*${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`) }).locator("xpath=following-sibling::dd[1]");

/** Opens the booking form of a slot, types the guest's details and books; the page ends on the private link. */
export async function bookThroughForm(
  page: Page,
  site: Site,
  guest: Partial<GuestDetails>,
  { restaurantId = FERRY_POINT.id as string, start = SEATING.local as string, partySize = 2, occasion }: { restaurantId?: string; start?: string; partySize?: number; occasion?: string } = {},
) {
  await page.goto(`${site.url}${bookPath(restaurantId, start, partySize)}`);
  await fillContact(page, guest);
  if (occasion !== undefined) await field(page, "Occasion").fill(occasion);
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await page.waitForURL(/\/r\/[^/]+$/, { timeout: 10_000 });
  return page.url();
}

interface ReservationJson {
  id: string;
  lastName: string;
  firstName: string;
  phone: string;
  email: string | null;
  occasion: string | null;
  date: string;
  guestCount: number;
  state: string;
  status: number;
  receiveEmailUpdates: boolean;
  receivePhoneCall: boolean;
  receiveTextNotification: boolean;
}

/** The restaurant's reservations through the API, newest last. */
export async function reservationsOf(site: Site, restaurantId: string = FERRY_POINT.id): Promise<ReservationJson[]> {
  const response = await site.t.call("GET", `/api/v1/reservations?restaurantId=${restaurantId}&limit=100`);
  if (response.status !== 200) throw new Error(`listing reservations: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: ReservationJson[] }).data;
}

/** The one reservation of the restaurant with this last name, through the API. */
export async function reservationByLastName(site: Site, lastName: string, restaurantId: string = FERRY_POINT.id) {
  const found = (await reservationsOf(site, restaurantId)).filter((reservation) => reservation.lastName === lastName);
  if (found.length !== 1) throw new Error(`expected one reservation of ${lastName}, found ${found.length}`);
  return found[0]!;
}

/** A status change as the venue makes it, with the test API key. */
export async function changeStatus(site: Site, reservationId: string, status: number) {
  const response = await site.t.call("PUT", `/api/v1/reservations/${reservationId}/status`, { status });
  if (response.status !== 200) throw new Error(`status ${status}: ${response.status} ${await response.text()}`);
}

/**
 * The reservation page's status word. The contract says only that "Status" shows it: as a term of
 * the <dl>, or as a line "Status: Upcoming"; either is read.
 */
export async function statusWord(page: Page): Promise<string> {
  const term = definition(page, "Status");
  if ((await term.count()) > 0) return (await term.textContent())!.trim();
  const line = page.locator("main").getByText(/^\s*Status:/).first();
  return (await line.textContent())!.replace(/^\s*Status:\s*/, "").trim();
}

/** A local wall-clock time as a page may write it: 24-hour "19:00" or 12-hour "7:00 PM". */
export function clockPattern(hhmm: string): RegExp {
  const [hours, minutes] = hhmm.split(":").map(Number) as [number, number];
  const twelveHour = `${((hours + 11) % 12) + 1}:${String(minutes).padStart(2, "0")}\\s?${hours < 12 ? "AM" : "PM"}`;
  return new RegExp(`(^|\\D)(${hhmm}|${twelveHour})(?!\\d)`, "i");
}
