import { expect, test } from "bun:test";
import { parse } from "yaml";
import { buildTestApp } from "../support/app";

const committed = await Bun.file(new URL("../../openapi/openapi.yaml", import.meta.url)).text();

test("the server publishes the committed spec, as YAML and as JSON, without a key", async () => {
  const { app } = await buildTestApp();
  const yaml = await app.request("/openapi.yaml");
  expect(yaml.status).toBe(200);
  expect(yaml.headers.get("content-type")).toBe("application/yaml");
  expect(parse(await yaml.text())).toEqual(parse(committed));
  const json = await app.request("/openapi.json");
  expect(json.headers.get("content-type")).toBe("application/json");
  expect(await json.json()).toEqual(parse(committed));
});

test("Swagger UI at /docs loads the published spec", async () => {
  const { app } = await buildTestApp();
  const page = await app.request("/docs");
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toContain("text/html");
  expect(await page.text()).toContain("/openapi.json");
});
