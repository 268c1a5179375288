import type { Channel, NotificationSender, OutgoingMessage } from "../../src/notifications/sender";

/** A sender that keeps what it was asked to send, and fails while `failing` is set. */
export function recordingSenders() {
  const sent: OutgoingMessage[] = [];
  const state = { failing: false };
  const sender = (channel: Channel): NotificationSender => ({
    channel,
    name: "recording",
    async send(message) {
      if (state.failing) throw new Error("provider unavailable");
      sent.push(message);
    },
  });
  return { sent, state, senders: { email: sender("email"), sms: sender("sms"), voice: sender("voice") } };
}
