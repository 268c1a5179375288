/**
 * The whole app behind a real Bun.serve on an ephemeral loopback port, for the browser tests.
 *
 * Form posts are checked against the origin in PUBLIC_URL, so the app must know its own address
 * before it is built: the port is taken first with a placeholder handler, the app is built with
 * that address, and the server is then switched over to it (`server.reload`), with no window in
 * which another process could take the port.
 */
import { afterAll, afterEach, beforeAll, setSystemTime } from "bun:test";
import type { Browser } from "playwright-core";
import { buildTestApp, type TestApp } from "../app";
import { hasBrowser, launchBrowser } from "../browser";
import { NOW } from "./booking";
import { contextPool } from "./contexts";

export interface Site {
  /** `http://127.0.0.1:<port>`, also the app's PUBLIC_URL. */
  url: string;
  t: TestApp;
  stop(): void;
}

export async function startSite(options: Parameters<typeof buildTestApp>[0] = {}): Promise<Site> {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("starting", { status: 503 }) });
  const url = `http://127.0.0.1:${server.port}`;
  try {
    const t = await buildTestApp({ ...options, env: { PUBLIC_URL: url, ...options.env } });
    server.reload({ fetch: t.app.fetch });
    return { url, t, stop: () => server.stop(true) };
  } catch (error) {
    server.stop(true);
    throw error;
  }
}

/** A second origin on another port: a foreign site that serves the given HTML at every path. */
export function startForeignSite(html: string) {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } }),
  });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}

/**
 * A test file's browser and real server: started before its tests with the clock at NOW, a fresh
 * context per test closed after it, and everything stopped after the file. `site` reads the
 * started server, so helpers may hold it from the start.
 */
export function useBrowserSite(options: Parameters<typeof buildTestApp>[0] = {}, hooks: { afterEach?: () => void; afterAll?: () => void } = {}) {
  let browser: Browser | undefined;
  let started: Site | undefined;
  const running = () => {
    if (!started) throw new Error("the site starts in beforeAll");
    return started;
  };
  const site: Site = {
    get url() {
      return running().url;
    },
    get t() {
      return running().t;
    },
    stop: () => started?.stop(),
  };
  const pages = contextPool(() => browser!);
  beforeAll(async () => {
    if (!hasBrowser) return;
    setSystemTime(NOW);
    started = await startSite(options);
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await pages.closeAll();
    hooks.afterEach?.();
  });
  afterAll(async () => {
    await browser?.close();
    started?.stop();
    setSystemTime();
    hooks.afterAll?.();
  });
  return { site, pages };
}
