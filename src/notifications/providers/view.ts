import { formatLocal } from "../../domain/local-time";
import { localTime } from "../messages";
import type { OutgoingMessage } from "../sender";
import type { TemplateView } from "./templates";

/**
 * What `{{…}}` can name in an outgoing message: `to`, `subject`, `text`, `idempotencyKey`,
 * `reservation.*` (with `date` and `localTime` in the restaurant's zone) and `restaurant.*`.
 */
export function messageView(message: OutgoingMessage): TemplateView {
  const { reservation, restaurant } = message.snapshot;
  return {
    to: message.to,
    subject: message.subject,
    text: message.text,
    idempotencyKey: message.idempotencyKey,
    channel: message.channel,
    kind: message.kind,
    reservation: {
      ...reservation,
      date: formatLocal(reservation.startsAt, restaurant.timeZone),
      localTime: localTime(reservation.startsAt, restaurant.timeZone),
    },
    restaurant,
  };
}
