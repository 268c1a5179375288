import { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, fieldErrors } from "./problem";
import type { AppEnv } from "./types";

/** A sub-app whose request validation fails the same way everywhere: a 422 naming each field. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    strict: true,
    defaultHook: (result) => {
      if (!result.success) {
        // Path and query fields are named as they are; body fields by their path in the body.
        throw ApiError.validation(fieldErrors(result.error));
      }
    },
  });
}
