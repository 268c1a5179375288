import type { ProviderConfig } from "../../config-file";
import type { Channel, NotificationSender } from "../sender";
import { callOut } from "./call-out";
import { escapeXml } from "./templates";

type TwilioConfig = Extract<ProviderConfig, { kind: "twilio" }>;

/**
 * SMS and voice through Twilio's public REST shape: `POST {baseUrl}/2010-04-01/Accounts/{sid}/
 * Messages.json` (or `Calls.json`, saying the text with TwiML), form encoded, basic auth. The
 * base URL is a setting, so any compatible API serves too.
 */
export function twilioSender(name: string, channel: Exclude<Channel, "email">, config: TwilioConfig): NotificationSender {
  const resource = channel === "sms" ? "Messages" : "Calls";
  const url = `${config.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/${resource}.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return {
    channel,
    name,
    async send(message) {
      const form = new URLSearchParams({ To: message.to, From: config.from });
      if (channel === "sms") form.set("Body", message.text);
      else form.set("Twiml", `<Response><Say>${escapeXml(message.text)}</Say></Response>`);
      await callOut(name, url, {
        method: "POST",
        headers: { authorization, "content-type": "application/x-www-form-urlencoded", "idempotency-key": message.idempotencyKey, "i-twilio-idempotency-token": message.idempotencyKey },
        body: form.toString(),
        timeoutMs: config.timeoutSeconds * 1000,
      });
    },
  };
}
