import { describe, expect, test } from "bun:test";
import { Hono } from "hono";
import type { AppEnv } from "../../src/lib/types";
import { onNotFound } from "../../src/middleware/errors";

/** An app shaped like ours: middleware for every path, an API sub-app, and pages on the root. */
function appWithPages() {
  const app = new Hono<AppEnv>({ strict: true });
  app.use(async (_c, next) => next());
  const api = new Hono<AppEnv>({ strict: true });
  api.use(async (_c, next) => next());
  api.get("/items", (c) => c.json([]));
  api.post("/items", (c) => c.json({}, 201));
  api.get("/items/:id{[0-9]+}", (c) => c.json({}));
  api.get("/items/:id/missing", (c) => c.notFound());
  app.route("/api/v1", api);
  app.get("/", (c) => c.html("<h1>Find a table</h1>"));
  app.get("/login", (c) => c.html("<form method=post></form>"));
  app.post("/login", (c) => c.redirect("/"));
  app.get("/assets/:file", (c) => c.text(c.req.param("file")));
  app.notFound(onNotFound(app));
  return app;
}

describe("onNotFound", () => {
  test.each([
    ["DELETE", "/api/v1/items", "GET, POST, HEAD"],
    ["PUT", "/api/v1/items/42", "GET, HEAD"],
    ["DELETE", "/login", "GET, POST, HEAD"],
    ["PUT", "/", "GET, HEAD"],
  ])("%s %s gets 405 with Allow: %s", async (method, path, allow) => {
    const response = await appWithPages().request(path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("allow")).toBe(allow);
    expect((await response.json()).detail).toBe(`${method} is not allowed here; use ${allow}.`);
  });

  test.each([
    ["GET", "/api/v1/items/"],
    ["POST", "/api/v1/items/"],
    ["GET", "/api/v1/items/abc"],
    ["GET", "/api/v1/itemsXjson"],
    ["GET", "/logn"],
    ["POST", "/logn"],
    ["GET", "/login/"],
    ["GET", "/assets/a/b.js"],
    ["HEAD", "/logn"],
  ])("%s %s gets 404 without Allow", async (method, path) => {
    const response = await appWithPages().request(path, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("allow")).toBeNull();
  });

  test("a handler's own c.notFound() on a path served for that method is a 404, not a 405 naming its method", async () => {
    const response = await appWithPages().request("/api/v1/items/7/missing");
    expect(response.status).toBe(404);
    expect(response.headers.get("allow")).toBeNull();
  });

  test("routes added after onNotFound is registered, before the first request, are known", async () => {
    const app = appWithPages();
    app.post("/late", (c) => c.text("ok"));
    const response = await app.request("/late");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
