import type { Database } from "bun:sqlite";
import type { SeatHold } from "../../domain/restaurant";
import { type Actor, actorName } from "../../domain/actor";
import type { StatusCode } from "../../domain/reservation-status";
import type { StoredHold } from "./occupancy-index";
import type { IdempotencyKeyRef, LiveCutoffs, OutboxMessage, ReservationRow, StatusLogEntry } from "../repository";

/** Every field of a reservation and its column: the one place the statements below come from. */
const COLUMNS = {
  id: "id",
  restaurantId: "restaurant_id",
  firstName: "first_name",
  lastName: "last_name",
  phone: "phone",
  email: "email",
  receiveEmailUpdates: "receive_email_updates",
  receivePhoneCall: "receive_phone_call",
  receiveTextNotification: "receive_text_notification",
  occasion: "occasion",
  startsAt: "starts_at",
  endsAt: "ends_at",
  guestCount: "guest_count",
  status: "status",
  statusChangedAt: "status_changed_at",
  createdAt: "created_at",
  updatedAt: "updated_at",
  version: "version",
  ownerUserId: "owner_user_id",
  guestLinkHash: "guest_link_hash",
} as const satisfies Record<keyof ReservationRow, string>;

/** The Actor a status-log row names, from its kind and name columns. */
export function storedActor(kind: string, name: string): Actor {
  if (kind === "guest") return { kind, userId: name.slice("guest:".length) };
  if (kind === "link_holder" || kind === "system") return { kind };
  return { kind: "api_key", name };
}

const fields = Object.keys(COLUMNS) as Array<keyof ReservationRow>;

type StoredRow = Omit<ReservationRow, "receiveEmailUpdates" | "receivePhoneCall" | "receiveTextNotification" | "status"> & {
  receiveEmailUpdates: number;
  receivePhoneCall: number;
  receiveTextNotification: number;
  status: number;
};

const fromStored = (stored: StoredRow): ReservationRow => ({
  ...stored,
  receiveEmailUpdates: stored.receiveEmailUpdates === 1,
  receivePhoneCall: stored.receivePhoneCall === 1,
  receiveTextNotification: stored.receiveTextNotification === 1,
  status: stored.status as StatusCode,
});

/**
 * The statements on the hot paths, on bun:sqlite directly and prepared once: through the query
 * builder a write cost about twice as much and the seat-hold read four times as much.
 */
export function reservationStatements(client: Database) {
  const selectRow = `select ${fields.map((field) => `${COLUMNS[field]} as ${field}`).join(", ")} from reservations`;
  const byId = client.query<StoredRow, { id: string }>(`${selectRow} where id = $id`);
  const byLink = client.query<StoredRow, { hash: string }>(`${selectRow} where guest_link_hash = $hash`);
  const ofOwner = client.query<StoredRow, { owner: string; limit: number; beforeStartsAt: number | null; beforeId: string | null }>(
    `${selectRow} where owner_user_id = $owner
       and ($beforeStartsAt is null or starts_at < $beforeStartsAt or (starts_at = $beforeStartsAt and id < $beforeId))
     order by starts_at desc, id desc limit $limit`,
  );
  // A hold that ends after `from` started after `from` minus the restaurant's longest stay, so
  // that lower bound drops no overlap; without it the scan reads every earlier reservation of
  // the restaurant. The longest stay is one step of the `reservations_restaurant_stay` index.
  const longestStay = client.query<{ stay: number | null }, { restaurantId: string }>(
    "select max(ends_at - starts_at) as stay from reservations where restaurant_id = $restaurantId",
  );
  const holds = client.query<SeatHold, Record<string, string | number>>(
    `select starts_at as startsAt, ends_at as endsAt, guest_count as guestCount from reservations
     where restaurant_id = $restaurantId and starts_at > $from - $longestStay and starts_at < $to and ends_at > $from
       and id <> $excludeId
       and ((status = 0 and starts_at > $upcomingStartsAfter) or (status = 1 and starts_at > $guestHereStartsAfter))`,
  );
  // The same window with no clock filter, for the occupancy index, which applies the cutoffs itself.
  const storedHolds = client.query<StoredHold, Record<string, string | number>>(
    `select starts_at as startsAt, ends_at as endsAt, guest_count as guestCount, status from reservations
     where restaurant_id = $restaurantId and starts_at > $from - $longestStay and starts_at < $to and ends_at > $from
       and status in (0, 1)`,
  );
  const insert = client.query(
    `insert into reservations (${fields.map((field) => COLUMNS[field]).join(", ")})
     values (${fields.map((field) => `$${field}`).join(", ")})`,
  );
  const update = client.query(
    `update reservations set ${fields
      .filter((field) => field !== "id")
      .map((field) => `${COLUMNS[field]} = $${field}`)
      .join(", ")} where id = $id`,
  );
  const log = client.query(
    `insert into status_log (reservation_id, from_status, to_status, at, actor_kind, actor, reason)
     values ($reservationId, $fromStatus, $toStatus, $at, $actorKind, $actor, $reason)`,
  );
  const linkIdempotencyKey = client.query(
    "update idempotency_keys set resource_id = $resourceId where api_key_name = $scope and key = $key",
  );
  const notify = client.query(
    `insert into outbox (dedupe_key, reservation_id, kind, channel, subscriber, payload, state, attempts, next_attempt_at, created_at, updated_at)
     values ($dedupeKey, $reservationId, $kind, $channel, $subscriber, $payload, 'pending', 0, $now, $now, $now)
     on conflict (dedupe_key) do nothing`,
  );
  return {
    get: (id: string): ReservationRow | null => {
      const stored = byId.get({ id });
      return stored ? fromStored(stored) : null;
    },
    byLink: (hash: string): ReservationRow | null => {
      const stored = byLink.get({ hash });
      return stored ? fromStored(stored) : null;
    },
    ofOwner: (owner: string, limit: number, before?: { startsAt: number; id: string }): ReservationRow[] =>
      ofOwner.all({ owner, limit, beforeStartsAt: before?.startsAt ?? null, beforeId: before?.id ?? null }).map(fromStored),
    /** The live holds on the restaurant's seats in [from, to), leaving out `excludeId`. */
    seatHolds: (restaurantId: string, from: number, to: number, cutoffs: LiveCutoffs, excludeId = ""): SeatHold[] => {
      const stay = longestStay.get({ restaurantId })?.stay;
      if (stay === null || stay === undefined) return [];
      return holds.all({ restaurantId, from, to, excludeId, longestStay: stay, ...cutoffs });
    },
    /** The holds in [from, to) that are upcoming or seated as stored, whatever the clock says. */
    storedHolds: (restaurantId: string, from: number, to: number): StoredHold[] => {
      const stay = longestStay.get({ restaurantId })?.stay;
      if (stay === null || stay === undefined) return [];
      return storedHolds.all({ restaurantId, from, to, longestStay: stay });
    },
    insert: (row: ReservationRow) => insert.run({ ...row }),
    update: (row: ReservationRow) => update.run({ ...row }),
    log: ({ actor, ...entry }: StatusLogEntry) => log.run({ ...entry, actorKind: actor.kind, actor: actorName(actor) }),
    linkIdempotencyKey: (claim: IdempotencyKeyRef, resourceId: string) => linkIdempotencyKey.run({ ...claim, resourceId }),
    notify: (message: OutboxMessage, now: number) => notify.run({ ...message, payload: JSON.stringify(message.payload), now }),
  };
}
