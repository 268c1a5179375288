/** Where third-party contract tools found the served spec and the server disagreeing, and now agree. */
import "@hono/zod-openapi"; // extends zod with .openapi() before the route schemas load
import { describe, expect, test } from "bun:test";
import { parse } from "yaml";
import { guestFieldRules } from "../../src/domain/guest-fields";
import { buildTestApp } from "../support/app";

const yamlText = await Bun.file("openapi/openapi.yaml").text();
const spec = parse(yamlText) as {
  paths: Record<
    string,
    Record<string, { security?: unknown; parameters?: Array<{ name: string; schema: Record<string, unknown> }>; "x-required-scopes"?: string[]; responses: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, { properties: Record<string, { pattern?: string; maxLength?: number; example?: unknown }> }> };
};

describe("the spec says what the server accepts", () => {
  test("/metrics lists both the bearer and the X-API-Key scheme, as it takes both", () => {
    expect(spec.paths["/metrics"]!.get!.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
  });

  test.each([
    [" Bartholomewsmit ", true],
    ["Bartholomewsmith", false],
    ["  Ada  ", true],
  ])("a name is bounded once trimmed, by the spec as by the server: %p", (name, accepted) => {
    const field = spec.components.schemas.ReservationCreate!.properties.firstName!;
    expect(field.maxLength).toBeUndefined();
    expect(new RegExp(field.pattern!, "u").test(name)).toBe(accepted);
    expect(guestFieldRules.firstName.safeParse(name).success).toBe(accepted);
  });

  test("strings YAML 1.1 would read as numbers or timestamps are quoted", () => {
    expect(yamlText).not.toMatch(/: \d{1,2}:\d{2}$/m);
    expect(yamlText).not.toMatch(/: \d{4}-\d{2}-\d{2}$/m);
    expect(parse(yamlText, { version: "1.1" })).toEqual(parse(yamlText));
  });

  test("every /api/v1 operation states its scope, and documents the 403 exactly when it needs one", () => {
    const operations = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith("/api/v1"))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ at: `${method} ${path}`, operation })));
    expect(operations.length).toBeGreaterThan(10);
    for (const { at, operation } of operations) {
      const scopes = operation["x-required-scopes"];
      expect({ at, scopes: Array.isArray(scopes) }).toEqual({ at, scopes: true });
      expect({ at, documents403: "403" in operation.responses }).toEqual({ at, documents403: scopes!.length > 0 });
    }
  });

  test("the Idempotency-Key rule is in the spec", () => {
    const header = spec.paths["/api/v1/reservations"]!.post!.parameters!.find((parameter) => parameter.name === "idempotency-key")!;
    expect(header.schema).toMatchObject({ pattern: "^[\\x21-\\x7E]{1,255}$", minLength: 1, maxLength: 255 });
  });

  test("the examples name a seeded demo restaurant, and the input dates are far enough ahead never to go stale", async () => {
    const { call } = await buildTestApp();
    const restaurantId = spec.components.schemas.ReservationCreate!.properties.restaurantId!.example as string;
    expect((await call("GET", `/api/v1/restaurants/${restaurantId}`)).status).toBe(200);
    const dates = yamlText.match(/example: "?(20\d\d)-\d\d-\d\d/g)!.map((found) => Number(found.match(/20\d\d/)![0]));
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(2026);
  });
});
