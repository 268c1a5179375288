import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import type { ClaimedNotification, JobStore } from "../db/job-store";
import type { Repository, ReservationRow } from "../db/repository";
import { effectiveStatus } from "../domain/reservation-status";
import type { Logger } from "../lib/logger";
import { redact } from "../lib/redact";
import type { Senders } from "../notifications";
import { renderMessage } from "../notifications/messages";
import { type Channel, DeliveryError } from "../notifications/sender";
import { type MessageSnapshot, messageSnapshot, type NotificationPayload } from "../notifications/snapshot";
import { webhookEvent } from "../notifications/webhook-event";
import type { Settings } from "../settings";
import { retryDelay } from "./backoff";

export interface DeliveryDeps {
  jobs: JobStore;
  repo: Repository;
  senders: Senders;
  settings: Settings;
  now: () => number;
  logger: Logger;
  /** The jitter's randomness, [0, 1). */
  random?: () => number;
}

type Outcome = "sent" | "skipped";

/** The guest's address on a channel, if they agree to hear on it now: consent is read at send time. */
function recipient(row: ReservationRow, channel: Channel, region: CountryCode): string | null {
  if (channel === "email") return row.receiveEmailUpdates ? row.email : null;
  const agreed = channel === "sms" ? row.receiveTextNotification : row.receivePhoneCall;
  return agreed ? (parsePhoneNumberFromString(row.phone, region)?.number ?? null) : null;
}

/**
 * Sends what is due, each entry on its own channel. Each is marked sent or skipped, or retried
 * with exponential backoff and jitter (or after the provider's Retry-After) until it is dead; a
 * permanent failure is dead at once.
 */
export async function deliverNotifications(deps: DeliveryDeps): Promise<{ sent: number; failed: number }> {
  const { jobs, settings, now, logger, random = Math.random } = deps;
  const { batchSize, leaseMs, maxAttempts, retryBaseMs } = settings.notifications;
  const claimed = await jobs.claimNotifications(now(), batchSize, leaseMs);
  let sent = 0;
  let failed = 0;
  for (const notification of claimed) {
    try {
      const outcome = await deliverOne(deps, notification);
      await jobs.finishNotification(notification.id, now(), outcome);
      if (outcome === "sent") sent += 1;
    } catch (error) {
      failed += 1;
      const failure = error instanceof DeliveryError ? error : null;
      const last = failure?.permanent || notification.attempts >= maxAttempts;
      const delay = retryDelay(notification.attempts, { baseMs: retryBaseMs, random, retryAfterMs: failure?.retryAfterMs });
      const retryAt = last ? null : now() + delay;
      const message = redact(error instanceof Error ? error.message : String(error), settings.secrets);
      await jobs.failNotification(notification.id, now(), message, retryAt);
      logger.warn("notification failed", {
        id: notification.id,
        channel: notification.channel,
        subscriber: notification.subscriber,
        attempts: notification.attempts,
        willRetry: retryAt !== null,
        error: message,
      });
    }
  }
  return { sent, failed };
}

async function deliverOne(deps: DeliveryDeps, notification: ClaimedNotification): Promise<Outcome> {
  const { repo, senders, settings, now } = deps;
  const row = await repo.getReservation(notification.reservationId);
  if (!row) return "skipped";
  const payload = await withSnapshot(repo, notification.payload as NotificationPayload, row);
  if (notification.kind === "reminder" && !stillUpcomingAsQueued(row, payload, now(), settings)) return "skipped";
  const idempotencyKey = notification.dedupeKey;

  if (notification.channel === "webhook") {
    const sender = notification.subscriber ? senders.webhooks?.[notification.subscriber] : undefined;
    if (!sender) return "skipped";
    await sender.send(webhookEvent(notification.kind, payload, notification.createdAt), idempotencyKey);
    return "sent";
  }
  const channel = notification.channel as Channel;
  const sender = senders[channel];
  const to = recipient(row, channel, settings.phoneRegion as CountryCode);
  if (!sender || !to) return "skipped";
  const content = renderMessage(notification.kind, payload);
  await sender.send({ channel, to, ...content, reservationId: row.id, kind: notification.kind, idempotencyKey, snapshot: payload });
  return "sent";
}

/** Entries queued before snapshots were stored (migration 0003) are rendered from the current reservation. */
async function withSnapshot(repo: Repository, payload: NotificationPayload, row: ReservationRow): Promise<NotificationPayload & MessageSnapshot> {
  if (payload.reservation && payload.restaurant) return payload as NotificationPayload & MessageSnapshot;
  const restaurant = await repo.getRestaurant(row.restaurantId);
  if (!restaurant) throw new Error(`restaurant ${row.restaurantId} not found`);
  return { ...payload, ...messageSnapshot(row, restaurant) };
}

/** A reminder is for a reservation still upcoming, at the time it was queued for. */
function stillUpcomingAsQueued(row: ReservationRow, payload: MessageSnapshot, now: number, settings: Settings): boolean {
  const live = effectiveStatus(row.status, row.startsAt, now, settings.statusRules);
  return live.status === 0 && row.startsAt === payload.reservation.startsAt;
}
