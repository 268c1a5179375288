/** The oracle itself: a response that breaks the spec must fail the call that received it. */
import { describe, expect, test } from "bun:test";
import { createTablekeeperClient } from "../../client/src/index";
import { API_KEY } from "../support/app";
import { bistro, UNKNOWN_ID } from "./support/servers";
import { ContractViolation, createSpecValidator } from "./support/spec-validator";

const validator = createSpecValidator();
const problem = { type: "/problems/not-found", title: "Not Found", status: 404, detail: "No.", code: "not_found" };
const reservation = {
  id: UNKNOWN_ID,
  restaurantId: bistro.id,
  firstName: "Ada",
  lastName: "Lovelace",
  phone: "4155552671",
  email: null,
  receiveEmailUpdates: true,
  receivePhoneCall: true,
  receiveTextNotification: false,
  occasion: null,
  date: "2026-12-18T19:00:00-08:00",
  guestCount: 2,
  status: 0,
  state: "upcoming",
  statusChangedAt: "2026-12-01T12:00:00.000Z",
  createdAt: "2026-12-01T12:00:00.000Z",
  updatedAt: "2026-12-01T12:00:00.000Z",
};

/** A client whose server always gives this answer. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const contentType = status < 400 ? "application/json" : "application/problem+json";
  const send = async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType, ...headers } });
  return createTablekeeperClient({ baseUrl: "http://tablekeeper.test", apiKey: API_KEY, fetch: validator.fetch(send) });
}
const getReservation = (client: ReturnType<typeof answering>) =>
  client.GET("/api/v1/reservations/{reservationId}", { params: { path: { reservationId: UNKNOWN_ID } } });

describe("the validating fetch", () => {
  test("passes an answer the spec documents, and records its operation and status", async () => {
    const { data } = await getReservation(answering(200, reservation, { ETag: '"1.0"' }));
    expect(data?.id).toBe(UNKNOWN_ID);
    expect(validator.seen.get("getReservation")?.has(200)).toBe(true);
  });

  test("fails a status the operation does not document", async () => {
    await expect(getReservation(answering(409, { ...problem, status: 409, code: "conflict" }))).rejects.toThrow(
      /getReservation documents only 200, 401, 403, 404, 429, 500/,
    );
  });

  test("fails a body that breaks the schema, naming the field", async () => {
    await expect(getReservation(answering(200, { ...reservation, status: 7 }, { ETag: '"1.0"' }))).rejects.toThrow(/body \/status must be <= 4/);
  });

  test("fails an ETag missing where one is declared", async () => {
    await expect(getReservation(answering(200, reservation))).rejects.toThrow(/header ETag is missing/);
  });

  test("fails a content type the response does not document", async () => {
    const send = async () => new Response(JSON.stringify(problem), { status: 404, headers: { "Content-Type": "application/json" } });
    const client = createTablekeeperClient({ baseUrl: "http://tablekeeper.test", apiKey: API_KEY, fetch: validator.fetch(send) });
    await expect(getReservation(client)).rejects.toThrow(/content type "application\/json" is not documented/);
  });

  test("fails a path the spec does not have", async () => {
    const send = async () => new Response(null, { status: 204 });
    const request = new Request("http://tablekeeper.test/api/v1/tables", { method: "DELETE" });
    await expect(validator.fetch(send)(request)).rejects.toBeInstanceOf(ContractViolation);
  });
});
