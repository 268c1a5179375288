import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import type { ClaimedNotification, JobStore } from "../db/job-store";
import type { Repository, ReservationRow } from "../db/repository";
import type { Restaurant } from "../domain/restaurant";
import type { Logger } from "../lib/logger";
import type { Senders } from "../notifications";
import { renderMessage } from "../notifications/messages";
import type { Channel, OutgoingMessage } from "../notifications/sender";
import type { Settings } from "../settings";

export interface DeliveryDeps {
  jobs: JobStore;
  repo: Repository;
  senders: Senders;
  settings: Settings;
  now: () => number;
  logger: Logger;
}

/** The channels a guest agreed to, each with its address, where a sender is configured. */
function recipients(row: ReservationRow, senders: Senders, region: CountryCode): Array<[Channel, string]> {
  const phone = parsePhoneNumberFromString(row.phone, region)?.number;
  const wanted: Array<[Channel, string | null | undefined, boolean]> = [
    ["email", row.email, row.receiveEmailUpdates],
    ["sms", phone, row.receiveTextNotification],
    ["voice", phone, row.receivePhoneCall],
  ];
  return wanted.filter(([channel, to, agreed]) => agreed && to && senders[channel]).map(([channel, to]) => [channel, to!]);
}

/** Sends what is due. Each message is marked sent, or retried with exponential backoff until it is dead. */
export async function deliverNotifications(deps: DeliveryDeps): Promise<{ sent: number; failed: number }> {
  const { jobs, repo, senders, settings, now, logger } = deps;
  const { batchSize, leaseMs, maxAttempts, retryBaseMs } = settings.notifications;
  const claimed = await jobs.claimNotifications(now(), batchSize, leaseMs);
  const restaurants = new Map<string, Restaurant | null>();
  let sent = 0;
  let failed = 0;
  for (const notification of claimed) {
    try {
      const row = await repo.getReservation(notification.reservationId);
      if (!row) throw new Error("reservation not found");
      if (!restaurants.has(row.restaurantId)) restaurants.set(row.restaurantId, await repo.getRestaurant(row.restaurantId));
      const messages = compose(notification, row, restaurants.get(row.restaurantId)!, senders, settings.phoneRegion as CountryCode);
      for (const message of messages) await senders[message.channel]!.send(message);
      await jobs.finishNotification(notification.id, now(), messages.length > 0 ? "sent" : "skipped");
      sent += messages.length > 0 ? 1 : 0;
    } catch (error) {
      failed += 1;
      const retryAt = notification.attempts >= maxAttempts ? null : now() + retryBaseMs * 2 ** (notification.attempts - 1);
      await jobs.failNotification(notification.id, now(), String(error), retryAt);
      logger.warn("notification failed", { id: notification.id, attempts: notification.attempts, willRetry: retryAt !== null, error: String(error) });
    }
  }
  return { sent, failed };
}

function compose(notification: ClaimedNotification, row: ReservationRow, restaurant: Restaurant, senders: Senders, region: CountryCode): OutgoingMessage[] {
  const content = renderMessage(notification.kind, notification.payload, row, restaurant);
  return recipients(row, senders, region).map(([channel, to]) => ({
    channel,
    to,
    ...content,
    reservationId: row.id,
    kind: notification.kind,
    idempotencyKey: `${notification.dedupeKey}:${channel}`,
  }));
}
