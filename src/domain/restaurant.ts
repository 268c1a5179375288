import { resolveLocal, zoned } from "./local-time";

export const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof weekdays)[number];

/** `HH:MM` local time. A `close` at or before `open` runs past midnight into the next day. */
export interface OpeningInterval {
  open: string;
  close: string;
}
export type OpeningHours = Record<Weekday, OpeningInterval[]>;

/**
 * Dates (local `YYYY-MM-DD`) whose services replace the weekday's: a holiday closure is an empty
 * list, a special evening its own intervals.
 */
export type SpecialDays = Record<string, OpeningInterval[]>;

export interface Restaurant {
  id: string;
  name: string;
  cuisine: string;
  address: string;
  timeZone: string;
  openingHours: OpeningHours;
  slotMinutes: number;
  diningMinutes: number;
  capacity: number;
  maxPartySize: number;
  rating: number;
  reviewCount: number;
  priceLevel: number;
  /** The id the restaurant-data source knows it by, when one is configured. */
  externalId: string | null;
  specialDays: SpecialDays;
  /** When it was archived: it then takes no bookings and leaves every search. */
  archivedAt: number | null;
}

const MINUTE = 60_000;

/** Temporal numbers weekdays 1 (Monday) to 7 (Sunday). */
function weekdayOf(date: Temporal.PlainDate): Weekday {
  return weekdays[date.dayOfWeek - 1]!;
}

function localInstant(date: Temporal.PlainDate, hhmm: string, timeZone: string): number {
  const local = date.toPlainDateTime(Temporal.PlainTime.from(hhmm));
  const resolved = resolveLocal(local, timeZone);
  // An opening time inside a DST gap opens at the first instant after the gap.
  return resolved.ok ? resolved.epochMs : local.toZonedDateTime(timeZone, { disambiguation: "later" }).epochMilliseconds;
}

/**
 * The services that open on a local calendar day: the special day's if one is set, else the
 * weekday's. Every rule that asks "is it open" asks this, so special days reach them all.
 */
export function hoursOn(restaurant: Pick<Restaurant, "openingHours" | "specialDays">, date: Temporal.PlainDate): readonly OpeningInterval[] {
  return restaurant.specialDays[date.toString()] ?? restaurant.openingHours[weekdayOf(date)];
}

/**
 * Seating start instants for the services that open on a local calendar day, in order. A slot
 * is offered only if the whole dining time fits before closing.
 */
export function slotsForDay(restaurant: Restaurant, date: Temporal.PlainDate): number[] {
  const slots: number[] = [];
  const step = restaurant.slotMinutes * MINUTE;
  const dining = restaurant.diningMinutes * MINUTE;
  for (const interval of hoursOn(restaurant, date)) {
    const opensAt = localInstant(date, interval.open, restaurant.timeZone);
    const closeDate = interval.close <= interval.open ? date.add({ days: 1 }) : date;
    const closesAt = localInstant(closeDate, interval.close, restaurant.timeZone);
    for (let start = opensAt; start + dining <= closesAt; start += step) slots.push(start);
  }
  return slots;
}

/** Whether a seating may start at this instant: a slot of its own day or of last night's service. */
export function isOpenSlot(restaurant: Restaurant, startsAt: number): boolean {
  const day = zoned(startsAt, restaurant.timeZone).toPlainDate();
  return (
    slotsForDay(restaurant, day).includes(startsAt) ||
    slotsForDay(restaurant, day.subtract({ days: 1 })).includes(startsAt)
  );
}

export interface SeatHold {
  startsAt: number;
  endsAt: number;
  guestCount: number;
}

/**
 * The covers the holds take over time, as a step function built once and asked for many windows
 * (every seating of a day). Holds end exclusively: a party leaving frees its seats for one
 * arriving at the same instant.
 */
export function occupancy(holds: readonly SeatHold[]) {
  const changes = new Map<number, number>();
  for (const hold of holds) {
    changes.set(hold.startsAt, (changes.get(hold.startsAt) ?? 0) + hold.guestCount);
    changes.set(hold.endsAt, (changes.get(hold.endsAt) ?? 0) - hold.guestCount);
  }
  const times = [...changes.keys()].sort((a, b) => a - b);
  let level = 0;
  const levels = times.map((time) => (level += changes.get(time)!));
  return {
    /** The most covers held at any instant in [from, to). */
    peak(from: number, to: number): number {
      const at = lastIndexAtOrBefore(times, from);
      let peak = at >= 0 ? levels[at]! : 0;
      for (let next = at + 1; next < times.length && times[next]! < to; next++) peak = Math.max(peak, levels[next]!);
      return peak;
    },
  };
}

function lastIndexAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

export function peakOccupancy(holds: readonly SeatHold[], from: number, to: number): number {
  return occupancy(holds).peak(from, to);
}

/** Covers still free for a party seated at `startsAt`, for its whole dining time. */
export function remainingCovers(restaurant: Restaurant, held: ReturnType<typeof occupancy>, startsAt: number): number {
  return restaurant.capacity - held.peak(startsAt, startsAt + restaurant.diningMinutes * MINUTE);
}

/** A reservation that holds seats now or later, as a restaurant change is checked against. */
export interface BookedSeats extends SeatHold {
  id: string;
  /** Still to come (not yet seated): the bookings a change may orphan. */
  upcoming: boolean;
}

/**
 * The upcoming reservations a restaurant as changed would orphan: each booked again under the
 * same rules a new booking meets (an open slot, covers free for its whole dining time, with the
 * changed dining time), against the seats every other reservation holds.
 */
export function orphanedBy(changed: Restaurant, booked: readonly BookedSeats[]): BookedSeats[] {
  const dining = changed.diningMinutes * MINUTE;
  const held = occupancy(booked.map((seats) => (seats.upcoming ? { ...seats, endsAt: seats.startsAt + dining } : seats)));
  return booked.filter((seats) => seats.upcoming && (!isOpenSlot(changed, seats.startsAt) || remainingCovers(changed, held, seats.startsAt) < 0));
}
