import type { ServiceContext } from "./context";
import { createReservationService } from "./reservations";
import { createRestaurantService } from "./restaurants";
import { createStatusChangeService } from "./status-changes";

export function createServices(ctx: ServiceContext) {
  const restaurants = createRestaurantService(ctx);
  const reservations = createReservationService(ctx, restaurants);
  const statusChanges = createStatusChangeService(ctx, reservations);
  return { settings: ctx.settings, restaurants, reservations, statusChanges };
}

export type Services = ReturnType<typeof createServices>;
