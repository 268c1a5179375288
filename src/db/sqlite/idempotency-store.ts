import type { IdempotencyClaim, IdempotencyStore } from "../idempotency-store";
import { groupCommitOf } from "./group-commit";
import type { SqliteDb } from "./open";

interface Row {
  request_hash: string;
  state: "in_flight" | "done";
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  resource_id: string | null;
  created_at: number;
  expires_at: number;
}

export function sqliteIdempotencyStore(db: SqliteDb): IdempotencyStore {
  const client = db.$client;
  // In the connection's group commit, with the bookings they guard.
  const writes = groupCommitOf(client);
  const find = client.query<Row, { scope: string; key: string }>(
    `select request_hash, state, response_status, response_headers, response_body, resource_id, created_at, expires_at
     from idempotency_keys where api_key_name = $scope and key = $key`,
  );
  const remove = client.query(`delete from idempotency_keys where api_key_name = $scope and key = $key`);
  const insert = client.query(
    `insert into idempotency_keys (api_key_name, key, request_hash, state, created_at, expires_at)
     values ($scope, $key, $hash, 'in_flight', $now, $expiresAt)`,
  );
  const complete = client.query(
    `update idempotency_keys set state = 'done', response_status = $status, response_headers = $headers, response_body = $body
     where api_key_name = $scope and key = $key`,
  );
  const prune = client.query(`delete from idempotency_keys where expires_at <= $now`);

  const claim = client.transaction((scope: string, key: string, hash: string, now: number, expiresAt: number, staleBefore: number): IdempotencyClaim => {
    const row = find.get({ scope, key });
    const abandoned = row?.state === "in_flight" && row.created_at <= staleBefore;
    if (row && row.expires_at > now && (!abandoned || row.resource_id)) {
      if (row.request_hash !== hash) return { outcome: "mismatch" };
      if (abandoned) return { outcome: "committed", resourceId: row.resource_id! };
      if (row.state === "in_flight") return { outcome: "in_flight" };
      return {
        outcome: "replay",
        response: { status: row.response_status!, headers: JSON.parse(row.response_headers ?? "{}"), body: row.response_body ?? "" },
      };
    }
    if (row) remove.run({ scope, key });
    insert.run({ scope, key, hash, now, expiresAt });
    return { outcome: "claimed" };
  });

  return {
    async claim(scope, key, requestHash, now, expiresAt, staleBefore) {
      return writes.write(() => claim(scope, key, requestHash, now, expiresAt, staleBefore));
    },
    async complete(scope, key, response) {
      await writes.write(() => complete.run({ scope, key, status: response.status, headers: JSON.stringify(response.headers), body: response.body }));
    },
    async release(scope, key) {
      remove.run({ scope, key });
    },
    async prune(now) {
      return prune.run({ now }).changes;
    },
  };
}
