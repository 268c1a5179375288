import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { booking, buildTestApp, restaurant, type TestApp } from "../../support/app";
import { countRows } from "../../support/fixtures";

const bistro = restaurant();
let t: TestApp;
const count = () => countRows(t.storage, "reservations");
const post = (body: unknown, key?: string, apiKey?: string) =>
  t.call("POST", "/api/v1/reservations", body, {
    ...(key ? { "idempotency-key": key } : {}),
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  });

beforeEach(async () => {
  setSystemTime(new Date("2026-12-01T12:00:00Z"));
  t = await buildTestApp({ restaurants: [bistro] });
});
afterEach(() => setSystemTime());

describe("Idempotency-Key on POST /reservations", () => {
  test("a retry with the same key and body gets the same status, headers and body, and books nothing new", async () => {
    const first = await post(booking(bistro.id), "retry-1");
    const retry = await post(booking(bistro.id), "retry-1");
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(await first.json());
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    expect(retry.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await count()).toBe(1);
  });

  test("the same key with a different body gets 422 and books nothing", async () => {
    await post(booking(bistro.id), "retry-2");
    const other = await post(booking(bistro.id, { guestCount: 3 }), "retry-2");
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    expect((await other.json()).code).toBe("idempotency_key_reused");
    expect(await count()).toBe(1);
  });

  test("a retry while the first request is still running gets 409", async () => {
    // The first request's claim is in flight: hold it by claiming the key directly.
    const body = JSON.stringify(booking(bistro.id));
    const hash = new Bun.CryptoHasher("sha256").update(`POST /api/v1/reservations\n${body}`).digest("hex");
    await t.storage.idempotency.claim("frontdesk", "retry-3", hash, Date.now(), Date.now() + 86_400_000, Date.now() - 60_000);
    const retry = await post(body, "retry-3");
    expect(retry.status).toBe(409);
    expect((await retry.json()).code).toBe("in_progress");
    expect(await count()).toBe(0);
  });

  /** What the middleware records for a request with this key and body, as a request that died left it. */
  async function claimAsDeadRequest(key: string, body: string) {
    const hash = new Bun.CryptoHasher("sha256").update(`POST /api/v1/reservations\n${body}`).digest("hex");
    const claimedAt = Date.now();
    await t.storage.idempotency.claim("frontdesk", key, hash, claimedAt, claimedAt + 86_400_000, claimedAt - 60_000);
  }

  test("a booking committed by a request that died before answering is answered again, not booked twice", async () => {
    const body = JSON.stringify(booking(bistro.id));
    await claimAsDeadRequest("crash-1", body);
    // The first request got as far as committing its booking, linked to the key, and then died.
    const view = await t.services.reservations.create(booking(bistro.id), { kind: "api_key", name: "frontdesk" }, {
      idempotencyKey: { scope: "frontdesk", key: "crash-1" },
    });
    expect((await post(body, "crash-1")).status).toBe(409); // still in flight: it may yet answer
    setSystemTime(new Date(Date.parse("2026-12-01T12:00:00Z") + 61_000));
    const retry = await post(body, "crash-1");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("location")).toBe(`/api/v1/reservations/${view.row.id}`);
    expect((await retry.json()).id).toBe(view.row.id);
    expect(await count()).toBe(1);
    // From now on the answer is stored and replayed like any other.
    expect((await (await post(body, "crash-1")).json()).id).toBe(view.row.id);
    expect(await count()).toBe(1);
  });

  test("a request that died before committing is run again once its claim is stale", async () => {
    const body = JSON.stringify(booking(bistro.id));
    await claimAsDeadRequest("crash-2", body);
    setSystemTime(new Date(Date.parse("2026-12-01T12:00:00Z") + 61_000));
    const retry = await post(body, "crash-2");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(await count()).toBe(1);
  });

  test("keys are scoped to the API key that sent them", async () => {
    const { OTHER_KEY } = await import("../../support/app");
    expect((await post(booking(bistro.id), "shared")).status).toBe(201);
    expect((await post(booking(bistro.id, { date: "2026-12-18T19:15" }), "shared", OTHER_KEY)).status).toBe(201);
    expect(await count()).toBe(2);
  });

  test("a key expires after the TTL: the same key may then book again", async () => {
    expect((await post(booking(bistro.id), "retry-4")).status).toBe(201);
    setSystemTime(new Date(Date.parse("2026-12-01T12:00:00Z") + 24 * 3_600_000));
    expect((await post(booking(bistro.id), "retry-4")).headers.get("idempotent-replayed")).toBeNull();
    expect(await count()).toBe(2);
  });

  test("a refused booking is not kept: its retry runs again and can succeed", async () => {
    const full = restaurant({ name: "Tiny Table", capacity: 2, maxPartySize: 2 });
    t = await buildTestApp({ restaurants: [full] });
    const first = await post(booking(full.id), "someone-else");
    expect(first.status).toBe(201);
    expect((await post(booking(full.id), "retry-5")).status).toBe(409);
    await t.call("PUT", `/api/v1/reservations/${(await first.json()).id}/status`, { status: 4 });
    const retry = await post(booking(full.id), "retry-5");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });

  test("a malformed key is a 422 naming the header", async () => {
    const response = await post(booking(bistro.id), "has space");
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].field).toBe("Idempotency-Key");
  });

  test("without a key, two identical posts book twice", async () => {
    await post(booking(bistro.id));
    await post(booking(bistro.id));
    expect(await count()).toBe(2);
  });
});

describe("ETag and If-Match", () => {
  async function created() {
    const response = await post(booking(bistro.id));
    return { id: (await response.json()).id as string, etag: response.headers.get("etag")! };
  }

  test("GET returns the ETag that the last write returned", async () => {
    const { id, etag } = await created();
    const read = await t.call("GET", `/api/v1/reservations/${id}`);
    expect(read.headers.get("etag")).toBe(etag);
  });

  test("PATCH with the current ETag applies and returns a new one", async () => {
    const { id, etag } = await created();
    const patched = await t.call("PATCH", `/api/v1/reservations/${id}`, { occasion: "anniversary" }, { "if-match": etag });
    expect(patched.status).toBe(200);
    expect(patched.headers.get("etag")).not.toBe(etag);
  });

  test("PATCH with a stale ETag gets 412 and changes nothing", async () => {
    const { id, etag } = await created();
    await t.call("PATCH", `/api/v1/reservations/${id}`, { occasion: "anniversary" });
    const stale = await t.call("PATCH", `/api/v1/reservations/${id}`, { occasion: "birthday" }, { "if-match": etag });
    expect(stale.status).toBe(412);
    expect((await stale.json()).code).toBe("precondition_failed");
    expect(((await (await t.call("GET", `/api/v1/reservations/${id}`)).json()) as { occasion: string }).occasion).toBe("anniversary");
  });

  test("a status change with a stale ETag gets 412, changes nothing and does not use up the rate limit", async () => {
    const { id, etag } = await created();
    await t.call("PATCH", `/api/v1/reservations/${id}`, { occasion: "anniversary" });
    setSystemTime(new Date("2026-12-19T02:30:00Z"));
    const stale = await t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 1 }, { "if-match": etag });
    expect(stale.status).toBe(412);
    const fresh = await t.call("GET", `/api/v1/reservations/${id}`);
    expect((await fresh.json()).state).toBe("upcoming");
    const ok = await t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 1 }, { "if-match": fresh.headers.get("etag")! });
    expect(ok.status).toBe(200);
  });

  test("the ETag changes when the clock changes the status", async () => {
    const { id, etag } = await created();
    setSystemTime(new Date("2026-12-19T03:15:00Z"));
    const read = await t.call("GET", `/api/v1/reservations/${id}`);
    expect((await read.json()).state).toBe("missed");
    expect(read.headers.get("etag")).not.toBe(etag);
  });

  test("If-Match compares strongly: a weak tag never matches, so the change gets 412", async () => {
    const { id, etag } = await created();
    const weak = await t.call("PATCH", `/api/v1/reservations/${id}`, { occasion: "birthday" }, { "if-match": `W/${etag}` });
    expect(weak.status).toBe(412);
    expect(((await (await t.call("GET", `/api/v1/reservations/${id}`)).json()) as { occasion: string | null }).occasion).toBeNull();
    const listed = await t.call("PATCH", `/api/v1/reservations/${id}`, { occasion: "birthday" }, { "if-match": `W/"0.0", ${etag}` });
    expect(listed.status).toBe(200);
  });

  test("a missing If-Match is allowed", async () => {
    const { id } = await created();
    expect((await t.call("PATCH", `/api/v1/reservations/${id}`, { occasion: "x" })).status).toBe(200);
  });
});
