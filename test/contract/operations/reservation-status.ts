import { describe, expect, test } from "bun:test";
import type { StatusChange } from "../../../client/src/index";
import { reservationParams } from "../support/calls";
import { book, UNKNOWN_ID, useServer } from "../support/servers";
import type { SpecValidator } from "../support/spec-validator";

export function reservationStatusContracts(validator: SpecValidator) {
  // Several changes to one reservation within a minute: the limit has its own tests.
  const server = useServer(validator, { STATUS_CHANGE_LIMIT: "100" });
  const change = (reservationId: string, body: StatusChange, ifMatch?: string) =>
    server.client.PUT("/api/v1/reservations/{reservationId}/status", {
      params: { ...reservationParams(reservationId), header: { "if-match": ifMatch } },
      body,
    });

  describe("changeReservationStatus", () => {
    test("200 with the cancelled reservation, a new ETag and the rate-limit headers", async () => {
      const { reservation, etag } = await book(server.client);
      const { data, response } = await change(reservation.id, { state: "cancelled", reason: "guest called" }, etag);
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ id: reservation.id, status: 4, state: "cancelled" });
      expect(response.headers.get("ETag")).not.toBe(etag);
      expect(response.headers.get("RateLimit-Policy")).toBe("100;w=60");
      expect(response.headers.get("RateLimit")).toBe("limit=100, remaining=99, reset=60");
    });

    test("404 for an unknown id", async () => {
      const { error, response } = await change(UNKNOWN_ID, { status: 4 });
      expect(response.status).toBe(404);
      expect(error?.code).toBe("not_found");
    });

    test("409 invalid_transition from upcoming straight to guest_left, naming both states", async () => {
      const { reservation } = await book(server.client);
      const { error, response } = await change(reservation.id, { state: "guest_left" });
      expect(response.status).toBe(409);
      expect(error).toMatchObject({ code: "invalid_transition", currentState: "upcoming", requestedState: "guest_left" });
    });

    test("412 for an If-Match the reservation has moved on from", async () => {
      const { reservation, etag } = await book(server.client);
      await change(reservation.id, { state: "cancelled" });
      const { error, response } = await change(reservation.id, { state: "upcoming" }, etag);
      expect(response.status).toBe(412);
      expect(error?.code).toBe("precondition_failed");
    });

    test("422 naming `status` when neither a status nor a state is given", async () => {
      const { reservation } = await book(server.client);
      const { error, response } = await change(reservation.id, { reason: "no idea" });
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["status"]);
    });
  });

  describe("getReservationHistory", () => {
    const history = (reservationId: string, limit?: number) =>
      server.client.GET("/api/v1/reservations/{reservationId}/history", { params: { ...reservationParams(reservationId), query: { limit } } });

    test("200 with the booking and each change, oldest first", async () => {
      const { reservation } = await book(server.client);
      await change(reservation.id, { state: "cancelled", reason: "guest called" });
      const { data, response } = await history(reservation.id);
      expect(response.status).toBe(200);
      expect(data?.data).toMatchObject([
        { from: null, to: "upcoming", actor: "frontdesk" },
        { from: "upcoming", to: "cancelled", actor: "frontdesk", reason: "guest called" },
      ]);
      expect(data?.nextCursor).toBeNull();
    });

    test("404 for an unknown id", async () => {
      const { error, response } = await history(UNKNOWN_ID);
      expect(response.status).toBe(404);
      expect(error?.code).toBe("not_found");
    });

    test("422 naming `limit` for a page size below 1", async () => {
      const { reservation } = await book(server.client);
      const { error, response } = await history(reservation.id, 0);
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["limit"]);
    });
  });
}
