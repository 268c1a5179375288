/** @jsxImportSource hono/jsx */
/** The booking form for a chosen slot, autofilled from the profile, and the booking itself. */
import type { Context } from "hono";
import { formatForGuest, parseDateTime, resolveLocal } from "../domain/local-time";
import { notificationDefaults } from "../domain/guest-fields";
import type { Restaurant } from "../domain/restaurant";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";
import { ContactFields, type Errors, errorsByField, FormAlert, Input, NotificationFields, shownValue } from "./fields";
import { guestInput, postedForm } from "./form-input";
import { renderPage } from "./render";
import { nationalPhone } from "./reservation";
import { setFlash } from "./session";

export const BOOKING_FIELDS = [
  "firstName",
  "lastName",
  "phone",
  "email",
  "occasion",
  "guestCount",
  "receiveEmailUpdates",
  "receivePhoneCall",
  "receiveTextNotification",
] as const;

/** The instant a slot value names, in the restaurant's zone, or null when it names none. */
function slotInstant(value: string | undefined, restaurant: Restaurant): number | null {
  const parsed = value === undefined ? ({ kind: "invalid" } as const) : parseDateTime(value);
  if (parsed.kind === "instant") return parsed.epochMs;
  if (parsed.kind === "local") {
    const resolved = resolveLocal(parsed.local, restaurant.timeZone);
    return resolved.ok ? resolved.epochMs : null;
  }
  return null;
}

interface FormState {
  restaurant: Restaurant;
  start: string;
  values: Record<string, unknown>;
  errors: Errors;
  /** When the slot filled up: the nearest seatings that still fit. */
  full?: { guestCount: number; alternatives: string[] };
}

function bookingForm(c: Context<AppEnv>, { restaurant, start, values, errors, full }: FormState, status: 200 | 409 | 422 = 200) {
  const at = slotInstant(start, restaurant);
  const action = `/restaurants/${restaurant.id}/book`;
  return renderPage(
    c,
    `Book ${restaurant.name}`,
    <>
      <hgroup>
        <h1>Book {restaurant.name}</h1>
        <p>{at === null ? "Pick a time on the search page first." : formatForGuest(at, restaurant.timeZone)}</p>
      </hgroup>
      {full ? (
        <div role="alert" class="form-error">
          <p>No room for {full.guestCount} at that time.</p>
          {full.alternatives.length > 0 ? (
            <form method="get" action={action} class="slots">
              <p>The nearest open tables:</p>
              <input type="hidden" name="partySize" value={String(full.guestCount)} />
              {full.alternatives.map((slot) => (
                <button type="submit" name="start" value={slot} class="secondary">
                  {slot.slice(11, 16)}
                </button>
              ))}
            </form>
          ) : (
            <p>
              Nothing else is open that day for {full.guestCount}. <a href="/">Search another day</a>.
            </p>
          )}
        </div>
      ) : null}
      <FormAlert errors={errors} shown={BOOKING_FIELDS} />
      <form method="post" action={action} novalidate>
        <input type="hidden" name="date" value={start} />
        <Input label="Party size" name="guestCount" type="number" min={1} max={restaurant.maxPartySize} value={shownValue(values, "guestCount")} errors={errors} required />
        <ContactFields values={values} errors={errors} />
        <Input label="Occasion" name="occasion" value={shownValue(values, "occasion")} errors={errors} hint="Optional: a birthday, an anniversary…" />
        <NotificationFields values={values} errors={errors} />
        <button type="submit">Book</button>
      </form>
    </>,
    status,
  );
}

export async function bookingPage(c: Context<AppEnv>) {
  const restaurant = await c.get("services").restaurants.get(c.req.param("restaurantId")!);
  const guest = c.get("guest");
  const partySize = c.req.query("partySize");
  const values: Record<string, unknown> = {
    ...notificationDefaults,
    guestCount: partySize && /^\d{1,3}$/.test(partySize) ? Number(partySize) : 2,
    ...(guest
      ? {
          firstName: guest.firstName,
          lastName: guest.lastName,
          phone: nationalPhone(guest.phone, c.get("services").settings.phoneRegion),
          email: guest.email,
          receiveEmailUpdates: guest.receiveEmailUpdates,
          receivePhoneCall: guest.receivePhoneCall,
          receiveTextNotification: guest.receiveTextNotification,
        }
      : {}),
  };
  return bookingForm(c, { restaurant, start: c.req.query("start") ?? "", values, errors: {} });
}

export async function book(c: Context<AppEnv>) {
  const { restaurants, reservations, settings } = c.get("services");
  const restaurant = await restaurants.get(c.req.param("restaurantId")!);
  const form = await postedForm(c);
  const start = form.date ?? "";
  const input = { ...guestInput(form, BOOKING_FIELDS), restaurantId: restaurant.id, date: start };
  const checked = await reservations.checkNew(input);
  if (!checked.ok) return bookingForm(c, { restaurant, start, values: input, errors: errorsByField(checked.errors) }, 422);
  const guest = c.get("guest");
  try {
    const booked = await reservations.create(checked.value, guest ? { kind: "guest", userId: guest.id } : { kind: "link_holder" }, { ownerUserId: guest?.id });
    setFlash(c, settings, "booked");
    return c.redirect(`/r/${booked.guestLinkToken}`, 303);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "conflict") throw error;
    const alternatives = await nearestOpen(c, restaurant, start, checked.value.guestCount);
    return bookingForm(c, { restaurant, start, values: input, errors: {}, full: { guestCount: checked.value.guestCount, alternatives } }, 409);
  }
}

/** Up to four open seatings of that day for the party, nearest to the one that filled up. */
async function nearestOpen(c: Context<AppEnv>, restaurant: Restaurant, start: string, guestCount: number): Promise<string[]> {
  const wanted = slotInstant(start, restaurant);
  if (wanted === null) return [];
  const day = Temporal.Instant.fromEpochMilliseconds(wanted).toZonedDateTimeISO(restaurant.timeZone).toPlainDate();
  const { slots } = await c.get("services").restaurants.availability(restaurant.id, day, guestCount);
  const distance = (slot: string) => Math.abs(Date.parse(slot) - wanted);
  return slots
    .map((slot) => slot.start)
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, 4)
    .sort();
}
