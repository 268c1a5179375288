import type { HttpProviderConfig } from "../../config-file";
import type { Channel, NotificationSender } from "../sender";
import { callOut } from "./call-out";
import { renderHeaders, renderJson, renderUrl } from "./templates";
import { messageView } from "./view";

/** Any JSON HTTP API, described in the settings file: method, URL, headers and body, each with placeholders. */
export function httpSender(name: string, channel: Channel, config: HttpProviderConfig): NotificationSender {
  return {
    channel,
    name,
    async send(message) {
      const view = messageView(message);
      const hasBody = config.body !== undefined && config.method !== "GET";
      await callOut(name, renderUrl(config.url, view), {
        method: config.method,
        headers: {
          ...(hasBody ? { "content-type": "application/json" } : {}),
          "idempotency-key": message.idempotencyKey,
          ...renderHeaders(config.headers, view),
        },
        body: hasBody ? JSON.stringify(renderJson(config.body, view)) : undefined,
        timeoutMs: config.timeoutSeconds * 1000,
      });
    },
  };
}
