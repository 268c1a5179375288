import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { createApp } from "../../src/app";
import { openSqliteStorage } from "../../src/db/sqlite/storage";
import { createLogger } from "../../src/lib/logger";
import { sha256 } from "../../src/settings";
import { API_KEY, booking, buildTestApp, OTHER_KEY, restaurant, serve, type TestApp, testSettings } from "../support/app";
import { expectProblem, rawRequest, UNKNOWN_ID } from "../support/fixtures";

const bistro = restaurant();

beforeEach(() => setSystemTime(new Date("2026-12-01T12:00:00Z")));
afterEach(() => setSystemTime());

describe("request bodies", () => {
  test("malformed JSON gets 400", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const body = await expectProblem(await call("POST", "/api/v1/reservations", '{"firstName": "Ada",'), 400);
    expect(body).toMatchObject({ code: "malformed_json", type: "/problems/malformed-json", title: "Malformed JSON" });
  });

  test.each([
    ["text/plain", { "content-type": "text/plain" }],
    ["form data", { "content-type": "application/x-www-form-urlencoded" }],
    ["no content type", { "content-type": "" }],
  ])("a POST body sent as %s gets 415", async (_case, headers) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("POST", "/api/v1/reservations", JSON.stringify(booking(bistro.id)), headers);
    expect((await expectProblem(response, 415)).code).toBe("unsupported_media_type");
  });

  test("a PATCH body that is not JSON gets 415", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("PATCH", `/api/v1/reservations/${UNKNOWN_ID}`, "firstName=Ada", { "content-type": "text/plain" });
    await expectProblem(response, 415);
  });

  test("JSON with a charset parameter is accepted", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("POST", "/api/v1/reservations", booking(bistro.id), { "content-type": "application/json; charset=utf-8" });
    expect(response.status).toBe(201);
  });

  test.each([
    ["a space before the semicolon", "application/json ; charset=utf-8"],
    ["capitals", "Application/JSON;Charset=UTF-8"],
    ["a quoted charset", 'application/json; charset="utf-8"'],
    ["a +json suffix", "application/merge-patch+json"],
  ])("JSON with %s is accepted", async (_case, contentType) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("POST", "/api/v1/reservations", booking(bistro.id), { "content-type": contentType });
    expect({ status: response.status, body: await response.text() }).toMatchObject({ status: 201 });
  });

  test("a charset other than UTF-8 gets 415", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("POST", "/api/v1/reservations", booking(bistro.id), { "content-type": "application/json; charset=iso-8859-1" });
    expect(await expectProblem(response, 415)).toMatchObject({ code: "unsupported_media_type", detail: "Send the body as application/json." });
  });

  /** Every operation of the published contract that takes a JSON body, with its path filled in. */
  async function jsonBodyOperations(app: TestApp["app"]): Promise<Array<[string, string]>> {
    const spec = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, Record<string, { requestBody?: { content?: object } }>> };
    return Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody?.content && "application/json" in operation.requestBody.content)
        .map(([method, _]): [string, string] => [method.toUpperCase(), path.replace("{date}", "2099-12-25").replace(/\{[^}]+\}/g, UNKNOWN_ID)]),
    );
  }

  test("every operation with a JSON body reads 'application/json ; charset=utf-8' as JSON and refuses text alike", async () => {
    const { app, call } = await buildTestApp({ restaurants: [bistro] });
    const operations = await jsonBodyOperations(app);
    expect([...new Set(operations.map(([method]) => method))].sort()).toEqual(["PATCH", "POST", "PUT"]);
    for (const [method, path] of operations) {
      // Read as JSON: a body that is not JSON is a 400, so the content type got past every check.
      const read = await expectProblem(await call(method, path, "{", { "content-type": "application/json ; charset=utf-8" }), 400);
      expect({ method, path, code: read.code }).toEqual({ method, path, code: "malformed_json" });
      const refused = await expectProblem(await call(method, path, "{}", { "content-type": "text/plain" }), 415);
      expect({ method, path, detail: refused.detail }).toEqual({ method, path, detail: "Send the body as application/json." });
    }
  });

  test.each(["gzip", "br", "deflate", "zstd", "identity, gzip"])("a body with Content-Encoding %s gets 415 with Accept-Encoding: identity, not 400", async (coding) => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    const response = await app.request("/api/v1/reservations", {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", "content-encoding": coding },
      body: Bun.gzipSync(JSON.stringify(booking(bistro.id))),
    });
    const body = await expectProblem(response, 415);
    const named = coding.replace("identity, ", "");
    expect(body).toMatchObject({ code: "unsupported_media_type", detail: `Content-Encoding ${named} is not supported; send the body uncompressed.` });
    expect(response.headers.get("accept-encoding")).toBe("identity");
  });

  test("a body with Content-Encoding identity is read as it is", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("POST", "/api/v1/reservations", booking(bistro.id), { "content-encoding": "identity" });
    expect(response.status).toBe(201);
  });

  test("a gzipped body gets 415 over real HTTP too", async () => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    const server = serve(app);
    try {
      const response = await fetch(`${server.url}/api/v1/reservations`, {
        method: "POST",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", "content-encoding": "gzip" },
        body: Bun.gzipSync(JSON.stringify(booking(bistro.id))),
      });
      expect((await expectProblem(response, 415)).detail).toBe("Content-Encoding gzip is not supported; send the body uncompressed.");
    } finally {
      server.stop();
    }
  });

  test("a body over BODY_LIMIT_BYTES gets 413", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro], env: { BODY_LIMIT_BYTES: "1024" } });
    const response = await call("POST", "/api/v1/reservations", booking(bistro.id, { occasion: "x".repeat(2000) }));
    const body = await expectProblem(response, 413);
    expect(body).toMatchObject({ code: "payload_too_large", detail: "The body must be at most 1024 bytes." });
  });

  test("a body at the limit is read and validated", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro], env: { BODY_LIMIT_BYTES: "1024" } });
    const base = JSON.stringify(booking(bistro.id, { occasion: "" }));
    const padded = base.replace('"occasion":""', `"occasion":"${"x".repeat(1024 - base.length)}"`);
    expect(padded).toHaveLength(1024);
    await expectProblem(await call("POST", "/api/v1/reservations", padded), 422);
  });

  test.each([
    ["with a Content-Length", (text: string) => text],
    ["streamed in chunks", (text: string) => new Blob([text]).stream()],
  ])("a body over the limit gets 413 over real HTTP, %s", async (_case, asBody) => {
    const { app } = await buildTestApp({ restaurants: [bistro], env: { BODY_LIMIT_BYTES: "1024" } });
    const server = serve(app);
    try {
      const response = await fetch(`${server.url}/api/v1/reservations`, {
        method: "POST",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
        body: asBody(JSON.stringify(booking(bistro.id, { occasion: "x".repeat(5000) }))),
      });
      await expectProblem(response, 413);
    } finally {
      server.stop();
    }
  });
});

describe("unknown things", () => {
  test.each([
    ["a well-formed id that does not exist", UNKNOWN_ID],
    ["an id that is not a UUID", "not-a-uuid"],
    ["an encoded path traversal", "..%2Fx"],
    ["an encoded SQL fragment", "x'%20or%20'1'%3D'1"],
  ])("GET of a reservation by %s gets 404", async (_case, id) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    expect((await expectProblem(await call("GET", `/api/v1/reservations/${id}`), 404)).code).toBe("not_found");
  });

  test("PATCH of a reservation that does not exist gets 404", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await expectProblem(await call("PATCH", `/api/v1/reservations/${UNKNOWN_ID}`, { firstName: "Ada" }), 404);
  });

  test.each(["/api/v1/nothing-here", "/api/v2/restaurants", "/api/v1/restaurants/x/y/z"])("a route nobody serves (%s) gets 404", async (path) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    expect((await expectProblem(await call("GET", path), 404)).code).toBe("not_found");
  });

  test.each([
    ["a trailing slash", "GET", "/api/v1/reservations/"],
    ["a trailing slash on an id", "PATCH", `/api/v1/reservations/${UNKNOWN_ID}/`],
    ["an unknown Swagger UI file", "GET", "/docs/assets/swagger-ui-dist/nope.js"],
    ["an unknown asset under /docs/", "GET", "/docs/assets/nope.js"],
  ])("a path that does not exist, as %s (%s %s), gets a 404 problem without Allow", async (_case, method, path) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call(method, path, method === "GET" ? undefined : { firstName: "Ada" });
    const body = await expectProblem(response, 404);
    expect(body).toMatchObject({ code: "not_found", detail: `Nothing is served at ${path}.` });
    expect(response.headers.get("allow")).toBeNull();
  });

  // Outside the API the guest pages answer (with a page of their own), but never 405 for these.
  test.each([
    ["a mistyped dot", "GET", "/openapiXjson"],
    ["a path below a served one", "GET", "/healthz/more"],
    ["an unknown page", "GET", "/nothing-here"],
    ["an unknown page, posted to", "POST", "/nothing-here"],
  ])("a path that does not exist, as %s (%s %s), gets 404 without Allow", async (_case, method, path) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call(method, path, method === "GET" ? undefined : { firstName: "Ada" });
    expect(response.status).toBe(404);
    expect(response.headers.get("allow")).toBeNull();
  });

  test("HEAD of a path that does not exist gets 404 without Allow", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("HEAD", "/api/v1/reservations/");
    expect(response.status).toBe(404);
    expect(response.headers.get("allow")).toBeNull();
  });

  test("a POST to a route nobody serves gets 404 whatever its content type", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await expectProblem(await call("POST", "/api/v1/nothing-here", "hello", { "content-type": "text/plain" }), 404);
  });
});

describe("unsupported methods", () => {
  test.each([
    ["DELETE", "/api/v1/restaurants", ["GET", "HEAD", "POST"]],
    ["POST", `/api/v1/restaurants/${bistro.id}`, ["DELETE", "GET", "HEAD", "PATCH"]],
    ["DELETE", "/api/v1/reservations", ["GET", "HEAD", "POST"]],
    ["DELETE", `/api/v1/reservations/${UNKNOWN_ID}`, ["GET", "HEAD", "PATCH"]],
    ["PUT", `/api/v1/reservations/${UNKNOWN_ID}`, ["GET", "HEAD", "PATCH"]],
  ])("%s %s gets 405 with an Allow header", async (method, path, allowed) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call(method, path, method === "DELETE" ? undefined : { firstName: "Ada" });
    const body = await expectProblem(response, 405);
    expect(body.code).toBe("method_not_allowed");
    expect(response.headers.get("allow")!.split(", ").sort()).toEqual(allowed);
  });

  test.each([
    ["POST", "/healthz", ["GET", "HEAD"]],
    ["POST", "/openapi.json", ["GET", "HEAD"]],
    ["DELETE", "/docs/assets/swagger-ui-dist/swagger-ui.css", ["GET", "HEAD"]],
    ["GET", `/api/v1/reservations/${UNKNOWN_ID}/status`, ["PUT"]],
  ])("%s %s gets 405 with an Allow that lists only the other methods", async (method, path, allowed) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call(method, path, method === "POST" ? { firstName: "Ada" } : undefined);
    const body = await expectProblem(response, 405);
    expect(body.detail).toBe(`${method} is not allowed here; use ${response.headers.get("allow")}.`);
    expect(response.headers.get("allow")!.split(", ").sort()).toEqual(allowed);
  });

  test("a PUT without a JSON body gets 405, not 415: the method is the first thing wrong", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("PUT", `/api/v1/reservations/${UNKNOWN_ID}`, "plain", { "content-type": "text/plain" });
    await expectProblem(response, 405);
    expect(response.headers.get("allow")).toContain("PATCH");
  });
});

describe("API keys", () => {
  test("a request without a key gets 401 with WWW-Authenticate: Bearer", async () => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    const response = await rawRequest(app, "GET", "/api/v1/restaurants");
    expect((await expectProblem(response, 401)).code).toBe("unauthorized");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });

  test.each([
    ["a wrong Bearer key", { authorization: "Bearer wrong-key-0123456789abcdef" }],
    ["a wrong X-API-Key", { "x-api-key": "wrong-key-0123456789abcdef" }],
    ["the right key under another scheme", { authorization: `Basic ${API_KEY}` }],
    ["a prefix of the right key", { authorization: `Bearer ${API_KEY.slice(0, -1)}` }],
    ["the right key with extra characters", { authorization: `Bearer ${API_KEY}x` }],
  ])("%s gets 401, and the same answer as no key at all", async (_case, headers) => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    const missing = await expectProblem(await rawRequest(app, "GET", "/api/v1/restaurants"), 401);
    const response = await rawRequest(app, "GET", "/api/v1/restaurants", headers);
    const wrong = await expectProblem(response, 401);
    expect({ ...wrong, requestId: "" }).toEqual({ ...missing, requestId: "" });
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });

  test.each([
    ["Authorization: Bearer", { authorization: `Bearer ${API_KEY}` }],
    ["a lowercase bearer scheme", { authorization: `bearer ${API_KEY}` }],
    ["X-API-Key", { "x-api-key": API_KEY }],
  ])("accepts the key as %s", async (_case, headers) => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    expect((await rawRequest(app, "GET", "/api/v1/restaurants", headers)).status).toBe(200);
  });

  test("the same key in Authorization and X-API-Key is accepted", async () => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    const response = await rawRequest(app, "GET", "/api/v1/restaurants", { authorization: `Bearer ${API_KEY}`, "x-api-key": API_KEY });
    expect(response.status).toBe(200);
  });

  test.each([
    ["two valid keys", { authorization: `Bearer ${API_KEY}`, "x-api-key": OTHER_KEY }],
    ["a valid Bearer key and a wrong X-API-Key", { authorization: `Bearer ${API_KEY}`, "x-api-key": "wrong-key-0123456789abcdef" }],
    ["a wrong Bearer key and a valid X-API-Key", { authorization: "Bearer wrong-key-0123456789abcdef", "x-api-key": API_KEY }],
  ])("%s in one request get 401 naming the conflict, whichever is valid", async (_case, headers) => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    const response = await rawRequest(app, "GET", "/api/v1/restaurants", headers);
    const body = await expectProblem(response, 401);
    expect(body).toMatchObject({ code: "unauthorized", detail: "Authorization and X-API-Key carry different API keys; send one key." });
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });

  test("a key configured as sha256:<hex> is accepted, and only that key", async () => {
    const secret = "hashed-frontdesk-key-42";
    const { app } = await buildTestApp({
      restaurants: [bistro],
      env: { API_KEYS: `frontdesk:sha256:${sha256(secret).toString("hex")}` },
    });
    expect((await rawRequest(app, "GET", "/api/v1/restaurants", { authorization: `Bearer ${secret}` })).status).toBe(200);
    await expectProblem(await rawRequest(app, "GET", "/api/v1/restaurants", { authorization: `Bearer ${API_KEY}` }), 401);
  });

  test("the key is checked before anything else about the request", async () => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    await expectProblem(await rawRequest(app, "POST", "/api/v1/reservations", { "content-type": "text/plain" }, "{"), 401);
  });

  test("health and the contract need no key", async () => {
    const { app } = await buildTestApp({ restaurants: [bistro] });
    expect((await rawRequest(app, "GET", "/healthz")).status).toBe(200);
    expect((await rawRequest(app, "GET", "/openapi.json")).status).toBe(200);
  });
});

describe("every error", () => {
  const wrongKey = "wrong-key-0123456789abcdef";
  const cases: Array<[string, number, (app: TestApp) => Promise<Response>]> = [
    ["malformed JSON", 400, ({ call }) => call("POST", "/api/v1/reservations", "{")],
    ["a missing key", 401, ({ app }) => rawRequest(app, "GET", "/api/v1/restaurants")],
    ["a wrong key", 401, ({ app }) => rawRequest(app, "GET", "/api/v1/restaurants", { authorization: `Bearer ${wrongKey}` })],
    ["a wrong X-API-Key", 401, ({ app }) => rawRequest(app, "GET", "/api/v1/restaurants", { "x-api-key": wrongKey })],
    ["an unknown id", 404, ({ call }) => call("GET", `/api/v1/reservations/${UNKNOWN_ID}`)],
    ["an unknown route", 404, ({ call }) => call("GET", "/api/v1/nothing-here")],
    ["an unsupported method", 405, ({ call }) => call("DELETE", "/api/v1/restaurants")],
    ["a wrong content type", 415, ({ call }) => call("POST", "/api/v1/reservations", "x", { "content-type": "text/plain" })],
    ["a validation failure", 422, ({ call }) => call("POST", "/api/v1/reservations", booking(bistro.id, { guestCount: 0 }))],
  ];

  test.each(cases)("(%s → %d) is problem+json with a request id, no stack, and no key", async (_case, status, send) => {
    const testApp = await buildTestApp({ restaurants: [bistro] });
    const response = await send(testApp);
    const text = await response.clone().text();
    await expectProblem(response, status);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(wrongKey);
  });

  test("an unexpected exception gets a 500 problem without the stack, which the log keeps under the same request id", async () => {
    const lines: string[] = [];
    const storage = openSqliteStorage(":memory:");
    const repo = { ...storage.repo, getReservation: () => Promise.reject(new Error("disk on fire at /srv/db.ts:12:3")) };
    const logger = createLogger("error", (line) => lines.push(line));
    const { app } = createApp({ settings: testSettings(), storage: { ...storage, repo }, logger });
    const response = await rawRequest(app, "GET", `/api/v1/reservations/${UNKNOWN_ID}`, { authorization: `Bearer ${API_KEY}` });
    const text = await response.clone().text();
    const body = await expectProblem(response, 500);
    expect(body.code).toBe("internal_error");
    expect(text).not.toContain("disk on fire");
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.message === "unhandled error");
    expect(logged).toMatchObject({ requestId: body.requestId, error: expect.stringContaining("disk on fire") });
    expect(logged.stack).toContain("disk on fire");
  });
});
