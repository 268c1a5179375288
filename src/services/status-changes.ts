import type { Page, StatusLogEntry } from "../db/repository";
import type { Actor } from "../domain/actor";
import { decideTransition, effectiveStatus, type StatusCode, stateOf } from "../domain/reservation-status";
import { ApiError } from "../lib/problem";
import type { ServiceContext } from "./context";
import { automaticEntry, statusNotifications } from "./status-events";
import { assertRevision, type ExpectedRevisions, type ReservationService, type ReservationView } from "./reservations";

const defaultReason = (actor: Actor) => (actor.kind === "api_key" ? "changed by staff" : "changed by the guest");

export function createStatusChangeService(ctx: ServiceContext, reservations: ReservationService) {
  const { repo, settings, now } = ctx;

  /**
   * Staff move a guest through the visit. Asking for the status it already has changes nothing;
   * a change the clock already made is written down first, at its threshold instant.
   */
  async function change(
    id: string,
    requested: StatusCode,
    actor: Actor,
    options: { reason?: string; expected?: ExpectedRevisions } = {},
  ): Promise<ReservationView> {
    const { reason, expected } = options;
    const { restaurant } = await reservations.locate(id);
    const clock = now();
    const written = await repo.writeReservation(id, (current) => {
      if (!current) throw ApiError.notFound(`Reservation ${id}`);
      const before = reservations.view(current, restaurant, clock);
      assertRevision(before, expected);
      if (before.status === requested) return null;
      const decision = decideTransition(before.status, requested, current.startsAt, clock, settings.statusRules, restaurant.timeZone);
      if (!decision.allowed) {
        throw new ApiError(
          "invalid_transition",
          `Cannot change the status from ${stateOf(before.status)} to ${stateOf(requested)}: ${decision.reason}.`,
          { currentState: stateOf(before.status), requestedState: stateOf(requested), reason: decision.reason },
        );
      }
      const log: StatusLogEntry[] = [];
      const live = effectiveStatus(current.status, current.startsAt, clock, settings.statusRules);
      if (live.automaticSince !== null) log.push(automaticEntry(current, live.status, live.automaticSince));
      log.push({ reservationId: id, fromStatus: before.status, toStatus: requested, at: clock, actor, reason: reason ?? defaultReason(actor) });
      return {
        row: { ...current, status: requested, statusChangedAt: clock, updatedAt: clock, version: current.version + 1 },
        log,
        notifications: log.flatMap((entry) => statusNotifications(settings, entry, current, restaurant)),
      };
    });
    return reservations.view(written, restaurant, clock);
  }

  /** The stored log, plus the change the clock has made that no write has recorded yet. */
  async function history(id: string, limit: number, after?: number): Promise<Page<StatusLogEntry, number>> {
    const { row, status, statusChangedAt } = await reservations.get(id);
    const page = await repo.statusLog(id, limit, after);
    const items: StatusLogEntry[] = page.items;
    if (page.next === null && status !== row.status) {
      if (items.length < limit) items.push(automaticEntry(row, status, statusChangedAt));
      else return { items, next: page.items[page.items.length - 1]!.id };
    }
    return { items, next: page.next };
  }

  return { change, history };
}

export type StatusChangeService = ReturnType<typeof createStatusChangeService>;
