/** @jsxImportSource hono/jsx */
/**
 * The guest pages: server-rendered HTML on the same services as the API. Not in the OpenAPI spec.
 * Every form post is checked against CSRF by origin (Hono's `csrf`), the origin being PUBLIC_URL
 * when it is set, since behind a TLS-terminating proxy the request's own URL is not the guest's.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import type { UserRow } from "../db/account-store";
import type { HitCounter } from "../db/hit-counter";
import { isApiPath } from "../lib/faces";
import type { AppEnv } from "../lib/types";
import { addressBucket, clientAddress } from "../middleware/client-address";
import { limitRequests, limitStatusChanges } from "../middleware/rate-limit";
import type { Settings } from "../settings";
import { logIn, logInPage, loggedOutPage, logOut, profilePage, saveProfile, setFavourite, signUp, signUpPage } from "./account";
import { book, bookingPage } from "./booking";
import { changePage, saveChange } from "./change";
import { postedForm } from "./form-input";
import { myReservationsPage } from "./my-reservations";
import { cancelReservation, claimReservation, reservationPage, resolveAccess } from "./reservation";
import { searchPage } from "./search";
import { guestSession } from "./session";

interface PagesDeps {
  settings: Settings;
  /** The counters the API's limits use, so that a guest's cancel and staff's changes share one limit. */
  hitCounter: HitCounter;
  now: () => number;
  onLimited: (limit: string) => void;
}

/** Mounted at the root, the pages' middleware must leave the API's requests alone. */
const onPages =
  (middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    isApiPath(c.req.path) ? next() : middleware(c, next);

/**
 * The pages load nothing but their own files: no inline script or style, no other origin, no
 * framing, and forms post only back here.
 */
const contentSecurityPolicy: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header(
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  );
};

/** A page only a signed-in guest sees; anyone else is sent to log in first, and back. */
const signedIn =
  (page: (c: Context<AppEnv>, guest: UserRow) => Response | Promise<Response>) =>
  (c: Context<AppEnv>) => {
    const guest = c.get("guest");
    if (!guest) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    return page(c, guest);
  };

export function pagesRouter({ settings, hitCounter, now, onLimited }: PagesDeps) {
  const pages = new Hono<AppEnv>();
  pages.get("/assets/:file", serveAsset);
  pages.use(onPages(contentSecurityPolicy));
  pages.use(onPages(guestSession(settings)));
  pages.use(onPages(csrf({ origin: settings.server.publicUrlSet ? settings.server.publicUrl : undefined })));

  pages.get("/", searchPage);
  pages.get("/signup", signUpPage);
  // Failed log-ins are limited per account and per address, so that guessing a password is
  // bounded; sign-ups per address, so that one client cannot make accounts without end.
  const { loginLimit } = settings.accounts;
  const perAddress = (name: string, describe: string, refundSuccesses: boolean) =>
    limitRequests({
      name,
      counter: hitCounter,
      limit: loginLimit.perAddress,
      windowMs: loginLimit.windowMs,
      now,
      key: (c) => `${name}:${addressBucket(clientAddress(c))}`,
      refundSuccesses,
      describe,
      onLimited: () => onLimited(name),
    });
  const limitByAccount = limitRequests({
    name: "login_account",
    counter: hitCounter,
    limit: loginLimit.perAccount,
    windowMs: loginLimit.windowMs,
    now,
    key: async (c) => `login_account:${((await postedForm(c)).email ?? "").trim().toLowerCase()}`,
    refundSuccesses: true,
    describe: "failed log-in attempts for this account",
    onLimited: () => onLimited("login_account"),
  });
  pages.get("/login", logInPage);
  pages.post("/signup", perAddress("signup_address", "sign-ups from this address", false), signUp);
  pages.post("/login", perAddress("login_address", "failed log-in attempts from this address", true), limitByAccount, logIn);
  pages.post("/logout", logOut);
  pages.get("/logged-out", loggedOutPage);
  pages.get("/profile", signedIn(profilePage));
  pages.post("/profile", signedIn(saveProfile));
  pages.get("/my/reservations", signedIn(myReservationsPage));
  pages.post("/favourites/:restaurantId", signedIn(setFavourite));

  pages.get("/restaurants/:restaurantId/book", bookingPage);
  pages.post("/restaurants/:restaurantId/book", book);

  // A guest's cancel is a status change, limited per reservation exactly as the API's are.
  const statusLimit = limitStatusChanges({
    counter: hitCounter,
    rule: settings.rateLimit.statusChanges,
    now,
    reservationId: async (c) => (await resolveAccess(c)).view.row.id,
    onLimited: () => onLimited("status_change"),
  });
  for (const base of ["/r/:token", "/reservations/:reservationId"]) {
    pages.get(base, reservationPage);
    pages.get(`${base}/change`, changePage);
    pages.post(`${base}/change`, saveChange);
    pages.post(`${base}/cancel`, statusLimit, cancelReservation);
  }
  pages.post("/r/:token/claim", claimReservation);
  return pages;
}

const ASSETS: Record<string, { path: string; type: string }> = {
  "pico.min.css": { path: fileURLToPath(import.meta.resolve("@picocss/pico/css/pico.min.css")), type: "text/css; charset=utf-8" },
  "site.css": { path: join(dirname(fileURLToPath(import.meta.url)), "assets/site.css"), type: "text/css; charset=utf-8" },
  "copy-link.js": { path: join(dirname(fileURLToPath(import.meta.url)), "assets/copy-link.js"), type: "text/javascript; charset=utf-8" },
};

/** The pages' own stylesheet and script, from the app with cache headers: nothing from a CDN. */
function serveAsset(c: Context<AppEnv>) {
  const asset = ASSETS[c.req.param("file") ?? ""];
  if (!asset) return c.notFound();
  return c.body(Bun.file(asset.path).stream(), 200, { "Content-Type": asset.type, "Cache-Control": "public, max-age=3600" });
}
