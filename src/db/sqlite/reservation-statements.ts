import type { Database } from "bun:sqlite";
import type { SeatHold } from "../../domain/restaurant";
import type { StatusCode } from "../../domain/reservation-status";
import type { ReservationAt } from "../job-store";
import { holdsSeats, liveState, movedOnByClock } from "./live-state";
import { logRow } from "../rows";
import type { StoredHold } from "./occupancy-index";
import type { IdempotencyKeyRef, LiveCutoffs, OutboxMessage, ReservationQuery, ReservationRow, StatusLogEntry } from "../repository";

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
       and id <> $excludeId and ${holdsSeats}`,
  );
  // The same window with no clock filter, for the occupancy index, which applies the cutoffs itself.
  const storedHolds = client.query<StoredHold, Record<string, string | number>>(
    `select starts_at as startsAt, ends_at as endsAt, guest_count as guestCount, status from reservations
     where restaurant_id = $restaurantId and starts_at > $from - $longestStay and starts_at < $to and ends_at > $from
       and status in (0, 1)`,
  );
  // A statement per shape of a list query (which filters it has), prepared on first use:
  // building and preparing one on every request cost a quarter of a search's time.
  const lists = new Map<string, ReturnType<typeof client.query<StoredRow, Record<string, string | number | null>>>>();
  const listOf = (query: ReservationQuery) => {
    const where = [
      query.restaurantId !== undefined && "restaurant_id = $restaurantId",
      query.restaurantIds !== undefined && "restaurant_id in (select value from json_each($ids))",
      query.phone !== undefined && "phone = $phone",
      query.from !== undefined && "starts_at >= $from",
      query.to !== undefined && "starts_at < $to",
      query.state !== undefined && liveState[query.state.state],
      query.after !== undefined && "(starts_at > $afterStartsAt or (starts_at = $afterStartsAt and id > $afterId))",
    ].filter((clause): clause is string => clause !== false);
    const shape = where.join(" and ");
    let statement = lists.get(shape);
    if (!statement) {
      statement = client.query(`${selectRow}${shape ? ` where ${shape}` : ""} order by starts_at, id limit $limit`);
      lists.set(shape, statement);
    }
    return statement;
  };
  // Each stored status read in the order of `reservations_status_starts` and cut at the limit
  // before the two are merged: over both at once, or ordered by anything more than the start,
  // every batch of the sweep read every due row.
  const movedOnOf = (clause: string) => `select * from (${selectRow} where ${clause} order by starts_at limit $limit)`;
  const movedOn = client.query<StoredRow, Record<string, number>>(
    `${movedOnOf(movedOnByClock.upcoming)} union all ${movedOnOf(movedOnByClock.guestHere)} order by startsAt limit $limit`,
  );
  // The sweep's writes, a batch in one statement each: its rows arrive as one JSON array.
  const fromJson = (field: string) => `json_extract(value, '$.${field}')`;
  // Only the fields a move by the clock changes: setting the others too would rewrite every
  // index of every row.
  const moved = ["status", "statusChangedAt", "updatedAt", "version"] as const satisfies ReadonlyArray<keyof ReservationRow>;
  const updateMany = client.query(
    `update reservations set ${moved.map((field) => `${COLUMNS[field]} = j.${field}`).join(", ")}
     from (select ${["id", ...moved].map((field) => `${fromJson(field)} as ${field}`).join(", ")} from json_each($rows)) as j where reservations.id = j.id`,
  );
  /** Whether `row` differs from `before` in nothing but the fields a move changes. */
  const onlyMoved = (before: ReservationRow, row: ReservationRow) => fields.every((field) => before[field] === row[field] || (moved as readonly string[]).includes(field));
  const logMany = client.query(
    `insert into status_log (reservation_id, from_status, to_status, at, actor_kind, actor, reason)
     select ${["reservationId", "fromStatus", "toStatus", "at", "actorKind", "actor", "reason"].map(fromJson).join(", ")} from json_each($entries)`,
  );
  const notifyMany = client.query(
    `insert into outbox (dedupe_key, reservation_id, kind, channel, subscriber, payload, state, attempts, next_attempt_at, created_at, updated_at)
     select ${["dedupeKey", "reservationId", "kind", "channel", "subscriber", "payload"].map(fromJson).join(", ")}, 'pending', 0, $now, $now, $now
     from json_each($messages) where true
     on conflict (dedupe_key) do nothing`,
  );
  const upcomingStarting = client.query<StoredRow, { after: number; atOrBefore: number }>(
    `${selectRow} where status = 0 and starts_at > $after and starts_at <= $atOrBefore order by starts_at, id`,
  );
  const restaurantsOf = client.query<ReservationAt["restaurant"], { ids: string }>(
    "select id, name, time_zone as timeZone, external_id as externalId from restaurants where id in (select value from json_each($ids))",
  );
  /** Each row with what a message says of its restaurant. */
  const at = (rows: ReservationRow[]): ReservationAt[] => {
    if (rows.length === 0) return [];
    const found = new Map(restaurantsOf.all({ ids: JSON.stringify([...new Set(rows.map((row) => row.restaurantId))]) }).map((r) => [r.id, r]));
    return rows.map((row) => ({ row, restaurant: found.get(row.restaurantId)! }));
  };
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
    /** A page of a list query and one more row, which says whether another page follows. */
    list: (query: ReservationQuery): ReservationRow[] =>
      listOf(query)
        .all({
          restaurantId: query.restaurantId ?? null,
          ids: JSON.stringify(query.restaurantIds ?? []),
          phone: query.phone ?? null,
          from: query.from ?? null,
          to: query.to ?? null,
          afterStartsAt: query.after?.startsAt ?? null,
          afterId: query.after?.id ?? null,
          upcomingStartsAfter: query.state?.cutoffs.upcomingStartsAfter ?? null,
          guestHereStartsAfter: query.state?.cutoffs.guestHereStartsAfter ?? null,
          limit: query.limit + 1,
        })
        .map(fromStored),
    /** Reservations the clock has moved on by the cutoffs, oldest first. */
    movedOn: (cutoffs: LiveCutoffs, limit: number): ReservationAt[] => at(movedOn.all({ ...cutoffs, limit }).map(fromStored)),
    upcomingStarting: (after: number, atOrBefore: number): ReservationAt[] => at(upcomingStarting.all({ after, atOrBefore }).map(fromStored)),
    /**
     * A batch of rows (each with the row it was), log entries and messages, one statement each
     * (messages at most once by dedupe key); a row changed in more than a move is written alone.
     */
    writeMany: (rows: ReadonlyArray<{ before: ReservationRow; row: ReservationRow }>, entries: readonly StatusLogEntry[], messages: readonly OutboxMessage[], now: number) => {
      const moves = rows.filter(({ before, row }) => onlyMoved(before, row));
      if (moves.length > 0) updateMany.run({ rows: JSON.stringify(moves.map(({ row }) => row)) });
      for (const { before, row } of rows) if (!onlyMoved(before, row)) update.run({ ...row });
      if (entries.length > 0) logMany.run({ entries: JSON.stringify(entries.map(logRow)) });
      return messages.length > 0 ? notifyMany.run({ messages: JSON.stringify(messages), now }).changes : 0;
    },
    insert: (row: ReservationRow) => insert.run({ ...row }),
    update: (row: ReservationRow) => update.run({ ...row }),
    log: (entry: StatusLogEntry) => log.run(logRow(entry)),
    linkIdempotencyKey: (claim: IdempotencyKeyRef, resourceId: string) => linkIdempotencyKey.run({ ...claim, resourceId }),
    /** Queues a message unless one with its dedupe key is queued already; true when it was new. */
    notify: (message: OutboxMessage, now: number) => notify.run({ ...message, payload: JSON.stringify(message.payload), now }).changes > 0,
  };
}
