import type { Logger } from "../lib/logger";
import type { Settings } from "../settings";
import { consoleSender } from "./console-sender";
import { type Channel, channels, type NotificationSender } from "./sender";

export type Senders = Partial<Record<Channel, NotificationSender>>;

/** One sender per channel, as the settings choose; a channel set to `none` sends nothing. */
export function createSenders(settings: Settings, logger: Logger): Senders {
  const senders: Senders = {};
  for (const channel of channels) {
    const provider = settings.notifications.providers[channel];
    if (provider === "console") senders[channel] = consoleSender(channel, logger);
  }
  return senders;
}
