/**
 * The rules a guest's fields must meet, written once as plain zod. The API's schemas add their
 * OpenAPI examples to these; the pages validate their forms with the same objects, so a form can
 * never accept what the API refuses, or the reverse. Rules that need a restaurant or the clock
 * (party size limit, seatings, the phone's region) live in `services/reservation-input.ts`.
 */
import { z } from "zod";
import { isDateTime } from "./local-time";

/** A refinement's rule name, reported in a validation problem beside the message. */
export const rule = (name: string, error: string) => ({ error, params: { rule: name } });

/** Letters of any script with their marks, spaces, hyphens and apostrophes, and at least one letter. */
export const NAME_CHARACTERS = /^(?=.*\p{L})[\p{L}\p{M}' \-’]+$/u;

/** C0 and C1 control characters and DEL: a typed text never needs them, and a log or a message must not carry them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
export const hasNoControlCharacters = (text: string) => !CONTROL_CHARACTERS.test(text);

/** Free text a guest or a venue types: trimmed, bounded, and without control characters. */
export const freeText = (max: number) =>
  z
    .string({ error: "must be a string" })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(hasNoControlCharacters, rule("control_character", "must not contain control characters"));

// A refinement rather than .regex(): the spec would otherwise carry the `u` flag inside the pattern.
export const personName = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, { error: "must not be empty", abort: true })
  .max(15, "must be at most 15 characters")
  .refine((name) => NAME_CHARACTERS.test(name), rule("invalid_format", "must be letters, with only spaces, hyphens and apostrophes besides"));

/** Any usual notation; whether it is a number of the region is checked by `normalizePhone`. */
export const phoneText = z.string({ error: "must be a string" });

export const emailAddress = z.email({ error: "must be a valid email address" }).max(30, "must be at most 30 characters");

const choice = z.boolean({ error: "must be true or false" });

export const guestCount = z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1");

export const guestFieldRules = {
  firstName: personName,
  lastName: personName,
  phone: phoneText,
  email: emailAddress.nullable().optional(),
  receiveEmailUpdates: choice.optional(),
  receivePhoneCall: choice.optional(),
  receiveTextNotification: choice.optional(),
  occasion: freeText(20).nullable().optional(),
};

/** Defaults of the three notification choices when a booking leaves them out. */
export const notificationDefaults = { receiveEmailUpdates: true, receivePhoneCall: true, receiveTextNotification: false } as const;

/** The seating time: RFC 3339, and without an offset the restaurant's local time. */
export const seatingTime = z
  .string({ error: "must be an RFC 3339 date-time string" })
  .refine(isDateTime, rule("invalid_format", "must be an RFC 3339 date-time, e.g. 2027-06-18T19:00:00-07:00 or 2027-06-18T19:00"));

/** Why a status was changed, as staff or a guest writes it. */
export const changeReason = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .refine(hasNoControlCharacters, rule("control_character", "must not contain control characters"));

/** NIST SP 800-63B: length is what counts; no composition rules, and long passphrases welcome. */
export const password = z
  .string({ error: "must be a string" })
  .min(8, "must be at least 8 characters")
  .max(128, "must be at most 128 characters");

/** A booking's fields as a client sends them. */
export const newReservationRules = {
  restaurantId: z.string({ error: "must be a string" }),
  ...guestFieldRules,
  date: seatingTime,
  guestCount,
};

/** Any subset of what a booking may change afterwards. */
export const reservationChangeRules = {
  ...guestFieldRules,
  firstName: personName.optional(),
  lastName: personName.optional(),
  phone: phoneText.optional(),
  date: seatingTime.optional(),
  guestCount: guestCount.optional(),
};

export type NewReservationInput = z.infer<z.ZodObject<typeof newReservationRules>>;
export type ReservationChangesInput = z.infer<z.ZodObject<typeof reservationChangeRules>>;
