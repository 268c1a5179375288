/**
 * Wall-clock time in a restaurant's IANA time zone, on top of the runtime's native Temporal.
 * Everything else in the code base passes instants around as epoch milliseconds.
 */

export type LocalResolution =
  | { ok: true; epochMs: number }
  | { ok: false; reason: "nonexistent" };

/**
 * Resolve a local date-time (no offset) in `timeZone`. A time inside the spring-forward gap does
 * not exist; one inside the fall-back hour means its first occurrence.
 */
export function resolveLocal(local: Temporal.PlainDateTime, timeZone: string): LocalResolution {
  const zoned = local.toZonedDateTime(timeZone, { disambiguation: "earlier" });
  if (!zoned.toPlainDateTime().equals(local)) return { ok: false, reason: "nonexistent" };
  return { ok: true, epochMs: zoned.epochMilliseconds };
}

export function zoned(epochMs: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
}

/** A span of instants over which a zone keeps one UTC offset: between two of its transitions. */
interface OffsetSpan {
  from: number;
  until: number;
  offsetMs: number;
}

/** Spans kept per zone; a zone's list starts over past this, so a scan across centuries stays small. */
const MAX_SPANS = 32;
const offsetSpans = new Map<string, OffsetSpan[]>();

/** The zone's offset at an instant, from a span found once per zone and transition. */
function offsetAt(epochMs: number, timeZone: string): number {
  let spans = offsetSpans.get(timeZone);
  if (!spans) offsetSpans.set(timeZone, (spans = []));
  for (const span of spans) if (epochMs >= span.from && epochMs < span.until) return span.offsetMs;
  const at = zoned(epochMs, timeZone);
  const offsetMs = at.offsetNanoseconds / 1e6;
  const previous = at.getTimeZoneTransition("previous");
  // At a transition instant the previous one began the old offset: the span then starts here.
  const from = previous && zoned(previous.epochMilliseconds, timeZone).offsetNanoseconds / 1e6 === offsetMs ? previous.epochMilliseconds : epochMs;
  const until = at.getTimeZoneTransition("next")?.epochMilliseconds ?? Number.POSITIVE_INFINITY;
  if (spans.length >= MAX_SPANS) spans.length = 0;
  spans.push({ from, until, offsetMs });
  return offsetMs;
}

const two = (n: number) => String(n).padStart(2, "0");

/**
 * RFC 3339 with the zone's offset at that instant, to the second: `2027-03-14T19:00:00-07:00`.
 * Written from the zone's offset, looked up once per zone and transition (Temporal per call was
 * a tenth of the index page's time); Temporal still writes what the short form would not say
 * the same way: years outside 1000–9999 and offsets that are not whole minutes (local mean time).
 */
export function formatLocal(epochMs: number, timeZone: string): string {
  const offsetMs = offsetAt(epochMs, timeZone);
  const wall = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMs);
  const year = wall.getUTCFullYear();
  if (year < 1000 || year > 9999 || offsetMs % 60_000 !== 0) return zoned(epochMs, timeZone).toString({ timeZoneName: "never", smallestUnit: "second" });
  const offsetMinutes = Math.abs(offsetMs) / 60_000;
  const offset = `${offsetMs < 0 ? "-" : "+"}${two(Math.floor(offsetMinutes / 60))}:${two(offsetMinutes % 60)}`;
  return `${year}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}T${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())}${offset}`;
}

/** RFC 3339 in UTC, to the millisecond: `2027-03-14T02:00:00.000Z`. */
export function formatUtc(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * `18:30 local time` for messages a person reads, with the local date in front
 * (`2026-12-05 18:30 local time`) unless it is the same local day as `now`.
 */
export function formatClock(epochMs: number, timeZone: string, now: number): string {
  const when = zoned(epochMs, timeZone);
  const time = when.toPlainTime().toString({ smallestUnit: "minute" });
  const sameDay = when.toPlainDate().equals(zoned(now, timeZone).toPlainDate());
  return `${sameDay ? "" : `${when.toPlainDate().toString()} `}${time} local time`;
}

/** The instant a local calendar day starts, and the next day's start (a DST day is 23 or 25 h). */
export function localDayBounds(date: Temporal.PlainDate, timeZone: string): { start: number; end: number } {
  return {
    start: date.toZonedDateTime({ timeZone }).epochMilliseconds,
    end: date.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds,
  };
}

const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/i;

export type ParsedDateTime =
  | { kind: "instant"; epochMs: number }
  | { kind: "local"; local: Temporal.PlainDateTime }
  | { kind: "invalid" };

/** An RFC 3339 date-time, with or without its offset; a calendar-invalid value is invalid. */
export function parseDateTime(text: string): ParsedDateTime {
  try {
    if (OFFSET_DATE_TIME.test(text)) {
      return { kind: "instant", epochMs: Temporal.Instant.from(text.toUpperCase()).epochMilliseconds };
    }
    if (LOCAL_DATE_TIME.test(text)) {
      return { kind: "local", local: Temporal.PlainDateTime.from(text.toUpperCase(), { overflow: "reject" }) };
    }
  } catch {
    // Temporal rejects calendar-invalid values such as February 30th; so do we.
  }
  return { kind: "invalid" };
}

export function isDateTime(text: string): boolean {
  return parseDateTime(text).kind !== "invalid";
}

export function isOffsetDateTime(text: string): boolean {
  return parseDateTime(text).kind === "instant";
}

export function isPlainDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}

export function isTimeZone(name: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(name);
    return true;
  } catch {
    return false;
  }
}

/** Formatters are costly to build and cheap to use: one pair per zone. */
const guestFormats = new Map<string, { dateTime: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }>();

/**
 * A time as a guest reads it, in the restaurant's zone and naming it, on the 24-hour clock the
 * slots are offered in: "Friday, December 18, 2026 at 19:00 PST".
 */
export function formatForGuest(epochMs: number, timeZone: string): string {
  let formats = guestFormats.get(timeZone);
  if (!formats) {
    formats = {
      dateTime: new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short", hourCycle: "h23", timeZone }),
      zone: new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }),
    };
    guestFormats.set(timeZone, formats);
  }
  const zoneName = formats.zone.formatToParts(epochMs).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  return `${formats.dateTime.format(epochMs)} ${zoneName}`;
}
