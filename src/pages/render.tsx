/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../lib/types";
import { Layout } from "./layout";
import { takeFlash } from "./session";

type Status = 200 | 400 | 403 | 404 | 409 | 422 | 429 | 500 | 503;

/** A whole page in the site's layout, with the signed-in guest and any message waiting for it. */
export function renderPage(c: Context<AppEnv>, title: string, body: Child, status: Status = 200) {
  const html = <Layout title={title} guest={c.get("guest") ?? null} flash={takeFlash(c)}>{body}</Layout>;
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${html}`, status);
}
