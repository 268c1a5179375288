import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";
import { ApiError } from "../lib/problem";

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json$/i;
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/**
 * Requests that carry a body must send JSON. Only a request some operation will handle is
 * checked: the wrong method or path is the first thing wrong, so it gets its 405 or 404.
 */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (WITH_BODY.has(c.req.method) && matchedRoutes(c).some((route) => route.method !== "ALL")) {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim();
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ApiError("unsupported_media_type", "Send the body as application/json.");
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
