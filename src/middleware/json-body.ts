import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";
import { ApiError } from "../lib/problem";

const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

// RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] ).
// Read one piece at a time with sticky expressions: one regex over the whole list backtracks
// exponentially on a long run of "; ;" that fails at its end.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const ESSENCE = new RegExp(`(${TOKEN})/(${TOKEN})`, "y");
const SEPARATOR = /[ \t]*(?:;[ \t]*|$)/y;
const PARAMETER = new RegExp(`(${TOKEN})=(?:(${TOKEN})|"((?:[^"\\\\]|\\\\.)*)")`, "y");

/**
 * The one rule for a JSON body: `application/json` or `application/<anything>+json`, any case,
 * with well-formed parameters of which `charset`, if sent, says UTF-8 (RFC 8259 §8.1: JSON
 * between systems is UTF-8, and it is what the body is decoded as).
 */
export function isJsonMediaType(contentType: string): boolean {
  const essence = read(ESSENCE, contentType, 0);
  if (!essence || essence[1]!.toLowerCase() !== "application" || !/^(.+\+)?json$/i.test(essence[2]!)) return false;
  let at = ESSENCE.lastIndex;
  while (at < contentType.length) {
    const separator = read(SEPARATOR, contentType, at);
    if (!separator) return false;
    at = SEPARATOR.lastIndex;
    if (at === contentType.length || contentType[at] === ";") continue;
    const parameter = read(PARAMETER, contentType, at);
    if (!parameter) return false;
    at = PARAMETER.lastIndex;
    const [, name, token, quoted] = parameter;
    if (name!.toLowerCase() === "charset" && (token ?? quoted!.replace(/\\(.)/g, "$1")).toLowerCase() !== "utf-8") return false;
  }
  return true;
}

function read(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
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
