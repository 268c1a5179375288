/**
 * Every operation in openapi/openapi.yaml, driven through the generated client against a real
 * server. The client's fetch checks each answer against the spec (an undocumented status fails
 * the call), and the last test asserts every documented status was seen.
 */
import { afterAll, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import { notificationContracts } from "./operations/notifications";
import { reservationStatusContracts } from "./operations/reservation-status";
import { reservationContracts } from "./operations/reservations";
import { restaurantChangeContracts } from "./operations/restaurant-changes";
import { restaurantContracts } from "./operations/restaurants";
import { scopeContracts } from "./operations/scopes";
import { sharedErrorContracts } from "./operations/shared-errors";
import { systemContracts } from "./operations/system";
import { NOW } from "./support/servers";
import { createSpecValidator } from "./support/spec-validator";

/**
 * A 500 takes a fault in the server, not a request: test/routes/errors.test.ts covers it. A 503
 * takes the rate limiter's store away: test/redis/fail-closed.test.ts covers it.
 */
const NEEDS_A_SERVER_FAULT = new Set([500, 503]);

const validator = createSpecValidator();
beforeAll(() => setSystemTime(NOW));
afterAll(() => setSystemTime());

describe("system", () => systemContracts(validator));
describe("restaurants", () => restaurantContracts(validator));
describe("restaurant changes", () => restaurantChangeContracts(validator));
describe("scoped keys", () => scopeContracts(validator));
describe("reservations", () => reservationContracts(validator));
describe("reservation status", () => reservationStatusContracts(validator));
describe("notifications", () => notificationContracts(validator));
describe("shared errors", () => sharedErrorContracts(validator));

test("every operation in the spec answered every documented status a client can cause", () => {
  const missing = validator.operations.flatMap(({ id, statuses }) =>
    statuses.filter((status) => !NEEDS_A_SERVER_FAULT.has(status) && !validator.seen.get(id)?.has(status)).map((status) => `${id} ${status}`),
  );
  expect(missing).toEqual([]);
});
