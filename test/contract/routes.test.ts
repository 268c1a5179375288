/** The spec lists every route the server answers, and the server serves every operation the spec lists. */
import { afterAll, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import { isApiPath } from "../../src/lib/faces";
import { undocumentedPaths } from "../../src/routes/system/system.index";
import { API_KEY, buildTestApp } from "../support/app";
import { book, NOW, useServer } from "./support/servers";
import { createSpecValidator, loadSpec, operationsOf } from "./support/spec-validator";

/** `/reservations/{reservationId}` as Hono writes it: `/reservations/:reservationId`. */
const honoPath = (specPath: string) => specPath.replace(/\{([^/}]+)\}/g, ":$1");

const { app } = await buildTestApp();
// "ALL" entries are middleware (app.use); a method-specific middleware shares its route's method and path.
// The guest pages are not part of the API, so not of its spec.
const served = new Set(app.routes.filter((route) => route.method !== "ALL" && isApiPath(route.path)).map((route) => `${route.method} ${route.path}`));
const documented = new Set(operationsOf(loadSpec()).map((operation) => `${operation.method} ${honoPath(operation.path)}`));
const exempt: readonly string[] = undocumentedPaths;

describe("routes against the spec", () => {
  test("the server answers no API route the spec does not document, apart from undocumentedPaths", () => {
    const undocumented = [...served].filter((route) => !documented.has(route) && !exempt.includes(route.split(" ")[1]!));
    expect(undocumented).toEqual([]);
  });

  test("the server serves every operation the spec documents", () => {
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });
});

describe("a method the path does not serve", () => {
  beforeAll(() => setSystemTime(NOW));
  afterAll(() => setSystemTime());
  const validator = createSpecValidator();
  const server = useServer(validator);

  test("is 405 problem+json with Allow, though no operation documents 405", async () => {
    const { reservation } = await book(server.client);
    const response = await fetch(`${server.url}/api/v1/reservations/${reservation.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${API_KEY}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(response.headers.get("Allow")).toBe("GET, PATCH, HEAD");
    const body = await response.json();
    expect(validator.componentErrors("Problem", body)).toEqual([]);
    expect(body.code).toBe("method_not_allowed");
  });
});
