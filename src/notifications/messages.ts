import type { ReservationRow } from "../db/repository";
import { zoned } from "../domain/local-time";
import type { Restaurant } from "../domain/restaurant";

export interface MessageContent {
  subject: string;
  text: string;
}

const STATE_SENTENCES: Record<string, string> = {
  guest_here: "You're checked in. Enjoy your meal!",
  guest_left: "Thanks for dining with us. We hope to see you again soon.",
  missed: "We missed you today. Your reservation has been released.",
  cancelled: "Your reservation has been cancelled.",
  upcoming: "Your reservation is confirmed.",
};

/** What a guest reads: the restaurant, the local time, the party, and what happened. */
export function renderMessage(kind: string, payload: Record<string, unknown>, row: ReservationRow, restaurant: Restaurant): MessageContent {
  const when = zoned(row.startsAt, restaurant.timeZone).toLocaleString("en-US", {
    weekday: "long",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  const booking = `${restaurant.name}, ${when}, party of ${row.guestCount}`;
  switch (kind) {
    case "reservation_created": {
      // The private link is made with the booking and kept only in its confirmation.
      const link = typeof payload.link === "string" ? ` See or change it: ${payload.link}` : "";
      return { subject: `Booked: ${restaurant.name}`, text: `Hi ${row.firstName}, your table is booked: ${booking}.${link}` };
    }
    case "reservation_changed":
      return { subject: `Changed: ${restaurant.name}`, text: `Hi ${row.firstName}, your reservation now reads: ${booking}.` };
    case "reminder":
      return { subject: `Reminder: ${restaurant.name}`, text: `Hi ${row.firstName}, a reminder of your reservation: ${booking}.` };
    default: {
      const sentence = STATE_SENTENCES[String(payload.to)] ?? "Your reservation was updated.";
      return { subject: `Update: ${restaurant.name}`, text: `Hi ${row.firstName}, ${sentence} (${booking})` };
    }
  }
}
