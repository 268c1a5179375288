/** @jsxImportSource hono/jsx */
/** Changing a booking: another day and time, the party size or the contact details. */
import type { Context } from "hono";
import { formatForGuest, formatLocal, isPlainDate, zoned } from "../domain/local-time";
import type { Restaurant } from "../domain/restaurant";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";
import type { ReservationView } from "../services/reservations";
import { BOOKING_FIELDS } from "./booking";
import { ContactFields, type Errors, errorsByField, FieldMessage, FormAlert, Input, NotificationFields, shownValue } from "./fields";
import { guestInput, postedForm } from "./form-input";
import { renderPage } from "./render";
import { type Access, nationalPhone, resolveAccess, statusWords } from "./reservation";
import { setFlash } from "./session";

interface ChangeState {
  access: Access;
  restaurant: Restaurant;
  /** The local day whose times are offered, and the party they are offered for. */
  day: string;
  values: Record<string, unknown>;
  errors: Errors;
  alert?: string;
}

/** The day's open times for the party, with the booking's own time kept on its own day. */
async function timesFor(c: Context<AppEnv>, restaurant: Restaurant, view: ReservationView, day: string, guestCount: number): Promise<string[]> {
  const own = formatLocal(view.row.startsAt, restaurant.timeZone);
  const onItsDay = own.startsWith(day);
  if (guestCount < 1 || guestCount > restaurant.maxPartySize) return onItsDay ? [own] : [];
  const { slots } = await c.get("services").restaurants.availability(restaurant.id, Temporal.PlainDate.from(day), guestCount);
  const starts = slots.map((slot) => slot.start);
  return onItsDay && !starts.includes(own) ? [own, ...starts].sort() : starts;
}

async function changeForm(c: Context<AppEnv>, state: ChangeState, status: 200 | 409 | 422 = 200) {
  const { access, restaurant, day, values, errors, alert } = state;
  const { view, base } = access;
  const guestCount = typeof values.guestCount === "number" ? values.guestCount : view.row.guestCount;
  const times = await timesFor(c, restaurant, view, day, guestCount);
  const chosen = typeof values.date === "string" ? values.date : formatLocal(view.row.startsAt, restaurant.timeZone);
  return renderPage(
    c,
    `Change your reservation at ${restaurant.name}`,
    <>
      <hgroup>
        <h1>Change your reservation</h1>
        <p>
          {restaurant.name}, now {formatForGuest(view.row.startsAt, restaurant.timeZone)} for {view.row.guestCount}
        </p>
      </hgroup>
      {alert ? <p role="alert">{alert}</p> : null}
      <FormAlert errors={errors} shown={[...BOOKING_FIELDS, "date"]} />
      <form method="post" action={`${base}/change`} novalidate>
        <div class="grid">
          <Input label="Date" name="day" type="date" value={day} errors={errors} />
          <Input label="Party size" name="guestCount" type="number" min={1} max={restaurant.maxPartySize} value={shownValue(values, "guestCount")} errors={errors} />
        </div>
        <button type="submit" formmethod="get" formaction={`${base}/change`} class="secondary outline">
          Show times
        </button>
        <fieldset aria-describedby={errors.date ? "date-error" : undefined}>
          <legend>Time</legend>
          {times.length === 0 ? <p>No open tables on that day for {guestCount}. Try another date or party size.</p> : null}
          <div class="slots">
            {times.map((start) => (
              <label>
                <input type="radio" name="date" value={start} checked={start === chosen} />
                {start.slice(11, 16)}
              </label>
            ))}
          </div>
          <FieldMessage name="date" errors={errors} />
        </fieldset>
        <ContactFields values={values} errors={errors} />
        <Input label="Occasion" name="occasion" value={shownValue(values, "occasion")} errors={errors} />
        <NotificationFields values={values} errors={errors} />
        <button type="submit">Save changes</button>
      </form>
      <p>
        <a href={base}>Back to the reservation</a>
      </p>
    </>,
    status,
  );
}

/** Only an upcoming reservation can change: any other is shown as it is. */
function notChangeable(c: Context<AppEnv>, access: Access) {
  return renderPage(
    c,
    "Cannot change",
    <>
      <h1>This reservation cannot be changed</h1>
      <p role="alert">It is {statusWords[access.view.status].toLowerCase()}; only an upcoming reservation can be changed.</p>
      <p>
        <a href={access.base}>Back to the reservation</a>
      </p>
    </>,
    409,
  );
}

export async function changePage(c: Context<AppEnv>) {
  const access = await resolveAccess(c);
  if (access.view.status !== 0) return notChangeable(c, access);
  const { row } = access.view;
  const restaurant = await c.get("services").restaurants.get(row.restaurantId);
  const query = c.req.query();
  const asked = query.day && isPlainDate(query.day) ? query.day : zoned(row.startsAt, restaurant.timeZone).toPlainDate().toString();
  // "Show times" submits the whole form by GET, so what the guest typed comes back with the times.
  const typed = query.firstName !== undefined ? guestInput(query, BOOKING_FIELDS) : null;
  const values = typed ?? {
    firstName: row.firstName,
    lastName: row.lastName,
    phone: nationalPhone(row.phone, c.get("services").settings.phoneRegion),
    email: row.email,
    occasion: row.occasion,
    guestCount: row.guestCount,
    receiveEmailUpdates: row.receiveEmailUpdates,
    receivePhoneCall: row.receivePhoneCall,
    receiveTextNotification: row.receiveTextNotification,
  };
  if (typed && typeof typed.guestCount !== "number") typed.guestCount = row.guestCount;
  return changeForm(c, { access, restaurant, day: asked, values, errors: {} });
}

export async function saveChange(c: Context<AppEnv>) {
  const access = await resolveAccess(c);
  if (access.view.status !== 0) return notChangeable(c, access);
  const { reservations, restaurants, settings } = c.get("services");
  const { row } = access.view;
  const restaurant = await restaurants.get(row.restaurantId);
  const form = await postedForm(c);
  const input: Record<string, unknown> = guestInput(form, BOOKING_FIELDS);
  // The seating changes only when another time was picked: the same time is not re-checked.
  if (form.date !== undefined && Date.parse(form.date) !== row.startsAt) input.date = form.date;
  const day = form.day && isPlainDate(form.day) ? form.day : zoned(row.startsAt, restaurant.timeZone).toPlainDate().toString();
  const shown = { ...input, date: form.date };
  const checked = await reservations.checkChanges(row.id, input);
  if (!checked.ok) return changeForm(c, { access, restaurant, day, values: shown, errors: errorsByField(checked.errors) }, 422);
  try {
    await reservations.update(row.id, checked.value);
  } catch (error) {
    if (error instanceof ApiError && error.code === "conflict") {
      return changeForm(c, { access, restaurant, day, values: shown, errors: {}, alert: error.message }, 409);
    }
    throw error;
  }
  setFlash(c, settings, "changed");
  return c.redirect(access.base, 303);
}
