/** The answers many operations share: no key, over a limit, a body that is not acceptable JSON. */
import { beforeAll, describe, expect, test } from "bun:test";
import { isProblem, type ProblemCode } from "../../../client/src/index";
import { type BodyTampering, callEach, callWithBody } from "../support/calls";
import { book, useServer } from "../support/servers";
import type { SpecValidator } from "../support/spec-validator";

export function sharedErrorContracts(validator: SpecValidator) {
  const documenting = (status: number) => validator.operations.filter((operation) => operation.statuses.includes(status));

  describe("401 without a valid API key", () => {
    const server = useServer(validator);
    for (const { id } of documenting(401)) {
      test(`${id}: unauthorized, with a Bearer challenge`, async () => {
        const { error, response } = await callFor(callEach, id)(server.clientWithKey("not-a-key"));
        expect(response.status).toBe(401);
        expect(isProblem(error) && error.code).toBe("unauthorized");
        expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="tablekeeper"');
      });
    }
  });

  describe("429 once the API key has used its requests for the minute (API_RATE_LIMIT_PER_MINUTE=1)", () => {
    const server = useServer(validator, { API_RATE_LIMIT_PER_MINUTE: "1" });
    beforeAll(async () => {
      expect((await server.client.GET("/api/v1/restaurants")).response.status).toBe(200);
    });
    // /metrics is outside the per-key limit: its 429 is the failed-key lock (operations/system.ts).
    for (const { id } of documenting(429).filter((operation) => operation.id !== "getMetrics")) {
      test(`${id}: rate_limited, with Retry-After`, async () => {
        const { error, response } = await callFor(callEach, id)(server.client);
        expect(response.status).toBe(429);
        expect(isProblem(error) && error.code).toBe("rate_limited");
        expect(response.headers.get("Retry-After")).toBe("60");
      });
    }
  });

  describe("429 on the second status change within a minute (STATUS_CHANGE_LIMIT=1)", () => {
    const server = useServer(validator, { STATUS_CHANGE_LIMIT: "1" });
    test("changeReservationStatus: rate_limited, with Retry-After and the limit's headers", async () => {
      const { reservation } = await book(server.client);
      const path = { path: { reservationId: reservation.id } };
      await server.client.PUT("/api/v1/reservations/{reservationId}/status", { params: path, body: { state: "cancelled" } });
      const { error, response } = await server.client.PUT("/api/v1/reservations/{reservationId}/status", { params: path, body: { state: "upcoming" } });
      expect(response.status).toBe(429);
      expect(error?.code).toBe("rate_limited");
      expect(response.headers.get("Retry-After")).toBe("60");
      expect(response.headers.get("RateLimit-Policy")).toBe("1;w=60");
    });
  });

  describe("a body that is not acceptable JSON", () => {
    const server = useServer(validator);
    let reservationId = "";
    beforeAll(async () => {
      reservationId = (await book(server.client)).reservation.id;
    });
    const cases: Array<{ status: number; code: ProblemCode; breaking: string; tampering: BodyTampering }> = [
      { status: 400, code: "malformed_json", breaking: "cut-off JSON", tampering: { bodySerializer: () => '{"guestCount": ' } },
      { status: 413, code: "payload_too_large", breaking: "a body over BODY_LIMIT_BYTES", tampering: { bodySerializer: () => JSON.stringify({ occasion: "x".repeat(20_000) }) } },
      { status: 415, code: "unsupported_media_type", breaking: "Content-Type text/plain", tampering: { headers: { "Content-Type": "text/plain" } } },
    ];
    for (const { status, code, breaking, tampering } of cases) {
      for (const { id } of documenting(status)) {
        test(`${id}: ${status} ${code} for ${breaking}`, async () => {
          const { error, response } = await callFor(callWithBody, id)(server.client, reservationId, tampering);
          expect(response.status).toBe(status);
          expect(isProblem(error) && error.code).toBe(code);
        });
      }
    }
  });
}

/** The call for `operationId`, or a failure saying support/calls.ts lacks one. */
function callFor<T>(table: Record<string, T>, operationId: string): T {
  const call = table[operationId];
  if (!call) throw new Error(`test/contract/support/calls.ts has no call for ${operationId}`);
  return call;
}
