import type { AccountStore } from "../db/account-store";
import type { HitCounter } from "../db/hit-counter";
import type { IdempotencyStore } from "../db/idempotency-store";
import { applyClockChanges, queueDueReminders } from "./clock-changes";
import { deliverNotifications, type DeliveryDeps } from "./deliver";
import { type RestaurantDataDeps, refreshRestaurantData } from "./restaurant-data";

export interface SweepDeps extends DeliveryDeps, RestaurantDataDeps {
  hitCounter: HitCounter;
  idempotency: IdempotencyStore;
  accounts: AccountStore;
}

/**
 * One run of the scheduler (our Celery beat): write down what the clock changed, queue due
 * reminders, send what is waiting, refresh restaurant data that is due, and forget ended rate-limit windows, expired idempotency keys and sessions, and old notifications. Safe to run twice at once.
 * `deliver: false` leaves the sending to delivery jobs that other workers take (src/jobs/queue.ts).
 */
export async function runSweep(deps: SweepDeps, options: { deliver?: boolean } = {}) {
  const { jobs, settings, now } = deps;
  const clock = now();
  const transitions = await applyClockChanges(jobs, settings, clock);
  const reminders = await queueDueReminders(jobs, settings, clock);
  const delivery = options.deliver === false ? { sent: 0, failed: 0 } : await deliverNotifications(deps);
  const restaurantData = await refreshRestaurantData(deps);
  await deps.hitCounter.prune(clock);
  await deps.idempotency.prune(clock);
  await deps.accounts.pruneSessions(clock);
  await jobs.pruneOutbox(clock - settings.notifications.retentionMs);
  return { ...transitions, reminders, ...delivery, restaurantsRefreshed: restaurantData.refreshed, restaurantDataFailed: restaurantData.failed };
}
