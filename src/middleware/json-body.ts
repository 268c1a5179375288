import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";
import { ApiError } from "../lib/problem";

const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

// RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] ).
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAMETER = `(${TOKEN})=(${TOKEN}|"(?:[^"\\\\]|\\\\.)*")`;
const MEDIA_TYPE = new RegExp(`^(${TOKEN})/(${TOKEN})((?:[ \\t]*;[ \\t]*(?:${PARAMETER})?)*)[ \\t]*$`);
const PARAMETERS = new RegExp(PARAMETER, "g");

/**
 * The one rule for a JSON body: `application/json` or `application/<anything>+json`, any case,
 * with well-formed parameters of which `charset`, if sent, says UTF-8 (RFC 8259 §8.1: JSON
 * between systems is UTF-8, and it is what the body is decoded as).
 */
export function isJsonMediaType(contentType: string): boolean {
  const match = MEDIA_TYPE.exec(contentType);
  if (!match) return false;
  const [, type, subtype, parameters] = match as unknown as [string, string, string, string];
  if (type.toLowerCase() !== "application" || !/^(.+\+)?json$/i.test(subtype)) return false;
  for (const [, name, value] of parameters.matchAll(PARAMETERS)) {
    if (name!.toLowerCase() === "charset" && value!.replace(/^"|"$/g, "").toLowerCase() !== "utf-8") return false;
  }
  return true;
}

/** The codings of a `Content-Encoding` other than `identity`, which is no coding at all. */
function contentCodings(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
}

/**
 * Requests that carry a body must send uncompressed JSON. Only a request some operation will
 * handle is checked: the wrong method or path is the first thing wrong, so it gets its 405 or 404.
 *
 * This rule decides alone: a body it accepts reaches the operation's validator with its type
 * rewritten to plain `application/json`, so that @hono/zod-openapi's own media-type gate and
 * Hono's JSON validator (each with a regex of its own, stricter about spaces and suffixes) never
 * refuse what this accepts, and a refusal always reads the same.
 */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (WITH_BODY.has(c.req.method) && matchedRoutes(c).some((route) => route.method !== "ALL")) {
    if (!isJsonMediaType(c.req.header("content-type") ?? "")) {
      throw new ApiError("unsupported_media_type", "Send the body as application/json.");
    }
    const codings = contentCodings(c.req.header("content-encoding"));
    if (codings.length > 0 && c.req.raw.body !== null) {
      // RFC 9110 §15.5.16: say which codings would have been accepted.
      throw new ApiError("unsupported_media_type", `Content-Encoding ${codings.join(", ")} is not supported; send the body uncompressed.`, {
        headers: { "Accept-Encoding": "identity" },
      });
    }
    // In place rather than a new Request, which Bun's server would no longer know the client of.
    c.req.raw.headers.set("content-type", "application/json");
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
