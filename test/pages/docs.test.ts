import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Browser } from "playwright-core";
import { buildTestApp, serve } from "../support/app";
import { hasBrowser, launchBrowser } from "../support/browser";
import { loadSpec, operationsOf } from "../contract/support/spec-validator";

let browser: Browser;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  if (!hasBrowser) return;
  server = serve((await buildTestApp()).app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

test.skipIf(!hasBrowser)("Swagger UI at /docs renders every operation of the spec, with no request leaving the machine", async () => {
  const page = await browser.newPage();
  const outside: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(server.url)) outside.push(request.url());
  });
  await page.goto(`${server.url}/docs`);
  await page.waitForSelector(".opblock", { timeout: 15_000 });
  const shown = await page.$$eval(".opblock-summary-path", (paths) => paths.length);
  expect(shown).toBe(operationsOf(loadSpec()).length);
  expect(await page.textContent(".info .title")).toContain("Tablekeeper API");
  expect(outside).toEqual([]);
}, 30_000);
