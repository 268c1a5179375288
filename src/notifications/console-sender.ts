import type { Logger } from "../lib/logger";
import type { Channel, NotificationSender } from "./sender";

/** Writes each message to the log instead of sending it, with the recipient masked. */
export function consoleSender(channel: Channel, logger: Logger): NotificationSender {
  return {
    channel,
    name: "console",
    async send(message) {
      logger.info("notification", {
        channel,
        to: mask(message.to),
        reservationId: message.reservationId,
        kind: message.kind,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}

const mask = (recipient: string) => `…${recipient.slice(-4)}`;
