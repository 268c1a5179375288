import type { AccountStore } from "../db/account-store";
import type { JobStore } from "../db/job-store";
import { createAccountService } from "./accounts";
import type { ServiceContext } from "./context";
import { createNotificationService } from "./notifications";
import { createRestaurantChangeService } from "./restaurant-changes";
import { createReservationService } from "./reservations";
import { createRestaurantService } from "./restaurants";
import { createStatusChangeService } from "./status-changes";

export function createServices(ctx: ServiceContext, accountStore: AccountStore, jobs: JobStore) {
  const restaurants = createRestaurantService(ctx);
  const restaurantChanges = createRestaurantChangeService(ctx, restaurants);
  const reservations = createReservationService(ctx, restaurants);
  const statusChanges = createStatusChangeService(ctx, reservations);
  const accounts = createAccountService(ctx, accountStore);
  const notifications = createNotificationService(ctx, jobs);
  return { settings: ctx.settings, now: ctx.now, restaurants, restaurantChanges, reservations, statusChanges, accounts, notifications };
}

export type Services = ReturnType<typeof createServices>;
