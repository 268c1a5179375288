import { z } from "@hono/zod-openapi";
import { type ProblemCode, problemCodes } from "./problem";

export const FieldErrorSchema = z
  .object({
    field: z.string().openapi({ example: "guestCount" }),
    rule: z.string().openapi({ example: "too_big" }),
    message: z.string().openapi({ example: "must be at most 8 at this restaurant" }),
  })
  .openapi("FieldError");

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "/problems/validation-failed" }),
    title: z.string().openapi({ example: "Validation Failed" }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string().openapi({ example: "The request has invalid fields: guestCount." }),
    code: z.enum(Object.keys(problemCodes) as [ProblemCode, ...ProblemCode[]]),
    requestId: z.string().optional().openapi({ example: "3f1c2a7e-6c1b-4a53-9f0e-1c2d3e4f5a6b" }),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .catchall(z.unknown())
  .openapi("Problem", { description: "An RFC 9457 problem. Validation problems list each failing field." });

const text = (description: string, required = true) => ({ description, required, schema: { type: "string" as const } });

/** Every problem response, registered once under `components.responses` and referenced by the routes. */
export const problemResponseComponents = {
  400: { name: "MalformedJson", description: "The body is not valid JSON" },
  401: {
    name: "Unauthorized",
    description: "Missing or invalid API key",
    headers: { "WWW-Authenticate": text("`Bearer realm=\"tablekeeper\"`") },
  },
  403: { name: "Forbidden", description: "The API key lacks the scope this operation needs (the problem's `requiredScope` names it)" },
  404: { name: "NotFound", description: "No such resource, or one outside the API key's venues" },
  409: {
    name: "Conflict",
    description: "Conflicts with the current state",
    headers: { "Retry-After": text("Seconds to wait, when a request with the same Idempotency-Key is still running.", false) },
  },
  412: { name: "PreconditionFailed", description: "The If-Match ETag is stale" },
  413: { name: "PayloadTooLarge", description: "Body larger than the limit" },
  415: { name: "UnsupportedMediaType", description: "Body is not uncompressed application/json" },
  422: { name: "ValidationFailed", description: "A field breaks a rule" },
  429: {
    name: "TooManyRequests",
    description: "Rate limit exceeded; nothing was changed",
    headers: {
      "Retry-After": text("Whole seconds until the window resets."),
      "RateLimit-Policy": text("The limit and its window, e.g. `1;w=60` (IETF draft-7)."),
      RateLimit: text("`limit=1, remaining=0, reset=60` (IETF draft-7)."),
    },
  },
  500: { name: "InternalError", description: "Unexpected error; the body has the request id" },
  503: {
    name: "ServiceUnavailable",
    description:
      "A store the request needs cannot be reached right now: the database, or the rate limiter's store (Redis), which refuses rather than let a request through uncounted. Retry after Retry-After",
    headers: { "Retry-After": text("Whole seconds to wait before trying again.") },
  },
} as const;

type ProblemStatus = keyof typeof problemResponseComponents;

/** Documented problem responses, spread into a route's `responses`. */
export function problemResponses<const S extends ProblemStatus>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, { $ref: `#/components/responses/${problemResponseComponents[status].name}` }]),
  ) as Record<S, { $ref: string }>;
}

/** A rule checked by a function, with the name it reports in a validation problem. */
export const rule = (name: string, error: string) => ({ error, params: { rule: name } });

/** Either form of the API key. */
export const apiSecurity: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKeyHeader: [] }];

/** The errors any authenticated API operation can return. */
export const commonProblems = [401, 429, 500, 503] as const;
/** Plus what a JSON body can fail with. */
export const bodyProblems = [400, 413, 415, 422] as const;

export function jsonBody<T extends z.ZodType>(schema: T, description: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

export const PageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .optional()
    .openapi({ description: "Page size: 20 by default, at most 100 (the PAGE_SIZE_MAX setting).", example: 20 }),
  cursor: z.string().optional().openapi({ description: "The `nextCursor` of the previous page." }),
});

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last." }),
    })
    .openapi(name);
}

/**
 * The OpenAPI of a string that is trimmed before its length is checked. JSON Schema's
 * `maxLength` counts the spaces a client may send around it, so it would refuse what the server
 * accepts; instead a pattern over the untrimmed string bounds what is inside the spaces, and
 * `openApiDocument` drops the lengths zod emits for it.
 */
export function trimmedLength(min: 0 | 1, max: number, also?: RegExp) {
  const core = `\\S(?:[\\s\\S]{0,${max - 2}}\\S)?`;
  const bounded = `\\s*${min === 0 ? `(?:${core})?` : core}\\s*$`;
  // A second rule on the same text joins as a lookahead: one pattern, both rules.
  const pattern = also ? `^(?=${bounded})${also.source.replace(/^\^/, "")}` : `^${bounded}`;
  return { pattern, "x-trimmed-length": { min, max } };
}

/** Drops `minLength`/`maxLength` where `x-trimmed-length` says the lengths are of the trimmed text. */
export function trimmedLengthsOnly<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(trimmedLengthsOnly);
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if ("x-trimmed-length" in record) {
      delete record.maxLength;
      delete record.minLength;
    }
    Object.values(record).forEach(trimmedLengthsOnly);
  }
  return node;
}
