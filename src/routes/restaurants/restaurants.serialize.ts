import type { Restaurant } from "../../domain/restaurant";

/** A restaurant as the API shows it: its special days have their own resource. */
export function restaurantJson({ specialDays: _days, archivedAt, ...restaurant }: Restaurant) {
  return { ...restaurant, archivedAt: archivedAt === null ? null : new Date(archivedAt).toISOString() };
}
