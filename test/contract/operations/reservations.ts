import { describe, expect, test } from "bun:test";
import { reservationParams } from "../support/calls";
import { book, freshBooking, holdIdempotencyKey, UNKNOWN_ID, useServer } from "../support/servers";
import type { SpecValidator } from "../support/spec-validator";

export function reservationContracts(validator: SpecValidator) {
  const server = useServer(validator);
  const post = (body = freshBooking(), idempotencyKey?: string) =>
    server.client.POST("/api/v1/reservations", { body, params: { header: { "idempotency-key": idempotencyKey } } });

  describe("createReservation", () => {
    test("201 with the upcoming reservation, its Location and its ETag", async () => {
      const body = freshBooking({ guestCount: 4 });
      const { data, response } = await post(body);
      expect(response.status).toBe(201);
      expect(data).toMatchObject({ guestCount: 4, phone: "4155552671", status: 0, state: "upcoming", date: `${body.date}:00-08:00` });
      expect(response.headers.get("Location")).toBe(`/api/v1/reservations/${data?.id}`);
      expect(response.headers.get("ETag")).toBeString();
    });

    test("201 with the first answer again, marked Idempotent-Replayed, for a retry with the same key", async () => {
      const body = freshBooking();
      const first = await post(body, "contract-replay");
      const retry = await post(body, "contract-replay");
      expect(retry.response.status).toBe(201);
      expect(retry.response.headers.get("Idempotent-Replayed")).toBe("true");
      expect(retry.data).toEqual(first.data!);
    });

    test("409 conflict when the party no longer fits", async () => {
      const body = freshBooking({ guestCount: 6 });
      await post(body);
      const { error, response } = await post(body);
      expect(response.status).toBe(409);
      expect(error?.code).toBe("conflict");
    });

    test("409 in_progress with Retry-After while a request with the same key is still running", async () => {
      const body = freshBooking();
      await holdIdempotencyKey(server, "contract-running", body);
      const { error, response } = await post(body, "contract-running");
      expect(response.status).toBe(409);
      expect(error?.code).toBe("in_progress");
      expect(response.headers.get("Retry-After")).toBe("1");
    });

    test("422 naming each broken field", async () => {
      const { error, response } = await post(freshBooking({ firstName: "", guestCount: 7 }));
      expect(response.status).toBe(422);
      expect(error?.code).toBe("validation_failed");
      expect(new Set(error?.errors?.map((fieldError) => fieldError.field))).toEqual(new Set(["firstName", "guestCount"]));
    });

    test("422 idempotency_key_reused for the same key with another body", async () => {
      await post(freshBooking(), "contract-reused");
      const { error, response } = await post(freshBooking(), "contract-reused");
      expect(response.status).toBe(422);
      expect(error?.code).toBe("idempotency_key_reused");
    });
  });

  describe("listReservations", () => {
    test("200 with the reservations seated in the window", async () => {
      const { reservation } = await book(server.client);
      const day = reservation.date.slice(0, 10);
      const { data, response } = await server.client.GET("/api/v1/reservations", {
        params: { query: { restaurantId: reservation.restaurantId, from: `${day}T00:00:00-08:00`, to: `${day}T23:59:59-08:00` } },
      });
      expect(response.status).toBe(200);
      expect(data).toEqual({ data: [reservation], nextCursor: null });
    });

    test("422 naming `from` when it has no offset", async () => {
      const { error, response } = await server.client.GET("/api/v1/reservations", { params: { query: { from: "2026-12-18T00:00" } } });
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["from"]);
    });
  });

  describe("getReservation", () => {
    test("200 with the reservation and the ETag it was booked with", async () => {
      const { reservation, etag } = await book(server.client);
      const { data, response } = await server.client.GET("/api/v1/reservations/{reservationId}", { params: reservationParams(reservation.id) });
      expect(response.status).toBe(200);
      expect(data).toEqual(reservation);
      expect(response.headers.get("ETag")).toBe(etag);
    });

    test("404 for an unknown id", async () => {
      const { error, response } = await server.client.GET("/api/v1/reservations/{reservationId}", { params: reservationParams(UNKNOWN_ID) });
      expect(response.status).toBe(404);
      expect(error?.code).toBe("not_found");
    });
  });

  describe("updateReservation", () => {
    const patch = (reservationId: string, body: { guestCount?: number; occasion?: string }, ifMatch?: string) =>
      server.client.PATCH("/api/v1/reservations/{reservationId}", {
        params: { ...reservationParams(reservationId), header: { "if-match": ifMatch } },
        body,
      });

    test("200 with the changed reservation and a new ETag, given the current ETag", async () => {
      const { reservation, etag } = await book(server.client);
      const { data, response } = await patch(reservation.id, { guestCount: 5, occasion: "birthday" }, etag);
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ id: reservation.id, guestCount: 5, occasion: "birthday" });
      expect(response.headers.get("ETag")).not.toBe(etag);
    });

    test("404 for an unknown id", async () => {
      const { error, response } = await patch(UNKNOWN_ID, { guestCount: 3 });
      expect(response.status).toBe(404);
      expect(error?.code).toBe("not_found");
    });

    test("409 for a reservation that is no longer upcoming", async () => {
      const { reservation } = await book(server.client);
      await server.client.PUT("/api/v1/reservations/{reservationId}/status", { params: reservationParams(reservation.id), body: { state: "cancelled" } });
      const { error, response } = await patch(reservation.id, { guestCount: 3 });
      expect(response.status).toBe(409);
      expect(error?.code).toBe("conflict");
    });

    test("412 for an If-Match the reservation has moved on from", async () => {
      const { reservation, etag } = await book(server.client);
      await patch(reservation.id, { guestCount: 3 }, etag);
      const { error, response } = await patch(reservation.id, { guestCount: 4 }, etag);
      expect(response.status).toBe(412);
      expect(error?.code).toBe("precondition_failed");
    });

    test("422 naming `guestCount` for a party larger than the restaurant takes", async () => {
      const { reservation } = await book(server.client);
      const { error, response } = await patch(reservation.id, { guestCount: 7 });
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["guestCount"]);
    });
  });
}
