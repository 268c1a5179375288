import { type Hook, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError, type FieldError, fieldErrors } from "./problem";
import type { AppEnv } from "./types";

/** A sub-app whose request validation fails the same way everywhere: a 422 naming each field. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ strict: true, defaultHook: validationHook() });
}

/**
 * Path, query and header fields are named as they are, body fields by their path in the body.
 * `more` adds the errors of rules that need more than the schema (the restaurant, the region).
 */
export function validationHook(
  more?: (c: Context<AppEnv>, body: unknown, failing: ReadonlySet<string>) => Promise<FieldError[]>,
  // biome-ignore lint/suspicious/noExplicitAny: the hook serves every route's input type
): Hook<any, AppEnv, any, any> {
  return async (result, c) => {
    if (result.success) return;
    const errors = fieldErrors(result.error);
    if (more && result.target === "json") errors.push(...(await more(c, await c.req.json(), new Set(errors.map((error) => error.field)))));
    throw ApiError.validation(errors);
  };
}
