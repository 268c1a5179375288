import type { ServiceContext } from "./context";
import { createReservationService } from "./reservations";
import { createRestaurantService } from "./restaurants";

export function createServices(ctx: ServiceContext) {
  const restaurants = createRestaurantService(ctx);
  const reservations = createReservationService(ctx, restaurants);
  return { settings: ctx.settings, restaurants, reservations };
}

export type Services = ReturnType<typeof createServices>;
