/**
 * The Tablekeeper API client: openapi-fetch over the types generated from openapi/openapi.yaml,
 * with the API key on every request and an Idempotency-Key on every booking.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";
export { TablekeeperError, UnexpectedResponseError, isProblem, unwrap } from "./errors.js";
export { type RetryOptions, withRetry } from "./retry.js";

type Schemas = components["schemas"];
export type Restaurant = Schemas["Restaurant"];
export type RestaurantPage = Schemas["RestaurantPage"];
export type OpeningHours = Schemas["OpeningHours"];
export type OpeningInterval = Schemas["OpeningInterval"];
export type Availability = Schemas["Availability"];
export type AvailabilitySlot = Schemas["AvailabilitySlot"];
export type Reservation = Schemas["Reservation"];
export type ReservationPage = Schemas["ReservationPage"];
export type ReservationCreate = Schemas["ReservationCreate"];
export type ReservationPatch = Schemas["ReservationPatch"];
export type ReservationState = Reservation["state"];
export type StatusChange = Schemas["StatusChange"];
export type StatusLogEntry = Schemas["StatusLogEntry"];
export type StatusLogPage = Schemas["StatusLogPage"];
export type Health = Schemas["Health"];
/** Every error the API answers: an RFC 9457 problem with a stable `code`. */
export type Problem = Schemas["Problem"];
export type TablekeeperProblem = Problem;
export type ProblemCode = Problem["code"];
export type FieldError = Schemas["FieldError"];

export interface TablekeeperClientOptions {
  /** Where the API is served, e.g. `https://tablekeeper.example.com`; the paths carry `/api/v1`. */
  baseUrl: string;
  /** One of the server's API keys, sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Sends each request; defaults to `globalThis.fetch`. Tests route it to an app or record it. */
  fetch?: (request: Request) => Promise<Response>;
}

export type TablekeeperClient = Client<paths>;

export function createTablekeeperClient({ baseUrl, apiKey, fetch }: TablekeeperClientOptions): TablekeeperClient {
  const client = createClient<paths>({ baseUrl, fetch, headers: { Authorization: `Bearer ${apiKey}` } });
  client.use(idempotentBookings);
  return client;
}

/**
 * A booking whose answer was lost can be sent again without booking twice, but only if it carries
 * a key: give each booking one unless the caller chose its own (to retry with the same key).
 */
const idempotentBookings: Middleware = {
  onRequest({ request, schemaPath }) {
    if (request.method === "POST" && schemaPath === "/api/v1/reservations" && !request.headers.has("Idempotency-Key")) {
      request.headers.set("Idempotency-Key", crypto.randomUUID());
    }
  },
};
