import { automaticReasons, type StatusRules } from "../../domain/reservation-status";
import type { ClaimedNotification, JobStore } from "../job-store";
import type { SqliteDb } from "./open";

const MINUTE = 60_000;

/**
 * Status-change notifications share their dedupe key format with the API's writes
 * (`services/status-changes.ts`), so an automatic change is queued once, whoever records it.
 */
const transitionSql = {
  log: `insert into status_log (reservation_id, from_status, to_status, at, actor_kind, actor, reason)
    select id, $from, $to, starts_at + $afterMs, 'system', 'system', $reason
    from reservations where status = $from and starts_at <= $now - $afterMs`,
  notify: `insert into outbox (dedupe_key, reservation_id, kind, payload, state, attempts, next_attempt_at, created_at, updated_at)
    select id || ':status:' || $toName || ':' || (starts_at + $afterMs), id, 'status_changed',
      json_object('from', $fromName, 'to', $toName, 'at', starts_at + $afterMs), 'pending', 0, $now, $now, $now
    from reservations where status = $from and starts_at <= $now - $afterMs
    on conflict (dedupe_key) do nothing`,
  update: `update reservations set status = $to, status_changed_at = starts_at + $afterMs, updated_at = $now, version = version + 1
    where status = $from and starts_at <= $now - $afterMs`,
};

export function sqliteJobStore(db: SqliteDb): JobStore {
  const client = db.$client;
  const log = client.query(transitionSql.log);
  const notify = client.query(transitionSql.notify);
  const update = client.query(transitionSql.update);
  const remind = client.query(
    `insert into outbox (dedupe_key, reservation_id, kind, payload, state, attempts, next_attempt_at, created_at, updated_at)
     select id || ':reminder:' || $minutes || ':' || starts_at, id, 'reminder', json_object('minutesBefore', $minutes),
       'pending', 0, $now, $now, $now
     from reservations
     where status = 0 and starts_at > $now + $laterMs and starts_at <= $now + $minutesMs
       and created_at <= starts_at - $minutesMs
     on conflict (dedupe_key) do nothing`,
  );
  const claim = client.query<ClaimedNotification & { payload: string }, { now: number; limit: number; staleBefore: number }>(
    `update outbox set state = 'sending', attempts = attempts + 1, updated_at = $now
     where id in (
       select id from outbox
       where (state = 'pending' and next_attempt_at <= $now) or (state = 'sending' and updated_at <= $staleBefore)
       order by id limit $limit)
     returning id, dedupe_key as dedupeKey, reservation_id as reservationId, kind, payload, attempts`,
  );
  const finish = client.query(`update outbox set state = $state, last_error = null, updated_at = $now where id = $id`);
  const fail = client.query(
    `update outbox set state = $state, last_error = $error, next_attempt_at = coalesce($retryAt, next_attempt_at), updated_at = $now where id = $id`,
  );
  const prune = client.query(`delete from outbox where state in ('sent', 'skipped', 'dead') and updated_at < $before`);
  const depth = client.query<{ n: number }, []>(`select count(*) as n from outbox where state in ('pending', 'sending')`);

  const moveOn = (now: number, from: 0 | 1, to: 2 | 3, fromName: string, toName: string, afterMinutes: number, reason: string) => {
    const params = { now, from, to, fromName, toName, afterMs: afterMinutes * MINUTE, reason };
    log.run(params);
    notify.run(params);
    return update.run(params).changes;
  };

  return {
    async applyAutomaticTransitions(now, rules: StatusRules) {
      return client.transaction(() => ({
        missed: moveOn(now, 0, 3, "upcoming", "missed", rules.missedAfterMinutes, automaticReasons.missed),
        checkedOut: moveOn(now, 1, 2, "guest_here", "guest_left", rules.autoCheckoutAfterMinutes, automaticReasons.guest_left),
      })).immediate();
    },

    async queueReminders(now, minutesBefore) {
      // Only the nearest reminder is due: one that a stopped scheduler missed is not sent late.
      const offsets = [...new Set(minutesBefore)].sort((a, b) => b - a);
      return client.transaction(() =>
        offsets.reduce((queued, minutes, index) => {
          const later = offsets[index + 1] ?? 0;
          return queued + remind.run({ now, minutes, minutesMs: minutes * MINUTE, laterMs: later * MINUTE }).changes;
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
  };
}
