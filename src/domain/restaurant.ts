import { resolveLocal, zoned } from "./local-time";

export const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof weekdays)[number];

/** `HH:MM` local time. A `close` at or before `open` runs past midnight into the next day. */
export interface OpeningInterval {
  open: string;
  close: string;
}
export type OpeningHours = Record<Weekday, OpeningInterval[]>;

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
 * Seating start instants for the services that open on a local calendar day, in order. A slot
 * is offered only if the whole dining time fits before closing.
 */
export function slotsForDay(restaurant: Restaurant, date: Temporal.PlainDate): number[] {
  const slots: number[] = [];
  const step = restaurant.slotMinutes * MINUTE;
  const dining = restaurant.diningMinutes * MINUTE;
  for (const interval of restaurant.openingHours[weekdayOf(date)]) {
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

/** The most covers held at any instant in [from, to). Holds end exclusively. */
export function peakOccupancy(holds: readonly SeatHold[], from: number, to: number): number {
  const events: Array<[at: number, delta: number]> = [];
  let occupied = 0;
  for (const hold of holds) {
    if (hold.startsAt >= to || hold.endsAt <= from) continue;
    if (hold.startsAt <= from) occupied += hold.guestCount;
    else events.push([hold.startsAt, hold.guestCount]);
    if (hold.endsAt < to) events.push([hold.endsAt, -hold.guestCount]);
  }
  // At equal instants a departure frees its seats before an arrival takes them.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let peak = occupied;
  for (const [, delta] of events) {
    occupied += delta;
    if (occupied > peak) peak = occupied;
  }
  return peak;
}

export function remainingCovers(restaurant: Restaurant, holds: readonly SeatHold[], startsAt: number): number {
  const endsAt = startsAt + restaurant.diningMinutes * MINUTE;
  return restaurant.capacity - peakOccupancy(holds, startsAt, endsAt);
}
