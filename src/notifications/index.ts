import type { Logger } from "../lib/logger";
import type { Settings } from "../settings";
import { consoleSender } from "./console-sender";
import { httpSender } from "./providers/http-sender";
import { smtpSender } from "./providers/smtp-sender";
import { twilioSender } from "./providers/twilio-sender";
import { webhookSender } from "./providers/webhook-sender";
import { type Channel, channels, type NotificationSender, type WebhookSender } from "./sender";

export type Senders = Partial<Record<Channel, NotificationSender>> & { webhooks?: Record<string, WebhookSender> };

/** One sender per channel and one per webhook subscriber, as the settings choose; `none` sends nothing. */
export function createSenders(settings: Settings, logger: Logger): Senders {
  const senders: Senders = { webhooks: {} };
  for (const channel of channels) {
    const sender = channelSender(settings, channel, logger);
    if (sender) senders[channel] = sender;
  }
  for (const { name } of settings.notifications.webhooks) {
    const config = settings.providers[name];
    if (config?.kind === "webhook") senders.webhooks![name] = webhookSender(name, config);
  }
  return senders;
}

function channelSender(settings: Settings, channel: Channel, logger: Logger): NotificationSender | null {
  const name = settings.notifications.providers[channel];
  if (name === "none") return null;
  const config = name === "console" ? { kind: "console" as const } : settings.providers[name];
  switch (config?.kind) {
    case "console":
      return consoleSender(channel, logger);
    case "smtp":
      return channel === "email" ? smtpSender(name, config) : null;
    case "twilio":
      return channel === "email" ? null : twilioSender(name, channel, config);
    case "http":
      return httpSender(name, channel, config);
    default:
      return null;
  }
}
