import type { CountryCode } from "libphonenumber-js";
import { z } from "zod";
import type { IdempotencyKeyRef, ReservationRow, StatusLogEntry } from "../db/repository";
import { effectiveStatus, type ReservationState, type StatusCode, stateOf } from "../domain/reservation-status";
import { occupancy, remainingCovers, type Restaurant, type SeatHold } from "../domain/restaurant";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { ApiError, type FieldError } from "../lib/problem";
import { messageSnapshot } from "../notifications/snapshot";
import { outboxEntries } from "../notifications/targets";
import type { ServiceContext } from "./context";
import { FieldChecks } from "./reservation-input";
import { liveCutoffs } from "./reservation-rules";
import type { RestaurantService } from "./restaurants";

export interface GuestFields {
  firstName: string;
  lastName: string;
  phone: string;
  email?: string | null;
  receiveEmailUpdates?: boolean;
  receivePhoneCall?: boolean;
  receiveTextNotification?: boolean;
  occasion?: string | null;
}

export interface NewReservation extends GuestFields {
  restaurantId: string;
  date: string;
  guestCount: number;
}

export type ReservationChanges = Partial<GuestFields & { date: string; guestCount: number }>;

/** A reservation as a client sees it now: its status already moved on by the clock. */
export interface ReservationView {
  row: ReservationRow;
  timeZone: string;
  status: StatusCode;
  statusChangedAt: number;
}

export interface ListQuery {
  restaurantId?: string;
  state?: ReservationState;
  from?: number;
  to?: number;
  phone?: string;
  limit: number;
  cursor?: string;
}

const reservationCursor = z.object({ startsAt: z.number(), id: z.string() });

export function createReservationService(ctx: ServiceContext, restaurants: RestaurantService) {
  const { repo, settings, now } = ctx;
  const region = settings.phoneRegion as CountryCode;

  function view(row: ReservationRow, restaurant: Restaurant, at = now()): ReservationView {
    const live = effectiveStatus(row.status, row.startsAt, at, settings.statusRules);
    return { row, timeZone: restaurant.timeZone, status: live.status, statusChangedAt: live.automaticSince ?? row.statusChangedAt };
  }

  /** A seat check that refuses with 409 when the party no longer fits for its whole dining time. */
  function seatCheck(restaurant: Restaurant, startsAt: number, guestCount: number, clock: number) {
    return {
      from: startsAt,
      to: startsAt + restaurant.diningMinutes * 60_000,
      cutoffs: liveCutoffs(clock, settings.statusRules),
      fits(holds: SeatHold[]) {
        const remaining = remainingCovers(restaurant, occupancy(holds), startsAt);
        if (remaining < guestCount) {
          throw new ApiError(
            "conflict",
            `No room for ${guestCount} at that time: ${Math.max(remaining, 0)} of ${restaurant.capacity} covers remain.`,
            { remainingCovers: Math.max(remaining, 0) },
          );
        }
      },
    };
  }

  async function restaurantForInput(restaurantId: string): Promise<Restaurant> {
    const restaurant = await restaurants.find(restaurantId);
    if (!restaurant) throw ApiError.field("restaurantId", "unknown_restaurant", "does not name a restaurant");
    return restaurant;
  }

  async function create(input: NewReservation, actor: string, idempotencyKey?: IdempotencyKeyRef): Promise<ReservationView> {
    const restaurant = await restaurantForInput(input.restaurantId);
    const clock = now();
    const checks = new FieldChecks(clock, restaurant);
    const phone = checks.phone(input.phone, region);
    checks.guestCount(input.guestCount);
    const startsAt = checks.date(input.date, settings.booking.horizonDays);
    if (checks.errors.length > 0) throw ApiError.validation(checks.errors);

    const id = Bun.randomUUIDv7();
    const row: ReservationRow = {
      id,
      restaurantId: restaurant.id,
      firstName: input.firstName,
      lastName: input.lastName,
      phone,
      email: input.email ?? null,
      receiveEmailUpdates: input.receiveEmailUpdates ?? true,
      receivePhoneCall: input.receivePhoneCall ?? true,
      receiveTextNotification: input.receiveTextNotification ?? false,
      occasion: input.occasion ?? null,
      startsAt,
      endsAt: startsAt + restaurant.diningMinutes * 60_000,
      guestCount: input.guestCount,
      status: 0,
      statusChangedAt: clock,
      createdAt: clock,
      updatedAt: clock,
      version: 1,
    };
    const created: StatusLogEntry = { reservationId: id, fromStatus: null, toStatus: 0, at: clock, actor, reason: "reservation created" };
    const written = await repo.writeReservation(id, () => ({
      row,
      seatCheck: seatCheck(restaurant, startsAt, row.guestCount, clock),
      log: [created],
      notifications: outboxEntries(settings, { dedupeKey: `${id}:created`, reservationId: id, kind: "reservation_created", payload: messageSnapshot(row, restaurant) }),
      idempotencyKey,
    }));
    return view(written, restaurant, clock);
  }

  /** The stored reservation and its restaurant, or a 404. */
  async function locate(id: string): Promise<{ row: ReservationRow; restaurant: Restaurant }> {
    const row = await repo.getReservation(id);
    if (!row) throw ApiError.notFound(`Reservation ${id}`);
    return { row, restaurant: await restaurants.get(row.restaurantId) };
  }

  async function get(id: string): Promise<ReservationView> {
    const { row, restaurant } = await locate(id);
    return view(row, restaurant);
  }

  async function list(query: ListQuery) {
    const clock = now();
    const page = await repo.listReservations({
      restaurantId: query.restaurantId,
      phone: query.phone === undefined ? undefined : phoneFilter(query.phone),
      from: query.from,
      to: query.to,
      state: query.state ? { state: query.state, cutoffs: liveCutoffs(clock, settings.statusRules) } : undefined,
      limit: query.limit,
      after: decodeCursor(query.cursor, reservationCursor),
    });
    const data = await Promise.all(page.items.map(async (row) => view(row, await restaurants.get(row.restaurantId), clock)));
    return { data, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  function phoneFilter(input: string): string {
    const checks = new FieldChecks(now());
    const national = checks.phone(input, region);
    if (checks.errors.length > 0) throw ApiError.validation(checks.errors);
    return national;
  }

  /**
   * The rules that need the restaurant or the region, run on a body whose shape already failed,
   * so that one answer names every bad field. Fields that failed their shape are left out.
   */
  async function contextErrors(raw: unknown, failing: ReadonlySet<string>): Promise<FieldError[]> {
    if (typeof raw !== "object" || raw === null) return [];
    const body = raw as Record<string, unknown>;
    const usable = (field: string, type: "string" | "number") => typeof body[field] === type && !failing.has(field);
    const restaurant = usable("restaurantId", "string") ? await restaurants.find(body.restaurantId as string) : null;
    const checks = new FieldChecks(now(), restaurant ?? undefined);
    if (usable("phone", "string")) checks.phone(body.phone as string, region);
    if (restaurant && usable("guestCount", "number")) checks.guestCount(body.guestCount as number);
    if (restaurant && usable("date", "string")) checks.date(body.date as string, settings.booking.horizonDays);
    return checks.errors;
  }

  /** Change guest fields, date or party size of an upcoming reservation, re-checking the seats. */
  async function update(id: string, changes: ReservationChanges, ifMatch?: string): Promise<ReservationView> {
    const { restaurant } = await locate(id);
    const clock = now();
    const checks = new FieldChecks(clock, restaurant);
    const phone = changes.phone === undefined ? undefined : checks.phone(changes.phone, region);
    if (changes.guestCount !== undefined) checks.guestCount(changes.guestCount);
    const startsAt = changes.date === undefined ? undefined : checks.date(changes.date, settings.booking.horizonDays);
    if (checks.errors.length > 0) throw ApiError.validation(checks.errors);

    const written = await repo.writeReservation(id, (current) => {
      if (!current) throw ApiError.notFound(`Reservation ${id}`);
      const before = view(current, restaurant, clock);
      assertMatches(before, ifMatch);
      if (before.status !== 0) {
        throw new ApiError("conflict", `Only an upcoming reservation can be changed; this one is ${stateName(before)}.`, {
          currentState: stateName(before),
        });
      }
      const { date: _date, ...guestChanges } = changes;
      const row: ReservationRow = {
        ...current,
        ...guestChanges,
        ...(phone === undefined ? {} : { phone }),
        ...(startsAt === undefined ? {} : { startsAt, endsAt: startsAt + restaurant.diningMinutes * 60_000 }),
        updatedAt: clock,
        version: current.version + 1,
      };
      const needsSeats = row.startsAt !== current.startsAt || row.guestCount > current.guestCount;
      // The guest hears of a new time or party size; a corrected spelling is not worth a message.
      const rebooked = row.startsAt !== current.startsAt || row.guestCount !== current.guestCount;
      return {
        row,
        seatCheck: needsSeats ? seatCheck(restaurant, row.startsAt, row.guestCount, clock) : undefined,
        notifications: rebooked
          ? outboxEntries(settings, {
              dedupeKey: `${id}:changed:${row.version}`,
              reservationId: id,
              kind: "reservation_changed",
              payload: { ...messageSnapshot(row, restaurant), previous: { startsAt: current.startsAt, guestCount: current.guestCount } },
            })
          : [],
      };
    });
    return view(written, restaurant, clock);
  }

  return { create, get, locate, list, update, view, contextErrors };
}

export const stateName = (view: ReservationView): ReservationState => stateOf(view.status);

/** The ETag of a reservation changes with every write and with every status the clock derives. */
export const etagOf = (view: ReservationView): string => `"${view.row.version}.${view.status}"`;

export function assertMatches(view: ReservationView, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === "*") return;
  const tags = ifMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (!tags.includes(etagOf(view))) {
    throw new ApiError("precondition_failed", "The reservation has changed since that ETag was read.", { etag: etagOf(view) });
  }
}

export type ReservationService = ReturnType<typeof createReservationService>;
