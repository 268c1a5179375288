import { createTransport } from "nodemailer";
import type { ProviderConfig } from "../../config-file";
import { DeliveryError, type NotificationSender } from "../sender";

type SmtpConfig = Extract<ProviderConfig, { kind: "smtp" }>;

/**
 * Email through nodemailer, which takes the `smtp://` URL as it is. The Message-ID is derived
 * from the idempotency key, so a resend after a crash is recognisably the same message. A 5xx
 * SMTP reply to the message (a rejected recipient) is permanent; everything else is retried.
 */
export function smtpSender(name: string, config: SmtpConfig): NotificationSender {
  const timeoutMs = config.timeoutSeconds * 1000;
  const transport = createTransport({ url: config.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  const domain = config.from.match(/@([^>\s]+)/)?.[1] ?? "tablekeeper.invalid";
  return {
    channel: "email",
    name,
    async send(message) {
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId: `<${message.idempotencyKey}@${domain}>`,
          headers: { "Idempotency-Key": message.idempotencyKey },
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const permanent = code !== undefined && code >= 500 && code < 600;
        throw new DeliveryError(`${name}: ${code ? `SMTP ${code}` : "SMTP error"}: ${(error as Error).message}`, permanent);
      }
    },
  };
}
