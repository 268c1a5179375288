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

const descriptions: Record<number, string> = {
  400: "Malformed JSON",
  401: "Missing or invalid API key",
  404: "No such resource",
  405: "Method not allowed on this path",
  409: "Conflicts with the current state",
  412: "The If-Match ETag is stale",
  413: "Body larger than the limit",
  415: "Body is not application/json",
  422: "A field breaks a rule",
  429: "Rate limit exceeded",
  500: "Unexpected error",
};

/** Documented problem responses, spread into a route's `responses`. */
export function problemResponses<const S extends keyof typeof descriptions>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status]!, content: { "application/problem+json": { schema: ProblemSchema } } },
    ]),
  ) as Record<S, { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }>;
}

/** A rule checked by a function, with the name it reports in a validation problem. */
export const rule = (name: string, error: string) => ({ error, params: { rule: name } });

/** Either form of the API key. */
export const apiSecurity: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKeyHeader: [] }];

/** The errors any authenticated API operation can return. */
export const commonProblems = [401, 429, 500] as const;
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
