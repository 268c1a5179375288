import { describe, expect, test } from "bun:test";
import { book, type ContractServer, useServer } from "../support/servers";
import type { SpecValidator } from "../support/spec-validator";
import { giveUpOn, notificationOf } from "../../support/fixtures";

/** Gives up on the sms entry of a fresh booking after its eighth failed attempt, and returns its id. */
async function deadEntry(server: ContractServer): Promise<{ id: number; reservationId: string }> {
  const { reservation } = await book(server.client);
  const { storage } = server.testApp;
  const { id } = await notificationOf(storage, reservation.id, "sms");
  await giveUpOn(storage, id, "textbelt: HTTP 503", 8);
  return { id, reservationId: reservation.id };
}

export function notificationContracts(validator: SpecValidator) {
  const server = useServer(validator);

  describe("listNotifications", () => {
    test("200 with the dead entries only, each naming its reservation, channel, attempts and last error", async () => {
      const dead = await deadEntry(server);
      const { data, response } = await server.client.GET("/api/v1/notifications", { params: { query: { state: "dead" } } });
      expect(response.status).toBe(200);
      expect(data?.data).toEqual([
        expect.objectContaining({ id: dead.id, reservationId: dead.reservationId, channel: "sms", subscriber: null, state: "dead", attempts: 8, lastError: "textbelt: HTTP 503" }),
      ]);
      expect(data?.nextCursor).toBeNull();
    });

    test("200 in pages that follow each other, oldest first", async () => {
      const first = await server.client.GET("/api/v1/notifications", { params: { query: { limit: 2 } } });
      expect(first.data?.data).toHaveLength(2);
      const second = await server.client.GET("/api/v1/notifications", { params: { query: { limit: 2, cursor: first.data!.nextCursor! } } });
      expect(second.response.status).toBe(200);
      expect(second.data!.data[0]!.id).toBeGreaterThan(first.data!.data[1]!.id);
    });

    test("422 naming `state` for a state that does not exist", async () => {
      const { error, response } = await server.client.GET("/api/v1/notifications", { params: { query: { state: "lost" as never } } });
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["state"]);
    });
  });

  describe("retryNotification", () => {
    const retry = (notificationId: number) => server.client.POST("/api/v1/notifications/{notificationId}/retry", { params: { path: { notificationId } } });

    test("200 with the entry pending again, with fresh attempts", async () => {
      const dead = await deadEntry(server);
      const { data, response } = await retry(dead.id);
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ id: dead.id, state: "pending", attempts: 0, lastError: "textbelt: HTTP 503" });
    });

    test("404 for an id that names no entry", async () => {
      const { error, response } = await retry(999_999);
      expect(response.status).toBe(404);
      expect(error?.code).toBe("not_found");
    });

    test("409 for an entry that is not dead", async () => {
      const dead = await deadEntry(server);
      await retry(dead.id);
      const { error, response } = await retry(dead.id);
      expect(response.status).toBe(409);
      expect(error).toMatchObject({ code: "conflict", currentState: "pending" });
    });

    test("422 naming `notificationId` when it is not a number", async () => {
      const { error, response } = await retry("abc" as never);
      expect(response.status).toBe(422);
      expect(error?.errors?.map((fieldError) => fieldError.field)).toEqual(["notificationId"]);
    });
  });
}
