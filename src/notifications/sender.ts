import type { MessageSnapshot } from "./snapshot";

export const channels = ["email", "sms", "voice"] as const;
export type Channel = (typeof channels)[number];

export interface OutgoingMessage {
  channel: Channel;
  /** An email address or a phone number in E.164. */
  to: string;
  subject: string;
  text: string;
  reservationId: string;
  kind: string;
  /** Stable per message and channel: a provider that honours it never delivers the same message twice. */
  idempotencyKey: string;
  /** The reservation and restaurant as they were when the event happened, for `{{reservation.*}}` and `{{restaurant.*}}`. */
  snapshot: MessageSnapshot;
}

/**
 * Delivers messages on one channel. Implementations throw when delivery failed: a
 * `DeliveryError` says whether a retry can help and how long the provider asked us to wait; any
 * other error (a network error, a timeout) is retried. Delivery is at least once: a process
 * killed between a send and its mark sends again, with the same `idempotencyKey`.
 */
export interface NotificationSender {
  readonly channel: Channel;
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/** A reservation event for an integrator's system, as the Standard Webhooks spec recommends. */
export interface WebhookEvent {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Delivers events to one webhook subscriber; fails as a `NotificationSender` does. */
export interface WebhookSender {
  readonly name: string;
  send(event: WebhookEvent, idempotencyKey: string): Promise<void>;
}

/** A failed delivery: `permanent` when a retry cannot help (a 4xx other than 429). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** What the provider's Retry-After asked for. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}
