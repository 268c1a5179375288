/**
 * Who is looking at a page: the signed-in guest from the session cookie, and a one-off message
 * ("flash") left by the form that redirected here. Both cookies are HttpOnly and SameSite=Lax,
 * and Secure when the public URL is https.
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../lib/types";
import type { Settings } from "../settings";

const SESSION_COOKIE = "tablekeeper_session";
const FLASH_COOKIE = "tablekeeper_flash";

/** Every message a redirect can leave, by code: the cookie carries only the code. */
export const flashMessages = {
  logged_in: "You're logged in!",
  booked: "Your table is booked.",
  changed: "Your reservation is changed.",
  cancelled: "Your reservation is cancelled.",
  saved: "Your details are saved.",
  claimed: "Your account is ready, and the booking is kept in it.",
} as const;
export type Flash = keyof typeof flashMessages;

const secure = (settings: Settings) => settings.server.publicUrl.startsWith("https:");

/**
 * The cookie lasts as long as the session, as a Max-Age: a date from the server's clock would be
 * read against the browser's, and a browser whose clock is ahead would drop it early.
 */
export function setSessionCookie(c: Context<AppEnv>, settings: Settings, token: string, expiresAt: number) {
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(settings),
    maxAge: Math.max(0, Math.round((expiresAt - c.get("services").now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

export const sessionToken = (c: Context<AppEnv>): string | undefined => getCookie(c, SESSION_COOKIE);

export function setFlash(c: Context<AppEnv>, settings: Settings, flash: Flash) {
  setCookie(c, FLASH_COOKIE, flash, { path: "/", httpOnly: true, sameSite: "Lax", secure: secure(settings), maxAge: 60 });
}

/** The message waiting for this page, shown once: reading it clears it. */
export function takeFlash(c: Context<AppEnv>): string | null {
  const code = getCookie(c, FLASH_COOKIE);
  if (code === undefined) return null;
  deleteCookie(c, FLASH_COOKIE, { path: "/" });
  return flashMessages[code as Flash] ?? null;
}

/** Loads the signed-in guest, if any, and slides the session's expiry forward. */
export function guestSession(settings: Settings): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionToken(c);
    const resumed = token ? await c.get("services").accounts.resume(token) : null;
    if (token && !resumed) clearSessionCookie(c);
    if (token && resumed?.renewedUntil) setSessionCookie(c, settings, token, resumed.renewedUntil);
    c.set("guest", resumed?.user ?? null);
    await next();
  };
}
