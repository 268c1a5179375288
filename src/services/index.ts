import type { JobStore } from "../db/job-store";
import type { ServiceContext } from "./context";
import { createNotificationService } from "./notifications";
import { createReservationService } from "./reservations";
import { createRestaurantService } from "./restaurants";
import { createStatusChangeService } from "./status-changes";

export function createServices(ctx: ServiceContext, jobs: JobStore) {
  const restaurants = createRestaurantService(ctx);
  const reservations = createReservationService(ctx, restaurants);
  const statusChanges = createStatusChangeService(ctx, reservations);
  const notifications = createNotificationService(ctx, jobs);
  return { settings: ctx.settings, restaurants, reservations, statusChanges, notifications };
}

export type Services = ReturnType<typeof createServices>;
