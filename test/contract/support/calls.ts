/**
 * One well-formed call per operation, for the answers every operation shares (401, 429, and the
 * 400/413/415 of a body). Ids may name nothing: those checks come before any lookup.
 */
import type { TablekeeperClient } from "../../../client/src/index";
import { bistro, freshBooking, newRestaurant, UNKNOWN_ID } from "./servers";

type Call = (client: TablekeeperClient) => Promise<{ response: Response; error?: unknown }>;
/** Per-request options that break the body on its way out. */
export interface BodyTampering {
  bodySerializer?: () => string;
  headers?: Record<string, string>;
}
type BodyCall = (client: TablekeeperClient, reservationId: string, tampering: BodyTampering) => ReturnType<Call>;

/** The `params` of an operation on one reservation. */
export const reservationParams = (reservationId: string) => ({ path: { reservationId } });
const onReservation = (reservationId: string) => ({ params: reservationParams(reservationId) });
const onRestaurant = (restaurantId: string) => ({ params: { path: { restaurantId } } });
const onSpecialDay = (restaurantId: string, date = "2099-12-25") => ({ params: { path: { restaurantId, date } } });

export const callEach: Record<string, Call> = {
  getMetrics: (client) => client.GET("/metrics", { parseAs: "text" }),
  listRestaurants: (client) => client.GET("/api/v1/restaurants"),
  getRestaurant: (client) => client.GET("/api/v1/restaurants/{restaurantId}", { params: { path: { restaurantId: bistro.id } } }),
  getAvailability: (client) =>
    client.GET("/api/v1/restaurants/{restaurantId}/availability", {
      params: { path: { restaurantId: bistro.id }, query: { date: "2026-12-18", partySize: 2 } },
    }),
  createRestaurant: (client) => client.POST("/api/v1/restaurants", { body: newRestaurant() }),
  updateRestaurant: (client) => client.PATCH("/api/v1/restaurants/{restaurantId}", { ...onRestaurant(UNKNOWN_ID), body: { priceLevel: 2 } }),
  archiveRestaurant: (client) => client.DELETE("/api/v1/restaurants/{restaurantId}", onRestaurant(UNKNOWN_ID)),
  listSpecialDays: (client) => client.GET("/api/v1/restaurants/{restaurantId}/special-days", onRestaurant(bistro.id)),
  putSpecialDay: (client) => client.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", { ...onSpecialDay(UNKNOWN_ID), body: { closed: true } }),
  deleteSpecialDay: (client) => client.DELETE("/api/v1/restaurants/{restaurantId}/special-days/{date}", onSpecialDay(UNKNOWN_ID)),
  createReservation: (client) => client.POST("/api/v1/reservations", { body: freshBooking() }),
  listReservations: (client) => client.GET("/api/v1/reservations"),
  getReservation: (client) => client.GET("/api/v1/reservations/{reservationId}", onReservation(UNKNOWN_ID)),
  updateReservation: (client) => client.PATCH("/api/v1/reservations/{reservationId}", { ...onReservation(UNKNOWN_ID), body: { guestCount: 3 } }),
  changeReservationStatus: (client) =>
    client.PUT("/api/v1/reservations/{reservationId}/status", { ...onReservation(UNKNOWN_ID), body: { state: "cancelled" } }),
  getReservationHistory: (client) => client.GET("/api/v1/reservations/{reservationId}/history", onReservation(UNKNOWN_ID)),
  listNotifications: (client) => client.GET("/api/v1/notifications", { params: { query: { state: "dead" } } }),
  retryNotification: (client) => client.POST("/api/v1/notifications/{notificationId}/retry", { params: { path: { notificationId: 1 } } }),
};

/** The operations that take a JSON body, sending a valid one unless `tampering` breaks it. */
export const callWithBody: Record<string, BodyCall> = {
  createRestaurant: (client, _, tampering) => client.POST("/api/v1/restaurants", { body: newRestaurant(), ...tampering }),
  updateRestaurant: (client, _, tampering) => client.PATCH("/api/v1/restaurants/{restaurantId}", { ...onRestaurant(UNKNOWN_ID), body: { priceLevel: 2 }, ...tampering }),
  putSpecialDay: (client, _, tampering) =>
    client.PUT("/api/v1/restaurants/{restaurantId}/special-days/{date}", { ...onSpecialDay(UNKNOWN_ID), body: { closed: true }, ...tampering }),
  createReservation: (client, _, tampering) => client.POST("/api/v1/reservations", { body: freshBooking(), ...tampering }),
  updateReservation: (client, reservationId, tampering) =>
    client.PATCH("/api/v1/reservations/{reservationId}", { ...onReservation(reservationId), body: { guestCount: 3 }, ...tampering }),
  changeReservationStatus: (client, reservationId, tampering) =>
    client.PUT("/api/v1/reservations/{reservationId}/status", { ...onReservation(reservationId), body: { state: "cancelled" }, ...tampering }),
};
