/**
 * Hand-written fast-check arbitraries for reservation bodies (zod-fast-check only speaks zod 3).
 * Valid values are built to meet every rule by construction; invalid ones break exactly one.
 */
import fc from "fast-check";
import { isValidPhoneNumber } from "libphonenumber-js";
import { everyDay, restaurant } from "../support/app";

/** The frozen clock: 04:00 in Los Angeles on 1 December 2026. */
export const NOW = new Date("2026-12-01T12:00:00Z");
export const HORIZON_DAYS = 180;

/** Capacity so large that no generated booking ever meets a full room. */
export const venue = restaurant({
  name: "Property Bistro",
  capacity: 10_000,
  maxPartySize: 8,
  openingHours: everyDay("08:00", "23:00"),
});

const DAY_MS = 86_400_000;
const today = Temporal.Instant.fromEpochMilliseconds(NOW.getTime()).toZonedDateTimeISO(venue.timeZone).toPlainDate();
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const opensAt = minutesOf("08:00");
const lastSeatingAt = minutesOf("23:00") - venue.diningMinutes;

// ---------------------------------------------------------------------------------------------
// Names

/** Letters of several scripts, some outside the BMP: the length rules count code points, not UTF-16 units. */
const scripts = [
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  "ÀÁÂÄÅÆÇÈÉÊËÍÎÏÑÓÔÖØÚÜÝßàáâäåæçèéêëíîïñóôöøúüýÿŁłŚśŻżČčŠšŽž",
  "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω",
  "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя",
  "אבגדהוזחטיכלמנסעפצקרשת",
  "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
  "王李张刘陈杨黄赵吴周さくらあいうえおカタナ김이박최정민수지",
  "कखगघचजटडतदनपबमयरलवशसह",
  "กขคงจฉชซญดตถทนบปผพฟมยรลวสหอฮ",
  "𠜎𠜱𠝹𠱓𞤀𞤁𞤂𞤃𐐀𐐁𐐨𐐩",
].map((letters) => [...letters]);

const letterOf = (script: string[]) => fc.constantFrom(...script);
/** Separators, and combining accents as in a decomposed "José". */
const innerMarks = fc.constantFrom(" ", "-", "'", "’", "\u0301", "\u0308", "\u0327");

/** A name of `min`..`max` code points that starts and ends with a letter, so trimming keeps it whole. */
function nameCore(min: number, max: number): fc.Arbitrary<string> {
  return fc.constantFrom(...scripts).chain((script) => {
    const letter = letterOf(script);
    const single = letter;
    const longer = fc
      .tuple(letter, fc.array(fc.oneof({ arbitrary: letter, weight: 4 }, { arbitrary: innerMarks, weight: 1 }), { minLength: Math.max(0, min - 2), maxLength: max - 2 }), letter)
      .map(([first, middle, last]) => first + middle.join("") + last);
    return min <= 1 ? fc.oneof(single, longer) : longer;
  });
}

/** Whitespace that `String.prototype.trim` removes. */
export const trimmable = fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\r", "\u00a0", "\u3000"), maxLength: 3 });

export interface PaddedName {
  sent: string;
  stored: string;
}

/** A valid name, possibly padded with whitespace that the API trims away. */
export const personName: fc.Arbitrary<PaddedName> = fc
  .tuple(trimmable, nameCore(1, 15), trimmable)
  .map(([before, core, after]) => ({ sent: before + core + after, stored: core }));

// ---------------------------------------------------------------------------------------------
// Phones

/** Three digits of the form [2-9]XX that are not an N11 service code. */
const nanpBlock = fc
  .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }))
  .filter(([, second, third]) => !(second === 1 && third === 1))
  .map((digits) => digits.join(""));

const notations = {
  parenthesised: (a: string, e: string, n: string) => `(${a}) ${e}-${n}`,
  dotted: (a: string, e: string, n: string) => `${a}.${e}.${n}`,
  international: (a: string, e: string, n: string) => `+1 ${a} ${e} ${n}`,
  digitsOnly: (a: string, e: string, n: string) => `${a}${e}${n}`,
};

export interface GeneratedPhone {
  sent: string;
  national: string;
}

/** A US number libphonenumber calls valid, in one of the notations guests type. */
export const usPhone: fc.Arbitrary<GeneratedPhone> = fc
  .record({
    area: nanpBlock,
    exchange: nanpBlock,
    line: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
    notation: fc.constantFrom(...Object.values(notations)),
  })
  .map(({ area, exchange, line, notation }) => ({ sent: notation(area, exchange, line), national: area + exchange + line }))
  .filter(({ sent }) => isValidPhoneNumber(sent, "US"));

// ---------------------------------------------------------------------------------------------
// Emails and occasions

const alphanumeric = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
const word = (minLength: number, maxLength: number) => fc.string({ unit: alphanumeric, minLength, maxLength });

/** An address that zod's email rule accepts, built as `local[.+_tag]@label.tld`, at most 24 characters. */
export const email = fc
  .tuple(word(1, 6), fc.option(fc.tuple(fc.constantFrom(".", "+", "_"), word(1, 3)), { nil: undefined }), word(1, 8), fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: 2, maxLength: 4 }))
  .map(([local, tag, label, tld]) => `${local}${tag ? tag.join("") : ""}@${label}.${tld}`);

const codePoints = (text: string) => [...text].length;

/** C0, DEL and C1: what a typed text may not carry. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const controlCharacter = fc.integer({ min: 0, max: 0x9f }).filter((code) => code < 0x20 || code >= 0x7f).map((code) => String.fromCharCode(code));

/** Any text of at most 20 code points without a control character. */
export const occasion = fc
  .oneof(fc.string({ unit: "grapheme", maxLength: 20 }), fc.string({ unit: "binary", maxLength: 20 }))
  .filter((text) => codePoints(text) <= 20 && !CONTROL.test(text.trim()));

// ---------------------------------------------------------------------------------------------
// Seating dates

interface Seating {
  local: Temporal.PlainDateTime;
  epochMs: number;
}

function seatingAt(dayOffset: number, minuteOfDay: number): Seating {
  const local = today.add({ days: dayOffset }).toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 });
  const zoned = local.toZonedDateTime(venue.timeZone, { disambiguation: "reject" });
  return { local, epochMs: zoned.epochMilliseconds };
}

/** A minute of the day on the slot grid during opening hours with room to dine before closing. */
const slotMinute = fc.integer({ min: 0, max: (lastSeatingAt - opensAt) / venue.slotMinutes }).map((slot) => opensAt + slot * venue.slotMinutes);

const twoDigits = (n: number) => String(n).padStart(2, "0");
const offsets = ["+00:00", "+05:30", "-03:00", "+14:00", "-11:00"];

/** The ways a client may write one instant: local wall time, with the local offset, in UTC, or in another offset. */
function notationsOf({ local, epochMs }: Seating): fc.Arbitrary<string> {
  const instant = Temporal.Instant.fromEpochMilliseconds(epochMs);
  const wall = local.toString({ smallestUnit: "minute" });
  return fc.constantFrom(
    wall,
    `${wall}:00`,
    `${wall}:00.000`,
    instant.toString({ timeZone: venue.timeZone }),
    instant.toString({ timeZone: venue.timeZone, fractionalSecondDigits: 3 }),
    instant.toString(),
    instant.toString().toLowerCase(),
    ...offsets.map((offset) => instant.toString({ timeZone: offset })),
  );
}

export interface GeneratedDate {
  sent: string;
  epochMs: number;
}

const isAhead = (epochMs: number) => epochMs > NOW.getTime() && epochMs <= NOW.getTime() + HORIZON_DAYS * DAY_MS;

/** An open seating after now and inside the booking horizon, in any accepted notation. */
export const futureSlot: fc.Arbitrary<GeneratedDate> = fc
  .tuple(fc.integer({ min: 0, max: HORIZON_DAYS }), slotMinute)
  .map(([day, minute]) => seatingAt(day, minute))
  .filter((seating) => isAhead(seating.epochMs))
  .chain((seating) => notationsOf(seating).map((sent) => ({ sent, epochMs: seating.epochMs })));

/** A slot-shaped seating written as local wall time, on a day chosen by `days`. */
const slotOnDays = (days: fc.Arbitrary<number>) =>
  fc.tuple(days, slotMinute).map(([day, minute]) => seatingAt(day, minute).local.toString({ smallestUnit: "minute" }));

export const pastSlot = slotOnDays(fc.integer({ min: -3000, max: -1 }));
export const slotBeyondHorizon = slotOnDays(fc.integer({ min: HORIZON_DAYS + 1, max: 3000 }));

/** A future time inside the horizon that is not a seating: off the grid, with seconds, or while closed. */
export const offGridTime = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: HORIZON_DAYS - 1 }), fc.integer({ min: opensAt, max: lastSeatingAt }))
    .filter(([, minute]) => minute % venue.slotMinutes !== 0)
    .map(([day, minute]) => `${today.add({ days: day })}T${twoDigits(Math.floor(minute / 60))}:${twoDigits(minute % 60)}`),
  fc
    .tuple(fc.integer({ min: 1, max: HORIZON_DAYS - 1 }), slotMinute, fc.integer({ min: 1, max: 59 }))
    .map(([day, minute, second]) => `${today.add({ days: day })}T${twoDigits(Math.floor(minute / 60))}:${twoDigits(minute % 60)}:${twoDigits(second)}`),
  fc
    .tuple(fc.integer({ min: 1, max: HORIZON_DAYS - 1 }), fc.integer({ min: 0, max: 24 * 60 - 1 }))
    .filter(([, minute]) => minute < opensAt || minute > lastSeatingAt)
    .map(([day, minute]) => `${today.add({ days: day })}T${twoDigits(Math.floor(minute / 60))}:${twoDigits(minute % 60)}`),
);

/** Text that is not an RFC 3339 date-time at all. */
export const garbageDate = fc.oneof(
  fc.string().filter((text) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)),
  fc.constantFrom("next friday at 7", "2026-12-18", "19:00", "2026-12-18 19:00", "2027-02-30T19:00", "2026-13-01T19:00", "2026-12-18T25:00", "2026-12-18T19:00+25:00"),
);

// ---------------------------------------------------------------------------------------------
// Whole bodies

export interface ValidBooking {
  body: Record<string, unknown>;
  expected: { firstName: string; lastName: string; phone: string; email: string | null; occasion: string | null; guestCount: number; epochMs: number };
}

const guestCount = fc.integer({ min: 1, max: venue.maxPartySize });

/** Every writable field, each drawn valid; `requiredKeys` says which of them a body must carry. */
const validFieldModel = {
  firstName: personName,
  lastName: personName,
  phone: usPhone,
  email: fc.option(email, { nil: null }),
  receiveEmailUpdates: fc.boolean(),
  receivePhoneCall: fc.boolean(),
  receiveTextNotification: fc.boolean(),
  occasion: fc.option(occasion, { nil: null }),
  date: futureSlot,
  guestCount,
};

type ValidFields = Partial<{ [K in keyof typeof validFieldModel]: (typeof validFieldModel)[K] extends fc.Arbitrary<infer T> ? T : never }>;

/** A body as sent, and the value the API should store for each field present. */
function toWire(fields: ValidFields): { body: Record<string, unknown>; stored: Record<string, unknown> } {
  const body: Record<string, unknown> = {};
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields) as Array<[string, unknown]>) {
    if (key === "firstName" || key === "lastName") {
      body[key] = (value as PaddedName).sent;
      stored[key] = (value as PaddedName).stored;
    } else if (key === "phone") {
      body[key] = (value as GeneratedPhone).sent;
      stored[key] = (value as GeneratedPhone).national;
    } else if (key === "date") {
      body[key] = (value as GeneratedDate).sent;
      stored.epochMs = (value as GeneratedDate).epochMs;
    } else if (key === "occasion") {
      body[key] = value;
      stored[key] = value === null ? null : (value as string).trim();
    } else {
      body[key] = value;
      stored[key] = value;
    }
  }
  return { body, stored };
}

/** A complete, valid booking for `venue`, with optional fields sometimes left out. */
export const validBooking: fc.Arbitrary<ValidBooking> = fc
  .record(validFieldModel, { requiredKeys: ["firstName", "lastName", "phone", "date", "guestCount"] })
  .map((fields) => {
    const { body, stored } = toWire(fields);
    return {
      body: { restaurantId: venue.id, ...body },
      expected: {
        firstName: stored.firstName as string,
        lastName: stored.lastName as string,
        phone: stored.phone as string,
        email: (stored.email as string | null | undefined) ?? null,
        occasion: (stored.occasion as string | null | undefined) ?? null,
        guestCount: stored.guestCount as number,
        epochMs: stored.epochMs as number,
      },
    };
  });

/** Any subset of the writable fields, each valid: a PATCH body and what the API should store. */
export const validPatch = fc.record(validFieldModel, { requiredKeys: [] }).map(toWire);

// ---------------------------------------------------------------------------------------------
// One broken field

/** Values of JSON types other than string; `null` only when the field is not nullable. */
const notAString = (nullable: boolean) =>
  fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    ...(nullable ? [] : [fc.constant(null)]),
  );

const notABoolean = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.boolean(), { maxLength: 2 }), fc.constantFrom("true", "false", 0, 1));

/** A character the name rule refuses, kept inside the name so trimming cannot remove it. */
const forbiddenNameCharacter = fc.oneof(
  fc.constantFrom(..."0123456789!@#$%^&*()_+=[]{}<>/\\|;:\",.?`~\t", "🙂", "\u0000", "\u200b"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((char) => !/^[\p{L}\p{M}' \-’]$/u.test(char)),
);

const invalidName = fc.oneof(
  fc.tuple(trimmable, nameCore(16, 30), trimmable).map(([before, core, after]) => before + core + after),
  fc.tuple(nameCore(1, 7), forbiddenNameCharacter, nameCore(1, 7)).map((parts) => parts.join("")),
  trimmable,
  notAString(false),
);

const invalidPhone = fc.oneof(
  fc.tuple(fc.string({ unit: fc.constantFrom(..."0123456789 -()."), maxLength: 8 }), fc.constantFrom(..."abcxyzABCXYZ"), fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 8 })).map((parts) => parts.join("")),
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 6 }),
  fc.constantFrom("", "0000000000", "+44 20 7946 0958", "555-2671"),
  notAString(false),
);

const invalidEmail = fc.oneof(
  fc.string().filter((text) => !text.includes("@")),
  fc.tuple(word(20, 40), word(1, 8)).map(([local, label]) => `${local}@${label}.com`).filter((address) => address.length > 30),
  notAString(true),
);

const invalidOccasion = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 21, maxLength: 40 }).filter((text) => codePoints(text.trim()) > 20),
  // ESC, BEL, NUL and the rest, anywhere inside the text.
  fc.tuple(word(1, 8), controlCharacter, word(1, 8)).map(([before, control, after]) => `${before}${control}${after}`),
  notAString(true),
);

const invalidGuestCount = fc.oneof(
  fc.integer({ max: 0 }),
  fc.integer({ min: venue.maxPartySize + 1 }),
  fc.constantFrom(1e21, Number.MAX_SAFE_INTEGER + 2),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
  fc.integer({ min: 1, max: venue.maxPartySize }).map(String),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
);

const invalidDate = fc.oneof(garbageDate, pastSlot, slotBeyondHorizon, offGridTime, notAString(false));

/** Keys the schema does not know; a few are chosen for what they mean to JavaScript objects. */
const knownKeys = new Set(["restaurantId", ...Object.keys(validFieldModel)]);
const unknownKey = fc.oneof(
  fc.string({ minLength: 1 }).filter((key) => !knownKeys.has(key)),
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "", " firstName", "FirstName"),
);

export const serverSetKeys = ["id", "status", "state", "statusChangedAt", "createdAt", "updatedAt"] as const;

export interface BrokenField {
  field: string;
  /** Absent means the field is left out of the body. */
  value?: unknown;
  missing?: true;
}

const set = (field: string, values: fc.Arbitrary<unknown>): fc.Arbitrary<BrokenField> => values.map((value) => ({ field, value }));
const missing = (field: string): fc.Arbitrary<BrokenField> => fc.constant({ field, missing: true as const });
/** Broken values of a field, and now and then the field left out. */
const brokenOrMissing = (field: string, values: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: set(field, values), weight: 4 }, { arbitrary: missing(field), weight: 1 });

/** One field of a booking made invalid, of every kind the rules name. */
export const brokenField: fc.Arbitrary<BrokenField> = fc.oneof(
  fc.constantFrom("firstName", "lastName").chain((field) => brokenOrMissing(field, invalidName)),
  brokenOrMissing("phone", invalidPhone),
  set("email", invalidEmail),
  set("occasion", invalidOccasion),
  fc.constantFrom("receiveEmailUpdates", "receivePhoneCall", "receiveTextNotification").chain((field) => set(field, notABoolean)),
  brokenOrMissing("guestCount", invalidGuestCount),
  brokenOrMissing("date", invalidDate),
  brokenOrMissing("restaurantId", fc.oneof(notAString(false), fc.uuid())),
  unknownKey.chain((field) => set(field, fc.jsonValue({ maxDepth: 1 }))),
  fc.constantFrom(...serverSetKeys).chain((field) => set(field, fc.jsonValue({ maxDepth: 1 }))),
);

/** `body` with one field replaced or removed; a computed key keeps `__proto__` an own property. */
export function withBrokenField(body: Record<string, unknown>, broken: BrokenField): Record<string, unknown> {
  const { [broken.field]: _dropped, ...rest } = body;
  return broken.missing ? rest : { ...rest, [broken.field]: broken.value };
}

// ---------------------------------------------------------------------------------------------
// Query strings

/** Cursors of the shapes the lists issue, with values no list would ever issue. */
const forgedCursor = fc
  .oneof(
    fc.record({ startsAt: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), id: fc.string() }),
    fc.record({ name: fc.string({ unit: "binary" }), id: fc.string() }),
    fc.jsonValue({ maxDepth: 1 }),
  )
  .map((key) => Buffer.from(JSON.stringify(key)).toString("base64url"));

const queryValue = fc.oneof(
  forgedCursor,
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.integer().map(String),
  fc.constantFrom("", " ", "%", "_", "'", '"', "\\", "NaN", "1e400", "-0", " 5 ", "0x10", "upcoming", "guest_here", "missed", "cancelled"),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  futureSlot.map((date) => date.sent),
  usPhone.map((phone) => phone.sent),
);

const queryKey = fc.oneof(
  { arbitrary: fc.constantFrom("limit", "cursor", "state", "from", "to", "phone", "q", "restaurantId", "cuisine"), weight: 5 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
);

/** A query string of known and unknown keys, some repeated, with values of any text; properly encoded. */
export const encodedQuery = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 6 })
  .map((pairs) => new URLSearchParams(pairs).toString());

/** A query string as a careless client might write it: unencoded, with stray and malformed escapes. */
export const rawQuery = fc.string({
  unit: fc.oneof(
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }).filter((char) => char !== "#"),
    fc.constantFrom("%", "&", "=", "+", "?", "%zz", "%E0%A4%A", "%00", "%FF", "%C3%28", "limit=", "cursor=", "phone=", "from=", "q="),
  ),
  maxLength: 40,
});
