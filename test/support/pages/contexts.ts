/**
 * A fresh browser context for every guest a test plays, on the file's one browser, all closed
 * after the test so that no cookie leaks from one test into the next.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";

export const DESKTOP = { width: 1200, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export function contextPool(browser: () => Browser) {
  const open: BrowserContext[] = [];
  return {
    /** A page in a new context: its own cookies, a desktop viewport and en-US unless told otherwise. */
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      const context = await browser().newContext({ viewport: DESKTOP, locale: "en-US", ...options });
      context.setDefaultTimeout(5_000);
      open.push(context);
      return context.newPage();
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((context) => context.close()));
    },
  };
}
