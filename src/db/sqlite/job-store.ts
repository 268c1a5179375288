import { automaticReasons, type StatusRules } from "../../domain/reservation-status";
import { snapshotSql } from "../../notifications/snapshot";
import type { ClaimedNotification, JobStore, NotificationEntry, RestaurantDataTarget } from "../job-store";
import { occupancyIndexOf } from "./occupancy-index";
import type { SqliteDb } from "./open";

const MINUTE = 60_000;

/** Each event fans out to the targets in `$targets` (a JSON array), one outbox row each. */
const targetColumns = `json_extract(t.value, '$.channel'), json_extract(t.value, '$.subscriber')`;
const targetKey = `':' || json_extract(t.value, '$.key')`;

/**
 * Status-change notifications share their dedupe key format with the API's writes
 * (`services/status-changes.ts`), so an automatic change is queued once, whoever records it.
 */
const transitionSql = {
  log: `insert into status_log (reservation_id, from_status, to_status, at, actor_kind, actor, reason)
    select id, $from, $to, starts_at + $afterMs, 'system', 'system', $reason
    from reservations where status = $from and starts_at <= $now - $afterMs`,
  notify: `insert into outbox (dedupe_key, reservation_id, kind, channel, subscriber, payload, state, attempts, next_attempt_at, created_at, updated_at)
    select r.id || ':status:' || $toName || ':' || (r.starts_at + $afterMs) || ${targetKey}, r.id, 'status_changed', ${targetColumns},
      json_patch(${snapshotSql("$to")}, json_object('from', $fromName, 'to', $toName, 'at', r.starts_at + $afterMs)),
      'pending', 0, $now, $now, $now
    from reservations r join restaurants s on s.id = r.restaurant_id, json_each($targets) t
    where r.status = $from and r.starts_at <= $now - $afterMs
    on conflict (dedupe_key) do nothing`,
  update: `update reservations set status = $to, status_changed_at = starts_at + $afterMs, updated_at = $now, version = version + 1
    where status = $from and starts_at <= $now - $afterMs`,
};

const entryColumns = `id, reservation_id as reservationId, kind, channel, subscriber, state, attempts, next_attempt_at as nextAttemptAt,
  last_error as lastError, created_at as createdAt, updated_at as updatedAt`;

export function sqliteJobStore(db: SqliteDb): JobStore {
  const client = db.$client;
  const log = client.query(transitionSql.log);
  const notify = client.query(transitionSql.notify);
  const update = client.query(transitionSql.update);
  const remind = client.query(
    `insert into outbox (dedupe_key, reservation_id, kind, channel, subscriber, payload, state, attempts, next_attempt_at, created_at, updated_at)
     select r.id || ':reminder:' || $minutes || ':' || r.starts_at || ${targetKey}, r.id, 'reminder', ${targetColumns},
       json_patch(${snapshotSql("r.status")}, json_object('minutesBefore', $minutes)), 'pending', 0, $now, $now, $now
     from reservations r join restaurants s on s.id = r.restaurant_id, json_each($targets) t
     where r.status = 0 and r.starts_at > $now + $laterMs and r.starts_at <= $now + $minutesMs
       and r.created_at <= r.starts_at - $minutesMs
     on conflict (dedupe_key) do nothing`,
  );
  const claim = client.query<ClaimedNotification & { payload: string }, { now: number; limit: number; staleBefore: number }>(
    `update outbox set state = 'sending', attempts = attempts + 1, updated_at = $now
     where id in (
       select id from outbox
       where (state = 'pending' and next_attempt_at <= $now) or (state = 'sending' and updated_at <= $staleBefore)
       order by id limit $limit)
     returning id, dedupe_key as dedupeKey, reservation_id as reservationId, kind, channel, subscriber, payload, attempts, created_at as createdAt`,
  );
  const finish = client.query(`update outbox set state = $state, last_error = null, updated_at = $now where id = $id`);
  const fail = client.query(
    `update outbox set state = $state, last_error = $error, next_attempt_at = coalesce($retryAt, next_attempt_at), updated_at = $now where id = $id`,
  );
  const prune = client.query(`delete from outbox where state in ('sent', 'skipped', 'dead') and updated_at < $before`);
  const depth = client.query<{ n: number }, []>(`select count(*) as n from outbox where state in ('pending', 'sending')`);
  const list = client.query<NotificationEntry, { state: string | null; afterId: number; limit: number }>(
    `select ${entryColumns} from outbox where ($state is null or state = $state) and id > $afterId order by id limit $limit`,
  );
  const byId = client.query<NotificationEntry, { id: number }>(`select ${entryColumns} from outbox where id = $id`);
  const requeue = client.query<NotificationEntry, { id: number; now: number }>(
    `update outbox set state = 'pending', attempts = 0, next_attempt_at = $now, updated_at = $now where id = $id and state = 'dead'
     returning ${entryColumns}`,
  );

  const dataDue = client.query<RestaurantDataTarget, { okBefore: number; now: number; limit: number }>(
    `select id, name, time_zone as timeZone, external_id as externalId, data_failures as failures from restaurants
     where external_id is not null and (data_checked_at is null
       or (data_error is null and data_checked_at <= $okBefore) or (data_error is not null and data_retry_at <= $now))
     order by coalesce(data_checked_at, 0), id limit $limit`,
  );
  const dataSaved = client.query(
    `update restaurants set rating = $rating, review_count = $reviewCount, data_checked_at = $now, data_error = null,
       data_failures = 0, data_retry_at = null where id = $id`,
  );
  const dataBefore = client.query<{ rating: number; reviewCount: number }, { id: string }>(
    "select rating, review_count as reviewCount from restaurants where id = $id",
  );
  const dataFailed = client.query(
    "update restaurants set data_checked_at = $now, data_error = $error, data_failures = data_failures + 1, data_retry_at = $retryAt where id = $id",
  );
  const dataFailing = client.query<{ n: number }, []>("select count(*) as n from restaurants where data_error is not null");

  const moveOn = (now: number, targets: string, from: 0 | 1, to: 2 | 3, fromName: string, toName: string, afterMinutes: number, reason: string) => {
    const params = { now, from, to, fromName, toName, afterMs: afterMinutes * MINUTE, reason };
    log.run(params);
    notify.run({ ...params, targets });
    return update.run(params).changes;
  };

  return {
    async applyAutomaticTransitions(now, rules: StatusRules, targets) {
      const json = JSON.stringify(targets);
      const moved = client.transaction(() => ({
        missed: moveOn(now, json, 0, 3, "upcoming", "missed", rules.missedAfterMinutes, automaticReasons.missed),
        checkedOut: moveOn(now, json, 1, 2, "guest_here", "guest_left", rules.autoCheckoutAfterMinutes, automaticReasons.guest_left),
      })).immediate();
      // Set-based: which restaurants it touched is not known here, so every cached window goes.
      occupancyIndexOf(client).forgetAll();
      return moved;
    },

    async queueReminders(now, minutesBefore, targets) {
      // Only the nearest reminder is due: one that a stopped scheduler missed is not sent late.
      const offsets = [...new Set(minutesBefore)].sort((a, b) => b - a);
      const json = JSON.stringify(targets);
      return client.transaction(() =>
        offsets.reduce((queued, minutes, index) => {
          const later = offsets[index + 1] ?? 0;
          return queued + remind.run({ now, minutes, minutesMs: minutes * MINUTE, laterMs: later * MINUTE, targets: json }).changes;
        }, 0),
      ).immediate();
    },

    async claimNotifications(now, limit, leaseMs) {
      return claim.all({ now, limit, staleBefore: now - leaseMs }).map((row) => ({ ...row, payload: JSON.parse(row.payload) }));
    },

    async finishNotification(id, now, outcome) {
      finish.run({ id, now, state: outcome });
    },

    async failNotification(id, now, error, retryAt) {
      fail.run({ id, now, error: error.slice(0, 500), retryAt, state: retryAt === null ? "dead" : "pending" });
    },

    async pruneOutbox(before) {
      return prune.run({ before }).changes;
    },

    async outboxDepth() {
      return depth.get()!.n;
    },

    async listNotifications({ state, limit, afterId }) {
      const rows = list.all({ state: state ?? null, afterId: afterId ?? 0, limit: limit + 1 });
      const items = rows.slice(0, limit);
      return { items, next: rows.length > limit ? items[items.length - 1]!.id : null };
    },

    async getNotification(id) {
      return byId.get({ id }) ?? null;
    },

    async requeueNotification(id, now) {
      return requeue.get({ id, now }) ?? null;
    },

    async restaurantsDueForData(okBefore, now, limit) {
      return dataDue.all({ okBefore, now, limit });
    },

    async saveRestaurantData(id, now, result) {
      if ("error" in result) {
        dataFailed.run({ id, now, error: result.error.slice(0, 500), retryAt: result.retryAt });
        return false;
      }
      return client.transaction(() => {
        const before = dataBefore.get({ id });
        dataSaved.run({ id, now, ...result });
        return before?.rating !== result.rating || before?.reviewCount !== result.reviewCount;
      }).immediate();
    },

    async restaurantDataFailing() {
      return dataFailing.get()!.n;
    },
  };
}
