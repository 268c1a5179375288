/** @jsxImportSource hono/jsx */
/**
 * A guest's reservation: its page, its change form and its cancellation, reached through the
 * private link (`/r/<token>`) or, for the account it belongs to, by id (`/reservations/<id>`).
 * Anyone else gets the same 404 as for a reservation that does not exist.
 */
import type { Context } from "hono";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import type { StatusLogEntry } from "../db/repository";
import type { Actor } from "../domain/actor";
import { formatForGuest } from "../domain/local-time";
import type { StatusCode } from "../domain/reservation-status";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";
import type { ReservationView } from "../services/reservations";
import { renderPage } from "./render";
import { setFlash } from "./session";

/** The status in words a guest understands. */
export const statusWords: Record<StatusCode, string> = {
  0: "Upcoming",
  1: "You're here",
  2: "Visit complete",
  3: "Missed",
  4: "Cancelled",
};

const happened: Record<StatusCode, string> = {
  0: "Booked",
  1: "Checked in",
  2: "Checked out",
  3: "Marked as missed",
  4: "Cancelled",
};

/** Who did it, as the guest looking at the page reads it. */
function by(actor: Actor, viewer: string | null): string {
  switch (actor.kind) {
    case "api_key":
      return "by the restaurant";
    case "guest":
      return actor.userId === viewer ? "by you" : "by the guest";
    case "link_holder":
      return "through the private link";
    case "system":
      return "automatically";
  }
}

export interface Access {
  view: ReservationView;
  actor: Actor;
  /** The page's own path, which its forms post under. */
  base: string;
  /** Set when the page was opened through the private link. */
  token?: string;
}

/** The reservation a request may see, and who acts on it, or a 404. */
export async function resolveAccess(c: Context<AppEnv>): Promise<Access> {
  const { reservations } = c.get("services");
  const token = c.req.param("token");
  if (token !== undefined) return { view: await reservations.findByLink(token), actor: { kind: "link_holder" }, base: `/r/${token}`, token };
  const guest = c.get("guest");
  const id = c.req.param("reservationId")!;
  if (!guest) throw ApiError.notFound("That reservation");
  return { view: await reservations.getOwned(id, guest.id), actor: { kind: "guest", userId: guest.id }, base: `/reservations/${id}` };
}

export function nationalPhone(national: string, region: string): string {
  return parsePhoneNumberFromString(national, region as CountryCode)?.formatNational() ?? national;
}

export async function reservationPage(c: Context<AppEnv>) {
  const access = await resolveAccess(c);
  const { view, base, token } = access;
  const { restaurants, statusChanges, settings } = c.get("services");
  const restaurant = await restaurants.get(view.row.restaurantId);
  const history = await statusChanges.history(view.row.id, 100);
  const { row, timeZone, status } = view;
  const guest = c.get("guest");
  const origin = settings.server.publicUrlSet ? settings.server.publicUrl : new URL(c.req.url).origin;
  const chosen = [
    row.receiveEmailUpdates && row.email ? "email" : null,
    row.receiveTextNotification ? "text message" : null,
    row.receivePhoneCall ? "phone call" : null,
  ].filter(Boolean);
  return renderPage(
    c,
    `Reservation at ${restaurant.name}`,
    <>
      <hgroup>
        <h1>{restaurant.name}</h1>
        <p>{restaurant.address}</p>
      </hgroup>
      <p class={`status status-${status}`}>
        Status: <strong>{statusWords[status]}</strong>
      </p>
      <dl class="reservation">
        <dt>Date and time</dt>
        <dd>
          {formatForGuest(row.startsAt, timeZone)} <small>({timeZone})</small>
        </dd>
        <dt>Party size</dt>
        <dd>{row.guestCount}</dd>
        <dt>Name</dt>
        <dd>
          {row.firstName} {row.lastName}
        </dd>
        <dt>Phone</dt>
        <dd>{nationalPhone(row.phone, settings.phoneRegion)}</dd>
        <dt>Email</dt>
        <dd>{row.email ?? "None given"}</dd>
        <dt>Occasion</dt>
        <dd>{row.occasion ?? "None"}</dd>
        <dt>Notifications</dt>
        <dd>{chosen.length > 0 ? `By ${chosen.join(", ")}` : "None"}</dd>
      </dl>
      {status === 0 ? (
        <div class="actions">
          <a href={`${base}/change`} class="change-link">
            Change reservation
          </a>
          <form method="post" action={`${base}/cancel`} class="inline">
            <button type="submit" class="secondary">
              Cancel reservation
            </button>
          </form>
        </div>
      ) : null}
      {token ? (
        <section aria-labelledby="link-heading">
          <h2 id="link-heading">Your private link</h2>
          <p>Anyone with this link can see and change this booking, so keep it to yourself. It is also in your confirmation.</p>
          <label>
            Private link
            <input type="text" readonly value={`${origin}${base}`} id="private-link" />
          </label>
          <button type="button" class="outline" data-copy="private-link" hidden>
            Copy link
          </button>
          {guest === null ? (
            <p>
              <a href={`/signup?claim=${encodeURIComponent(token)}`}>Sign up to keep this booking</a> in an account, with your other reservations.
            </p>
          ) : row.ownerUserId === null ? (
            <form method="post" action={`${base}/claim`}>
              <button type="submit" class="outline">
                Keep this booking in my account
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ol class="timeline">
          {history.items.map((entry) => (
            <HistoryItem entry={entry} timeZone={timeZone} viewer={guest?.id ?? null} />
          ))}
        </ol>
      </section>
      <script src="/assets/copy-link.js" defer></script>
    </>,
  );
}

function HistoryItem({ entry, timeZone, viewer }: { entry: StatusLogEntry; timeZone: string; viewer: string | null }) {
  const what = entry.fromStatus === null ? happened[0] : happened[entry.toStatus];
  return (
    <li>
      <time datetime={new Date(entry.at).toISOString()}>{formatForGuest(entry.at, timeZone)}</time>: {what} {by(entry.actor, viewer)}
    </li>
  );
}

/** The guest cancels: a status change like any other, under the same rate limit. */
export async function cancelReservation(c: Context<AppEnv>) {
  const { view, actor, base } = await resolveAccess(c);
  const { statusChanges, settings } = c.get("services");
  try {
    await statusChanges.change(view.row.id, 4, actor, { reason: "cancelled by the guest" });
  } catch (error) {
    if (error instanceof ApiError && (error.code === "invalid_transition" || error.code === "conflict")) {
      return renderPage(
        c,
        "Cannot cancel",
        <>
          <h1>This reservation cannot be cancelled</h1>
          <p role="alert">{error.message}</p>
          <p>
            <a href={base}>Back to the reservation</a>
          </p>
        </>,
        409,
      );
    }
    throw error;
  }
  setFlash(c, settings, "cancelled");
  return c.redirect(base, 303);
}

/** A signed-in guest keeps a booking made through its link in their account. */
export async function claimReservation(c: Context<AppEnv>) {
  const token = c.req.param("token")!;
  const guest = c.get("guest");
  if (!guest) return c.redirect(`/login?next=${encodeURIComponent(`/r/${token}`)}`, 303);
  const { view } = await resolveAccess(c);
  await c.get("services").reservations.claim(token, guest.id);
  return c.redirect(`/reservations/${view.row.id}`, 303);
}
