import type { OutboxMessage } from "../db/repository";
import type { Settings } from "../settings";
import { channels } from "./sender";
import type { NotificationPayload } from "./snapshot";

/** Where one outbox entry goes: a guest channel, or one webhook subscriber. */
export interface OutboxTarget {
  channel: (typeof channels)[number] | "webhook";
  subscriber: string | null;
  /** Appended to the event's dedupe key: unique per target. */
  key: string;
}

export type NotificationKind = "reservation_created" | "reservation_changed" | "status_changed" | "reminder";

/** The Standard Webhooks event type of each kind of notification. */
export const eventTypes = {
  reservation_created: "reservation.created",
  reservation_changed: "reservation.changed",
  status_changed: "reservation.status_changed",
  reminder: "reservation.reminder",
} as const satisfies Record<NotificationKind, string>;

export const webhookEventTypes = Object.values(eventTypes);

/**
 * One entry per guest channel that has a sender (consent and addresses are checked at send
 * time, so that a guest who opts out later gets nothing), and per webhook subscriber that asked
 * for this kind of event.
 */
export function outboxTargets(settings: Settings, kind: NotificationKind): OutboxTarget[] {
  const guest = channels
    .filter((channel) => settings.notifications.providers[channel] !== "none")
    .map((channel): OutboxTarget => ({ channel, subscriber: null, key: channel }));
  const hooks = settings.notifications.webhooks
    .filter((hook) => hook.events.includes(eventTypes[kind]))
    .map((hook): OutboxTarget => ({ channel: "webhook", subscriber: hook.name, key: `webhook:${hook.name}` }));
  return [...guest, ...hooks];
}

/** The outbox entries of one event, for a write plan's `notifications`. */
export function outboxEntries(
  settings: Settings,
  event: { dedupeKey: string; reservationId: string; kind: NotificationKind; payload: NotificationPayload },
): OutboxMessage[] {
  return outboxTargets(settings, event.kind).map((target) => ({
    dedupeKey: `${event.dedupeKey}:${target.key}`,
    reservationId: event.reservationId,
    kind: event.kind,
    channel: target.channel,
    subscriber: target.subscriber,
    payload: event.payload as Record<string, unknown>,
  }));
}
