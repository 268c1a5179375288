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
  /** Stable per message: a provider that honours it never delivers the same message twice. */
  idempotencyKey: string;
}

/**
 * Delivers messages on one channel. Implementations throw when delivery failed and may be
 * retried; the outbox retries with backoff and gives up after the configured attempts.
 */
export interface NotificationSender {
  readonly channel: Channel;
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}
