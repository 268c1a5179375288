/** Assertions and requests shared by the route tests; the app itself comes from `./app`. */
import { expect } from "bun:test";
import type { StatusCode } from "../../src/domain/reservation-status";
import type { Restaurant } from "../../src/domain/restaurant";
import { booking, type TestApp } from "./app";

/** A well-formed UUIDv7 that no test database holds. */
export const UNKNOWN_ID = "01936f4e-0000-7000-8000-000000000000";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: Array<{ field: string; rule: string; message: string }>;
  [extension: string]: unknown;
}

/**
 * Asserts the RFC 9457 shape every error shares: the status, problem+json, type, title, detail,
 * the request id of the X-Request-Id header, and no stack trace. Returns the body.
 */
export async function expectProblem(response: Response, status: number): Promise<Problem> {
  const text = await response.text();
  expect({ status: response.status, body: text }).toMatchObject({ status });
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = JSON.parse(text) as Problem;
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^\/problems\/[a-z-]+$/);
  expect(body.title).toBeString();
  expect(body.detail).toBeString();
  expect(body.requestId).toBeString();
  expect(body.requestId).toBe(response.headers.get("x-request-id")!);
  expect(text).not.toMatch(/\bat [^"]*\.(ts|js):\d+|"stack"/);
  return body;
}

/** A 422 that names `field` with `rule` among its errors. */
export async function expectFieldError(response: Response, field: string, rule?: string): Promise<Problem> {
  const body = await expectProblem(response, 422);
  expect(body.code).toBe("validation_failed");
  expect(body.errors).toContainEqual(expect.objectContaining(rule === undefined ? { field } : { field, rule }));
  return body;
}

/** A request with exactly these headers: no API key unless one is given. */
export async function rawRequest(app: TestApp["app"], method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return app.request(path, { method, headers, body });
}

/**
 * How many reservations, status-log entries or outbox entries the app's storage holds, counted
 * through the storage interfaces, so that the same assertion holds on every backend.
 */
export async function countRows(storage: TestApp["storage"], table: "reservations" | "status_log" | "outbox"): Promise<number> {
  if (table === "outbox") return (await storage.jobs.listNotifications({ limit: 100_000 })).items.length;
  const { items } = await storage.repo.listReservations({ limit: 100_000 });
  if (table === "reservations") return items.length;
  let entries = 0;
  for (const row of items) entries += (await storage.repo.statusLog(row.id, 100_000)).items.length;
  return entries;
}

/** Books `booking(place.id, overrides)` and returns the created reservation; fails the test unless 201. */
export async function book(call: TestApp["call"], place: Restaurant, overrides: Record<string, unknown> = {}) {
  const response = await call("POST", "/api/v1/reservations", booking(place.id, overrides));
  expect({ status: response.status, body: await response.clone().text() }).toMatchObject({ status: 201 });
  return response.json() as Promise<{ id: string; date: string; state: string; [field: string]: unknown }>;
}

/**
 * Sets a reservation's stored status, as a later status change would have, with no log entry or
 * notification: a state the API reaches only through rules the test is not about.
 */
export async function setStoredStatus(storage: TestApp["storage"], id: string, status: StatusCode): Promise<void> {
  await storage.repo.writeReservation(id, (current) => ({ row: { ...current!, status } }));
}

/**
 * Gives up on one outbox entry as the sender does after its last failed attempt, through the job
 * store: claimed and failed `attempts` times, the last time with no retry. No sender runs in a
 * test app, so the entries claimed with it (every one due) are failed too, with a retry due at
 * once: pending as before, one attempt more.
 */
export async function giveUpOn(storage: TestApp["storage"], id: number, error: string, attempts = 1, now = Date.now()): Promise<void> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const claimed = await storage.jobs.claimNotifications(now, 100_000, 0);
    if (!claimed.some((entry) => entry.id === id)) throw new Error(`giveUpOn: notification ${id} is not due`);
    for (const entry of claimed) {
      const last = entry.id === id && attempt === attempts;
      await storage.jobs.failNotification(entry.id, now, entry.id === id ? error : "claimed beside a test's fixture", last ? null : now);
    }
  }
}

/** The outbox entry of a reservation on one channel. */
export async function notificationOf(storage: TestApp["storage"], reservationId: string, channel: string) {
  const { items } = await storage.jobs.listNotifications({ limit: 100_000 });
  const entry = items.find((item) => item.reservationId === reservationId && item.channel === channel);
  if (!entry) throw new Error(`no ${channel} notification for reservation ${reservationId}`);
  return entry;
}
