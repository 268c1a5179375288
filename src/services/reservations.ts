import type { CountryCode } from "libphonenumber-js";
import { z } from "zod";
import type { IdempotencyKeyRef, ReservationRow, StatusLogEntry } from "../db/repository";
import type { Actor } from "../domain/actor";
import {
  type NewReservationInput,
  newReservationRules,
  notificationDefaults,
  type ReservationChangesInput,
  reservationChangeRules,
} from "../domain/guest-fields";
import { effectiveStatus, liveCutoffs, type ReservationState, type StatusCode, stateOf } from "../domain/reservation-status";
import { occupancy, remainingCovers, type Restaurant, type SeatHold } from "../domain/restaurant";
import { ApiError, type FieldError, fieldErrors } from "../lib/problem";
import { messageSnapshot } from "../notifications/snapshot";
import { outboxEntries } from "../notifications/targets";
import type { ServiceContext } from "./context";
import { guestLinkHash, newGuestLinkToken } from "./guest-links";
import { FieldChecks } from "./reservation-input";
import type { RestaurantService } from "./restaurants";

export type NewReservation = NewReservationInput;
export type ReservationChanges = ReservationChangesInput;

/** Who booked, beyond the actor: the idempotency claim the write fulfils, and the account it belongs to. */
export interface BookingOptions {
  idempotencyKey?: IdempotencyKeyRef;
  ownerUserId?: string;
}

/**
 * The revisions a change may apply to (from `If-Match`): the change is refused unless the
 * reservation is at one of them. Undefined applies to whatever is current.
 */
export type ExpectedRevisions = readonly string[] | undefined;

export type ListKey = { startsAt: number; id: string };

/** A reservation as a client sees it now: its status already moved on by the clock. */
export interface ReservationView {
  row: ReservationRow;
  timeZone: string;
  status: StatusCode;
  statusChangedAt: number;
}

export interface ListQuery {
  restaurantId?: string;
  /** Only these restaurants' reservations (a key's venues). */
  restaurantIds?: readonly string[];
  state?: ReservationState;
  from?: number;
  to?: number;
  phone?: string;
  limit: number;
  after?: ListKey;
}

const newReservationSchema = z.strictObject(newReservationRules);
const changesSchema = z.strictObject(reservationChangeRules);

export const unknownRestaurant: FieldError = { field: "restaurantId", rule: "unknown_restaurant", message: "does not name a restaurant" };

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
    if (!restaurant) throw ApiError.validation([unknownRestaurant]);
    if (restaurant.archivedAt !== null) throw new ApiError("conflict", "This restaurant is archived and takes no bookings.", { archived: true });
    return restaurant;
  }

  /**
   * Books a table. The answer carries the token of the guest's private link, which is stored
   * only as its hash: this is the one moment it can be shown or sent.
   */
  async function create(input: NewReservation, actor: Actor, options: BookingOptions = {}): Promise<ReservationView & { guestLinkToken: string }> {
    const restaurant = await restaurantForInput(input.restaurantId);
    const clock = now();
    const checks = new FieldChecks(clock, restaurant);
    const phone = checks.phone(input.phone, region);
    checks.guestCount(input.guestCount);
    const startsAt = checks.date(input.date, settings.booking.horizonDays);
    if (checks.errors.length > 0) throw ApiError.validation(checks.errors);

    const id = Bun.randomUUIDv7();
    const guestLinkToken = newGuestLinkToken();
    const row: ReservationRow = {
      id,
      restaurantId: restaurant.id,
      firstName: input.firstName,
      lastName: input.lastName,
      phone,
      email: input.email ?? null,
      receiveEmailUpdates: input.receiveEmailUpdates ?? notificationDefaults.receiveEmailUpdates,
      receivePhoneCall: input.receivePhoneCall ?? notificationDefaults.receivePhoneCall,
      receiveTextNotification: input.receiveTextNotification ?? notificationDefaults.receiveTextNotification,
      occasion: input.occasion ?? null,
      startsAt,
      endsAt: startsAt + restaurant.diningMinutes * 60_000,
      guestCount: input.guestCount,
      status: 0,
      statusChangedAt: clock,
      createdAt: clock,
      updatedAt: clock,
      version: 1,
      ownerUserId: options.ownerUserId ?? null,
      guestLinkHash: guestLinkHash(guestLinkToken),
    };
    const created: StatusLogEntry = { reservationId: id, fromStatus: null, toStatus: 0, at: clock, actor, reason: "reservation created" };
    const written = await repo.writeReservation(id, () => ({
      row,
      seatCheck: seatCheck(restaurant, startsAt, row.guestCount, clock),
      log: [created],
      notifications: outboxEntries(settings, {
        dedupeKey: `${id}:created`,
        reservationId: id,
        kind: "reservation_created",
        payload: { ...messageSnapshot(row, restaurant), link: guestLinkUrl(guestLinkToken) },
      }),
      idempotencyKey: options.idempotencyKey,
    }));
    return { ...view(written, restaurant, clock), guestLinkToken };
  }

  /** The absolute address of a private link, for messages that leave the site. */
  function guestLinkUrl(token: string): string {
    return new URL(`/r/${token}`, settings.server.publicUrl).href;
  }

  /** The stored reservation and its restaurant, or a 404. */
  async function locate(id: string): Promise<{ row: ReservationRow; restaurant: Restaurant }> {
    const row = await repo.getReservation(id);
    if (!row) throw ApiError.notFound(`Reservation ${id}`);
    return { row, restaurant: await restaurants.get(row.restaurantId) };
  }

  /** The restaurant a reservation belongs to, or null when there is no such reservation. */
  async function restaurantOf(id: string): Promise<string | null> {
    return (await repo.getReservation(id))?.restaurantId ?? null;
  }

  async function get(id: string): Promise<ReservationView> {
    const { row, restaurant } = await locate(id);
    return view(row, restaurant);
  }

  /** The reservation a private link opens; a wrong link is a 404, like an unknown id. */
  async function findByLink(token: string): Promise<ReservationView> {
    const row = /^[\w-]{43}$/.test(token) ? await repo.getReservationByLink(guestLinkHash(token)) : null;
    if (!row) throw ApiError.notFound("That reservation");
    return view(row, await restaurants.get(row.restaurantId));
  }

  /** A reservation of this account; another guest's is a 404, exactly as one that does not exist. */
  async function getOwned(id: string, userId: string): Promise<ReservationView> {
    const row = await repo.getReservation(id);
    if (!row || row.ownerUserId !== userId) throw ApiError.notFound("That reservation");
    return view(row, await restaurants.get(row.restaurantId));
  }

  async function listOwned(userId: string, limit: number, before?: ListKey) {
    const clock = now();
    const page = await repo.listReservationsOfOwner(userId, limit, before);
    const data = await Promise.all(page.items.map(async (row) => view(row, await restaurants.get(row.restaurantId), clock)));
    return { data, next: page.next };
  }

  /** Keeps a booking made through its link in the account of the guest who holds the link. */
  async function claim(token: string, userId: string): Promise<boolean> {
    const { row } = await findByLink(token);
    return repo.claimReservation(row.id, userId);
  }

  async function list(query: ListQuery) {
    const clock = now();
    const page = await repo.listReservations({
      restaurantId: query.restaurantId,
      restaurantIds: query.restaurantIds,
      phone: query.phone === undefined ? undefined : phoneFilter(query.phone),
      from: query.from,
      to: query.to,
      state: query.state ? { state: query.state, cutoffs: liveCutoffs(clock, settings.statusRules) } : undefined,
      limit: query.limit,
      after: query.after,
    });
    const data = await Promise.all(page.items.map(async (row) => view(row, await restaurants.get(row.restaurantId), clock)));
    return { data, next: page.next };
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
  async function contextErrors(
    raw: unknown,
    failing: ReadonlySet<string>,
    known?: Restaurant,
    /** The venues the caller reaches (null: every one): another's restaurant is as unknown. */
    venues: readonly string[] | null = null,
  ): Promise<FieldError[]> {
    if (typeof raw !== "object" || raw === null) return [];
    const body = raw as Record<string, unknown>;
    const usable = (field: string, type: "string" | "number") => typeof body[field] === type && !failing.has(field);
    let restaurant = known ?? null;
    const errors: FieldError[] = [];
    if (!known && usable("restaurantId", "string")) {
      const reachable = venues === null || venues.includes(body.restaurantId as string);
      restaurant = reachable ? await restaurants.find(body.restaurantId as string) : null;
      if (!restaurant) errors.push(unknownRestaurant);
      else if (restaurant.archivedAt !== null) errors.push({ field: "restaurantId", rule: "archived", message: "names a restaurant that takes no more bookings" });
    }
    const checks = new FieldChecks(now(), restaurant ?? undefined);
    if (usable("phone", "string")) checks.phone(body.phone as string, region);
    if (restaurant && usable("guestCount", "number")) checks.guestCount(body.guestCount as number);
    if (restaurant && usable("date", "string")) checks.date(body.date as string, settings.booking.horizonDays);
    return [...errors, ...checks.errors];
  }

  /** The context rules of a change, against the reservation's own restaurant. */
  async function changeErrors(id: string, raw: unknown, failing: ReadonlySet<string>): Promise<FieldError[]> {
    const row = await repo.getReservation(id);
    return row ? contextErrors(raw, failing, await restaurants.get(row.restaurantId)) : [];
  }

  /** Every rule a new booking must meet, shape and context alike, for callers that hold raw input (a form). */
  async function checkNew(raw: Record<string, unknown>): Promise<{ ok: true; value: NewReservation } | { ok: false; errors: FieldError[] }> {
    return checkAll(newReservationSchema, raw, (failing) => contextErrors(raw, failing));
  }

  async function checkChanges(id: string, raw: Record<string, unknown>): Promise<{ ok: true; value: ReservationChanges } | { ok: false; errors: FieldError[] }> {
    return checkAll(changesSchema, raw, (failing) => changeErrors(id, raw, failing));
  }

  async function checkAll<T>(schema: z.ZodType<T>, raw: Record<string, unknown>, more: (failing: ReadonlySet<string>) => Promise<FieldError[]>) {
    const parsed = schema.safeParse(raw);
    const errors = parsed.success ? [] : fieldErrors(parsed.error);
    errors.push(...(await more(new Set(errors.map((error) => error.field)))));
    return parsed.success && errors.length === 0 ? ({ ok: true, value: parsed.data } as const) : ({ ok: false, errors } as const);
  }

  /** Change guest fields, date or party size of an upcoming reservation, re-checking the seats. */
  async function update(id: string, changes: ReservationChanges, expected?: ExpectedRevisions): Promise<ReservationView> {
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
      assertRevision(before, expected);
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

  return { create, get, restaurantOf, findByLink, getOwned, listOwned, claim, locate, list, update, view, contextErrors, changeErrors, checkNew, checkChanges, guestLinkUrl };
}

export const stateName = (view: ReservationView): ReservationState => stateOf(view.status);

/** A reservation's revision changes with every write and with every status the clock derives: its ETag. */
export const revisionOf = (view: ReservationView): string => `${view.row.version}.${view.status}`;

export function assertRevision(view: ReservationView, expected: ExpectedRevisions): void {
  if (expected === undefined || expected.includes(revisionOf(view))) return;
  throw new ApiError("precondition_failed", "The reservation has changed since that ETag was read.", { etag: `"${revisionOf(view)}"` });
}

export type ReservationService = ReturnType<typeof createReservationService>;
