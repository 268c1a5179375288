/**
 * The storage conformance suite: what every backend behind `Storage` must do, proved the same
 * way on each. A runner per backend (`test/db/conformance.*.test.ts`) calls `storageConformance`
 * with a way to open a fresh, empty, migrated storage; each test opens its own and closes it.
 * The suite writes and reads through the storage interfaces (and through the app or a job where
 * that is how a rule is reached), never through a backend's own client, so a case that fails on
 * one backend and passes on another is a difference between the backends, not between the tests.
 */
import { describe } from "bun:test";
import { accountConformance } from "./accounts";
import { capacityConformance } from "./capacity";
import { claimConformance } from "./claims";
import { clockBoundaryConformance } from "./clock-boundaries";
import { hitCounterConformance } from "./hit-counter";
import { idempotencyConformance } from "./idempotency";
import { instanceConformance } from "./instances";
import { lifecycleConformance } from "./lifecycle";
import { reservationConformance } from "./reservations";
import { restaurantDataConformance } from "./restaurant-data";
import { statusLogConformance } from "./status-log";
import type { OpenStorage, OpenTwins } from "./support";
import { sweepConformance } from "./sweeps";

export type { OpenStorage, OpenTwins };

/**
 * Registers the suite for one backend. `twins`, where the backend can share a database between
 * two storages (a file, a server), opens two on one fresh database for the cross-instance cases.
 */
export function storageConformance(name: string, open: OpenStorage, options: { twins?: OpenTwins } = {}): void {
  describe(`${name} storage conformance`, () => {
    reservationConformance(open);
    capacityConformance(open);
    statusLogConformance(open);
    idempotencyConformance(open);
    sweepConformance(open);
    clockBoundaryConformance(open);
    claimConformance(open);
    restaurantDataConformance(open);
    hitCounterConformance(open);
    accountConformance(open);
    lifecycleConformance(open);
    if (options.twins) instanceConformance(options.twins);
  });
}
