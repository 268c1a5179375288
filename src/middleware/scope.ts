import type { MiddlewareHandler } from "hono";
import { type ApiScope, hasScope, reaches } from "../domain/scopes";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";

/**
 * The one check of what a key may do, declared by each route: `...requires("status")` puts the
 * scope in the spec (`x-required-scopes`) and runs this before the request is validated. A key
 * without the scope gets 403 naming it. A restaurant or reservation in the path outside the
 * key's venues is a 404, exactly as one that does not exist, so nothing confirms it is there.
 */
export function requires(scope: ApiScope | null, { everyVenue = false } = {}) {
  return {
    middleware: [requireScope(scope, everyVenue)],
    "x-required-scopes": scope === null ? [] : [scope],
    ...(everyVenue ? { "x-requires-every-venue": true } : {}),
  };
}

/** `everyVenue`: an operation that spans venues (adding one, the outbox) needs a key without a venue list. */
function requireScope(scope: ApiScope | null, everyVenue: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const grant = c.get("apiKey");
    if (scope !== null && !hasScope(grant, scope)) {
      throw new ApiError("forbidden", `This API key lacks the "${scope}" scope, which this operation needs.`, { requiredScope: scope });
    }
    if (everyVenue && grant.restaurants !== null) {
      throw new ApiError("forbidden", "This operation spans venues: it needs a key that reaches every venue (one without a restaurants list).", {
        requiredScope: scope,
      });
    }
    if (grant.restaurants !== null) {
      const restaurantId = c.req.param("restaurantId");
      if (restaurantId !== undefined && !reaches(grant, restaurantId)) throw ApiError.notFound(`Restaurant ${restaurantId}`);
      const reservationId = c.req.param("reservationId");
      if (reservationId !== undefined) {
        const venue = await c.get("services").reservations.restaurantOf(reservationId);
        if (venue !== null && !reaches(grant, venue)) throw ApiError.notFound(`Reservation ${reservationId}`);
      }
    }
    await next();
  };
}
