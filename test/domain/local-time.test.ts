import { describe, expect, test } from "bun:test";
import {
  formatClock,
  formatLocal,
  formatUtc,
  isPlainDate,
  isTimeZone,
  localDayBounds,
  parseDateTime,
  resolveLocal,
  zoned,
} from "../../src/domain/local-time";

const LA = "America/Los_Angeles";
const HOUR = 3_600_000;
const local = (text: string) => Temporal.PlainDateTime.from(text);

describe("resolveLocal", () => {
  test.each([
    ["an ordinary winter evening", "2026-12-18T19:00", "2026-12-18T19:00:00-08:00"],
    ["an ordinary summer evening", "2027-07-01T19:00", "2027-07-01T19:00:00-07:00"],
    ["the minute before the spring-forward gap", "2027-03-14T01:59", "2027-03-14T01:59:00-08:00"],
    ["the first minute after the gap", "2027-03-14T03:00", "2027-03-14T03:00:00-07:00"],
    ["the fall-back hour, as its first occurrence", "2027-11-07T01:30", "2027-11-07T01:30:00-07:00"],
    ["the minute after the repeated hour", "2027-11-07T02:00", "2027-11-07T02:00:00-08:00"],
  ])("resolves %s", (_case, input, expected) => {
    expect(resolveLocal(local(input), LA)).toEqual({ ok: true, epochMs: Date.parse(expected) });
  });

  test.each(["2027-03-14T02:00", "2027-03-14T02:30", "2027-03-14T02:59"])(
    "calls %s in Los Angeles nonexistent: the clocks skip it",
    (input) => {
      expect(resolveLocal(local(input), LA)).toEqual({ ok: false, reason: "nonexistent" });
    },
  );

  test("uses the zone's own transition dates: 2027-03-14 02:30 exists in Berlin", () => {
    expect(resolveLocal(local("2027-03-14T02:30"), "Europe/Berlin")).toEqual({
      ok: true,
      epochMs: Date.parse("2027-03-14T02:30:00+01:00"),
    });
  });
});

describe("parseDateTime", () => {
  test.each([
    ["an offset", "2026-12-18T19:00:00-08:00", Date.parse("2026-12-19T03:00:00Z")],
    ["Z", "2026-12-19T03:00:00Z", Date.parse("2026-12-19T03:00:00Z")],
    ["a lowercase z", "2026-12-19t03:00:00z", Date.parse("2026-12-19T03:00:00Z")],
    ["fractional seconds", "2026-12-19T03:00:00.500Z", Date.parse("2026-12-19T03:00:00.500Z")],
    ["no seconds", "2026-12-19T03:00+00:00", Date.parse("2026-12-19T03:00:00Z")],
  ])("reads a date-time with %s as an instant", (_case, input, epochMs) => {
    expect(parseDateTime(input)).toEqual({ kind: "instant", epochMs });
  });

  test.each(["2026-12-18T19:00", "2026-12-18T19:00:00", "2026-12-18T19:00:00.250"])(
    "reads %s, which has no offset, as local time",
    (input) => {
      const parsed = parseDateTime(input);
      expect(parsed.kind).toBe("local");
      if (parsed.kind === "local") expect(parsed.local.equals(Temporal.PlainDateTime.from(input))).toBe(true);
    },
  );

  test.each([
    ["a date alone", "2026-12-18"],
    ["a time alone", "19:00"],
    ["words", "tomorrow at seven"],
    ["an empty string", ""],
    ["February 30th", "2027-02-30T19:00"],
    ["hour 24", "2026-12-18T24:00"],
    ["an offset with no minutes", "2026-12-18T19:00-08"],
    ["a space instead of T", "2026-12-18 19:00"],
    ["a zone name", "2026-12-18T19:00[America/Los_Angeles]"],
  ])("refuses %s", (_case, input) => {
    expect(parseDateTime(input)).toEqual({ kind: "invalid" });
  });
});

describe("formatting", () => {
  const instant = Date.parse("2027-03-14T10:00:00Z");

  test.each([
    [LA, "2027-03-14T03:00:00-07:00"],
    ["Europe/Berlin", "2027-03-14T11:00:00+01:00"],
    ["UTC", "2027-03-14T10:00:00+00:00"],
  ])("formatLocal gives the local time in %s with its offset at that instant", (zone, expected) => {
    expect(formatLocal(instant, zone)).toBe(expected);
  });

  test("formatLocal gives -08:00 in the second occurrence of the fall-back hour", () => {
    expect(formatLocal(Date.parse("2027-11-07T01:30:00-08:00"), LA)).toBe("2027-11-07T01:30:00-08:00");
  });

  test("formatUtc gives RFC 3339 in UTC to the millisecond", () => {
    expect(formatUtc(Date.parse("2026-12-01T12:00:00.123Z"))).toBe("2026-12-01T12:00:00.123Z");
  });

  test.each([
    ["the same local day as now", "2026-12-18T08:00:00-08:00", "19:05 local time"],
    ["another local day, though the same day in UTC", "2026-12-19T10:00:00Z", "2026-12-18 19:05 local time"],
  ])("formatClock gives the local wall clock to the minute, with the local date on %s", (_case, now, expected) => {
    expect(formatClock(Date.parse("2026-12-19T03:05:59Z"), LA, Date.parse(now))).toBe(expected);
  });
});

describe("localDayBounds", () => {
  test.each([
    ["an ordinary day", "2026-12-18", 24],
    ["the spring-forward day", "2027-03-14", 23],
    ["the fall-back day", "2027-11-07", 25],
  ])("spans %s in local time (%d hours)", (_case, date, hours) => {
    const { start, end } = localDayBounds(Temporal.PlainDate.from(date), LA);
    expect(formatLocal(start, LA)).toStartWith(`${date}T00:00:00`);
    expect(end - start).toBe(hours * HOUR);
  });
});

describe("isPlainDate and isTimeZone", () => {
  test.each([
    ["2026-12-18", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2026-13-01", false],
    ["2026-12-18T00:00", false],
    ["20261218", false],
    ["", false],
  ])("isPlainDate(%p) is %p", (input, expected) => {
    expect(isPlainDate(input)).toBe(expected);
  });

  test.each([
    [LA, true],
    ["Europe/Berlin", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
  ])("isTimeZone(%p) is %p", (input, expected) => {
    expect(isTimeZone(input)).toBe(expected);
  });
});

test("a local date-time is read the same with a lowercase t", () => {
  expect(parseDateTime("2026-12-18t19:00")).toEqual(parseDateTime("2026-12-18T19:00"));
  expect(parseDateTime("2026-12-18t19:00").kind).toBe("local");
});

describe("formatLocal writes exactly what Temporal writes", () => {
  const temporal = (epochMs: number, zone: string) => zoned(epochMs, zone).toString({ timeZoneName: "never", smallestUnit: "second" });
  // Half-hour, quarter-hour and half-hour-DST zones, the date line, a zone at +00:00, local mean
  // time before zones existed (a sub-minute offset), and years Temporal writes in extended form.
  test.each([
    ["America/Los_Angeles", "2027-03-14T09:59:59.999Z", "2027-03-14T10:00:00Z"],
    ["America/Los_Angeles", "2027-11-07T08:59:59Z", "2027-11-07T09:00:00Z"],
    ["Europe/Berlin", "2026-10-25T00:59:59.500Z", "2026-10-25T01:00:00Z"],
    ["Australia/Lord_Howe", "2026-10-03T15:29:59Z", "2026-10-03T15:30:00Z"],
    ["Asia/Kathmandu", "2026-12-18T12:00:00Z", "2026-12-18T18:14:59.999Z"],
    ["Pacific/Kiritimati", "2026-12-31T09:59:59Z", "2026-12-31T10:00:00Z"],
    ["Europe/London", "2026-12-18T12:00:00Z", "2027-06-18T12:00:00Z"],
    ["Europe/Amsterdam", "1900-01-01T00:00:00Z", "1937-06-30T23:00:00Z"],
    ["UTC", "0999-12-31T23:59:59Z", "+010000-01-01T00:00:00Z"],
  ])("in %s at %s and %s", (zone, first, second) => {
    for (const at of [first, second]) {
      const epochMs = Date.parse(at);
      for (const ms of [epochMs - 1, epochMs, epochMs + 1]) expect(formatLocal(ms, zone)).toBe(temporal(ms, zone));
    }
  });

  test("across two years of quarter hours, read in both directions", () => {
    const from = Date.parse("2026-01-01T00:00:00Z");
    const quarters = Array.from({ length: 2 * 366 * 96 }, (_, i) => from + i * 900_000);
    for (const zone of ["America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe"]) {
      for (const ms of [...quarters, ...[...quarters].reverse()]) if (formatLocal(ms, zone) !== temporal(ms, zone)) expect(formatLocal(ms, zone)).toBe(temporal(ms, zone));
    }
  });
});
