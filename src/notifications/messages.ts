import { zoned } from "../domain/local-time";
import type { MessageSnapshot, NotificationPayload } from "./snapshot";

export interface MessageContent {
  subject: string;
  text: string;
}

/** Lower case: each follows "Hi Ada, ". */
const STATE_SENTENCES: Record<string, string> = {
  guest_here: "you're checked in. Enjoy your meal!",
  guest_left: "thanks for dining with us. We hope to see you again soon.",
  missed: "we missed you today. Your reservation has been released.",
  cancelled: "your reservation has been cancelled.",
  upcoming: "your reservation is confirmed.",
};

/**
 * A time as a guest reads it, in the restaurant's zone and naming it, so that nobody has to
 * guess whose 7 pm it is: "Friday, December 18, 7:00 PM PST (America/Los_Angeles)".
 */
export function localTime(epochMs: number, timeZone: string): string {
  const when = zoned(epochMs, timeZone).toLocaleString("en-US", {
    weekday: "long",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return `${when.replace(" at ", ", ")} (${timeZone})`;
}

/** What a guest reads, from what the event stored: the restaurant, the local time, the party, and what happened. */
export function renderMessage(kind: string, payload: NotificationPayload & MessageSnapshot): MessageContent {
  const { reservation, restaurant } = payload;
  const describe = (startsAt: number, guestCount: number) =>
    `${restaurant.name}, ${localTime(startsAt, restaurant.timeZone)}, party of ${guestCount}`;
  const booking = describe(reservation.startsAt, reservation.guestCount);
  const hi = `Hi ${reservation.firstName},`;
  switch (kind) {
    case "reservation_created": {
      const link = payload.link ? ` See or change it: ${payload.link}` : "";
      return { subject: `Booked: ${restaurant.name}`, text: `${hi} your table is booked: ${booking}.${link}` };
    }
    case "reservation_changed": {
      const was = payload.previous ? ` (was: ${localTime(payload.previous.startsAt, restaurant.timeZone)}, party of ${payload.previous.guestCount})` : "";
      return { subject: `Changed: ${restaurant.name}`, text: `${hi} your reservation now reads: ${booking}.${was}` };
    }
    case "reminder":
      return { subject: `Reminder: ${restaurant.name}`, text: `${hi} a reminder of your reservation: ${booking}.` };
    default: {
      const sentence = STATE_SENTENCES[String(payload.to)] ?? "your reservation was updated.";
      return { subject: `Update: ${restaurant.name}`, text: `${hi} ${sentence} (${booking})` };
    }
  }
}
