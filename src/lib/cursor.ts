import type { z } from "zod";
import { ApiError } from "./problem";

/** Opaque list cursors: the sort key of the last item a page returned. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString()));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the same answer as a well-formed cursor of the wrong shape.
  }
  throw ApiError.field("cursor", "invalid_cursor", "is not a cursor returned by this list");
}
