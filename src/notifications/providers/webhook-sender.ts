import { Webhook } from "standardwebhooks";
import type { ProviderConfig } from "../../config-file";
import type { WebhookSender } from "../sender";
import { callOut } from "./call-out";

type WebhookConfig = Extract<ProviderConfig, { kind: "webhook" }>;

/**
 * Reservation events to an integrator, signed as Standard Webhooks: `webhook-id` is the
 * outbox entry's idempotency key (the same on every retry, so a receiver drops duplicates),
 * `webhook-timestamp` the time of this attempt, `webhook-signature` from the standardwebhooks
 * package over id, timestamp and body.
 */
export function webhookSender(name: string, config: WebhookConfig): WebhookSender {
  const signer = new Webhook(config.secret);
  return {
    name,
    async send(event, idempotencyKey) {
      const body = JSON.stringify(event);
      const sentAt = new Date();
      await callOut(name, config.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": idempotencyKey,
          "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
          "webhook-signature": signer.sign(idempotencyKey, sentAt, body),
          "idempotency-key": idempotencyKey,
        },
        body,
        timeoutMs: config.timeoutSeconds * 1000,
      });
    },
  };
}
