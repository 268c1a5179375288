/** @jsxImportSource hono/jsx */
/**
 * Errors on the guest pages are pages in the site's layout, never JSON and never a stack: the
 * API's problem codes decide the status, and an unexpected error shows only the request id.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "../lib/logger";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";
import { renderPage } from "./render";

export function pageNotFound(c: Context<AppEnv>) {
  c.set("guest", c.get("guest") ?? null);
  return renderPage(
    c,
    "Page not found",
    <>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address, or it is not yours to see. A reservation opens from its private link, or from{" "}
        <a href="/my/reservations">My reservations</a> when you are logged in.
      </p>
      <p>
        <a href="/">Find a table</a>
      </p>
    </>,
    404,
  );
}

export function pageError(logger: Logger) {
  return (error: Error, c: Context<AppEnv>) => {
    c.set("guest", c.get("guest") ?? null);
    if (error instanceof ApiError && error.code === "not_found") return pageNotFound(c);
    if (error instanceof ApiError && error.code === "rate_limited") {
      const seconds = Number(error.extras.retryAfterSeconds ?? 60);
      c.header("Retry-After", String(seconds));
      return renderPage(
        c,
        "Too many attempts",
        <>
          <h1>Too many attempts</h1>
          <p role="alert">
            {error.message.split(":")[0]}. Please try again in {seconds} {seconds === 1 ? "second" : "seconds"}.
          </p>
        </>,
        429,
      );
    }
    if (error instanceof HTTPException && error.status === 403) {
      return renderPage(
        c,
        "Form refused",
        <>
          <h1>That form was refused</h1>
          <p role="alert">It was sent from another site, so nothing was changed. Open the page on this site and send the form again.</p>
          <p>
            <a href="/">Go to the start page</a>
          </p>
        </>,
        403,
      );
    }
    if (error instanceof ApiError && error.code === "service_unavailable") {
      c.header("Retry-After", error.extras.headers?.["Retry-After"] ?? "5");
      return renderPage(
        c,
        "Back in a moment",
        <>
          <h1>We cannot reach our records just now</h1>
          <p role="alert">{error.message}</p>
        </>,
        503,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      return renderPage(c, "Request refused", <><h1>That request could not be read</h1><p role="alert">{error.message || "Please go back and try again."}</p></>, 400);
    }
    logger.error("unhandled error", { requestId: c.get("requestId"), route: c.req.routePath, error: String(error), stack: error.stack });
    return renderPage(
      c,
      "Something went wrong",
      <>
        <h1>Something went wrong</h1>
        <p role="alert">That did not work, and it is our fault. Nothing was half-done: please try again in a moment.</p>
        <p>
          If it keeps happening, quote this request id: <code>{c.get("requestId")}</code>
        </p>
      </>,
      500,
    );
  };
}
