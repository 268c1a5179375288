/** What the client adds to openapi-fetch: the API key, booking keys, typed errors and retries. */
import { afterAll, afterEach, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import { createTablekeeperClient, isProblem, TablekeeperError, UnexpectedResponseError, unwrap, withRetry } from "../../client/src/index";
import { API_KEY } from "../support/app";
import { freshBooking, holdIdempotencyKey, NOW, useServer } from "./support/servers";
import { createSpecValidator } from "./support/spec-validator";

const validator = createSpecValidator();
beforeAll(() => setSystemTime(NOW));
afterAll(() => setSystemTime());

describe("createTablekeeperClient", () => {
  const server = useServer(validator);
  /** A client whose requests are kept, with their headers, for the test to read. */
  function recordingClient() {
    const sent: Request[] = [];
    const send = (request: Request) => {
      sent.push(request.clone());
      return fetch(request);
    };
    return { sent, client: createTablekeeperClient({ baseUrl: server.url, apiKey: API_KEY, fetch: validator.fetch(send) }) };
  }

  test("sends the API key as a Bearer token", async () => {
    const { sent, client } = recordingClient();
    expect((await client.GET("/api/v1/restaurants")).response.status).toBe(200);
    expect(sent[0]?.headers.get("Authorization")).toBe(`Bearer ${API_KEY}`);
  });

  test("gives each booking without one its own Idempotency-Key, a UUID", async () => {
    const { sent, client } = recordingClient();
    await client.POST("/api/v1/reservations", { body: freshBooking() });
    await client.POST("/api/v1/reservations", { body: freshBooking() });
    const keys = sent.map((request) => request.headers.get("Idempotency-Key"));
    expect(keys).toEqual([expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), expect.any(String)]);
    expect(keys[0]).not.toBe(keys[1]!);
  });

  test("keeps the Idempotency-Key the caller gave, and adds none to other operations", async () => {
    const { sent, client } = recordingClient();
    const { data } = await client.POST("/api/v1/reservations", { body: freshBooking(), params: { header: { "idempotency-key": "caller-key" } } });
    await client.PATCH("/api/v1/reservations/{reservationId}", { params: { path: { reservationId: data!.id } }, body: { guestCount: 3 } });
    expect(sent.map((request) => request.headers.get("Idempotency-Key"))).toEqual(["caller-key", null]);
  });
});

describe("unwrap", () => {
  const server = useServer(validator);

  test("returns the data of a success", async () => {
    const restaurants = unwrap(await server.client.GET("/api/v1/restaurants"));
    expect(restaurants.data).toHaveLength(2);
  });

  test("throws a TablekeeperError with the problem's status, code, detail and failing fields", async () => {
    const failed = server.client.POST("/api/v1/reservations", { body: freshBooking({ guestCount: 7 }) }).then(unwrap);
    const error = await failed.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TablekeeperError);
    expect(error).toMatchObject({ status: 422, code: "validation_failed", detail: "The request has invalid fields: guestCount." });
    expect((error as TablekeeperError).errors).toEqual([{ field: "guestCount", rule: expect.any(String), message: "must be at most 6 at this restaurant" }]);
  });

  test("throws an UnexpectedResponseError for an error answer that is not a problem", async () => {
    const proxy = async () => new Response("<h1>Bad Gateway</h1>", { status: 502, headers: { "Content-Type": "text/html" } });
    const client = createTablekeeperClient({ baseUrl: "http://tablekeeper.test", apiKey: API_KEY, fetch: proxy });
    const error = await client.GET("/api/v1/restaurants").then(unwrap).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ status: 502, body: "<h1>Bad Gateway</h1>" });
  });
});

describe("withRetry", () => {
  const limited = (retryAfter?: string) => ({
    error: { type: "/problems/rate-limited", title: "Too Many Requests", status: 429, detail: "Slow down.", code: "rate_limited" },
    response: new Response(null, { status: 429, headers: retryAfter === undefined ? {} : { "Retry-After": retryAfter } }),
  });
  const ok = { data: "done", response: new Response(null, { status: 200 }) };
  /** Answers from a script, one per call, and the waits asked for in between. */
  function scripted(...answers: Array<{ data?: string; error?: unknown; response: Response }>) {
    const waits: number[] = [];
    let calls = 0;
    return { waits, calls: () => calls, fn: async () => answers[calls++]!, sleep: async (ms: number) => void waits.push(ms) };
  }

  test("waits as long as Retry-After says, then returns the first answer that is not a 429", async () => {
    const script = scripted(limited("2"), limited("5"), ok);
    expect(await withRetry(script.fn, { sleep: script.sleep })).toBe(ok);
    expect(script.waits).toEqual([2000, 5000]);
  });

  test("reads a Retry-After given as an HTTP date", async () => {
    const script = scripted(limited(new Date(NOW.getTime() + 30_000).toUTCString()), ok);
    await withRetry(script.fn, { sleep: script.sleep });
    expect(script.waits).toEqual([30_000]);
  });

  test("doubles a fallback delay when there is no Retry-After", async () => {
    const script = scripted(limited(), limited(), ok);
    await withRetry(script.fn, { sleep: script.sleep, fallbackDelayMs: 100 });
    expect(script.waits).toEqual([100, 200]);
  });

  test("returns the last 429 after maxRetries retries", async () => {
    const script = scripted(limited("1"), limited("1"), limited("1"), ok);
    expect((await withRetry(script.fn, { maxRetries: 2, sleep: script.sleep })).response.status).toBe(429);
    expect(script.calls()).toBe(3);
  });

  test("does not retry other errors", async () => {
    const conflict = { error: { ...limited().error, status: 409, code: "conflict" }, response: new Response(null, { status: 409 }) };
    const script = scripted(conflict, ok);
    expect(await withRetry(script.fn, { sleep: script.sleep })).toBe(conflict);
    expect(script.calls()).toBe(1);
  });

  describe("against a server allowing one request a minute", () => {
    const server = useServer(validator, { API_RATE_LIMIT_PER_MINUTE: "1" });
    afterEach(() => setSystemTime(NOW));

    test("retries a request refused with 429 once Retry-After has passed", async () => {
      expect((await server.client.GET("/api/v1/restaurants")).response.status).toBe(200);
      const waits: number[] = [];
      // Waiting is moving the server's clock on.
      const sleep = async (ms: number) => {
        waits.push(ms);
        setSystemTime(new Date(Date.now() + ms));
      };
      const result = await withRetry(() => server.client.GET("/api/v1/restaurants"), { sleep });
      expect(waits).toEqual([60_000]);
      expect(unwrap(result).data).toHaveLength(2);
    });
  });

  describe("against a server with a booking in progress", () => {
    const server = useServer(validator);

    test("retries a booking whose key is still in progress, with the same key, and books once", async () => {
      const body = freshBooking();
      const key = "retry-in-progress";
      await holdIdempotencyKey(server, key, body);
      const attempts: number[] = [];
      const result = await withRetry(
        async () => {
          const answer = await server.client.POST("/api/v1/reservations", { body, params: { header: { "idempotency-key": key } } });
          attempts.push(answer.response.status);
          return answer;
        },
        // The first request gives up its claim while we wait, as one that failed would.
        { sleep: () => server.testApp.storage.idempotency.release("frontdesk", key) },
      );
      expect(attempts).toEqual([409, 201]);
      expect(isProblem(result.error)).toBe(false);
      expect(unwrap(result).firstName).toBe("Ada");
    });
  });
});
