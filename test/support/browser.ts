/**
 * Debian's Chromium, driven by playwright-core, for tests of what a person sees. Where Chromium is
 * not installed (a bare developer machine, the Docker test stage) those tests are skipped; .ci/run
 * installs it, so CI always runs them.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasBrowser = existsSync(CHROMIUM);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI, and a machine with no network: no sandbox, and no background calls home.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
