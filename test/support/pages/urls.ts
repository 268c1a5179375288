/** URLs as a test compares them: by path (and query), whether a page wrote them relative or absolute. */
import type { Page } from "playwright-core";

export const hrefPath = (href: string | null) => {
  if (href === null) return null;
  const url = new URL(href, "http://site.invalid");
  return url.pathname + url.search;
};

export const pathOf = (page: Page) => new URL(page.url()).pathname;
