import type { AccountStore } from "../db/account-store";
import { createAccountService } from "./accounts";
import type { ServiceContext } from "./context";
import { createReservationService } from "./reservations";
import { createRestaurantService } from "./restaurants";
import { createStatusChangeService } from "./status-changes";

export function createServices(ctx: ServiceContext, accountStore: AccountStore) {
  const restaurants = createRestaurantService(ctx);
  const reservations = createReservationService(ctx, restaurants);
  const statusChanges = createStatusChangeService(ctx, reservations);
  const accounts = createAccountService(ctx, accountStore);
  return { settings: ctx.settings, now: ctx.now, restaurants, reservations, statusChanges, accounts };
}

export type Services = ReturnType<typeof createServices>;
