import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../lib/problem";

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json$/i;
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/** Requests that carry a body must send JSON. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (WITH_BODY.has(c.req.method)) {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim();
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ApiError("unsupported_media_type", "Send the body as application/json.", { headers: { "Accept-Patch": "application/json" } });
    }
  }
  await next();
};

export function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError("payload_too_large", `The body must be at most ${maxSize} bytes.`);
    },
  });
}
