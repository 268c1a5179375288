import type { Context } from "hono";
import { ApiError } from "./problem";
import type { AppEnv } from "./types";

/** The page size a list request asked for, checked against the configured maximum. */
export function pageLimit(c: Context<AppEnv>, requested: number | undefined): number {
  const { defaultLimit, maxLimit } = c.get("services").settings.pagination;
  if (requested === undefined) return defaultLimit;
  if (requested > maxLimit) throw ApiError.field("limit", "too_big", `must be at most ${maxLimit}`);
  return requested;
}
