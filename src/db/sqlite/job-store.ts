import type { ClaimedNotification, JobStore, NotificationEntry, RestaurantDataTarget } from "../job-store";
import { occupancyIndexOf } from "./occupancy-index";
import { restaurantCacheOf } from "./restaurant-cache";
import { reservationStatements } from "./reservation-statements";
import type { SqliteDb } from "./open";

const entryColumns = `id, reservation_id as reservationId, kind, channel, subscriber, state, attempts, next_attempt_at as nextAttemptAt,
  last_error as lastError, created_at as createdAt, updated_at as updatedAt`;

export function sqliteJobStore(db: SqliteDb): JobStore {
  const client = db.$client;
  const statements = reservationStatements(client);
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

  return {
    async applyAutomaticTransitions(cutoffs, limit, plan) {
      // An immediate transaction: a second sweep waits for this one, then finds nothing left to move.
      const written = client
        .transaction(() => {
          const writes = statements.movedOn(cutoffs, limit).map((due) => ({ before: due.row, ...plan(due) }));
          statements.writeMany(writes, writes.flatMap((write) => write.log), writes.flatMap((write) => write.notifications), writes[0]?.row.updatedAt ?? 0);
          return writes.map((write) => write.row);
        })
        .immediate();
      // Which windows the moves touched is cheap to say, but every cached window going is cheaper still.
      if (written.length > 0) occupancyIndexOf(client).forgetAll();
      return written;
    },

    async upcomingStarting(after, atOrBefore) {
      return statements.upcomingStarting(after, atOrBefore);
    },

    async queueNotifications(messages, now) {
      return client.transaction(() => statements.writeMany([], [], messages, now)).immediate();
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
      restaurantCacheOf(client).forget(id);
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
