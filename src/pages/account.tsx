/** @jsxImportSource hono/jsx */
/** Sign up, log in, log out and the profile. */
import type { Context } from "hono";
import type { UserRow } from "../db/account-store";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";
import { ContactFields, type Errors, errorsByField, FormAlert, Input, NotificationFields } from "./fields";
import { guestInput, localPath, postedForm } from "./form-input";
import { renderPage } from "./render";
import { clearSessionCookie, sessionToken, setFlash, setSessionCookie, takeFlash } from "./session";

const PROFILE_FIELDS = ["firstName", "lastName", "phone", "email", "receiveEmailUpdates", "receivePhoneCall", "receiveTextNotification"] as const;


function signUpForm(c: Context<AppEnv>, values: Record<string, unknown>, errors: Errors, status: 200 | 422 = 200) {
  const claim = c.req.query("claim");
  return renderPage(
    c,
    "Sign up",
    <>
      <h1>Sign up</h1>
      <p>An account fills in your details when you book, keeps your reservations together, and remembers your favourite places.</p>
      <FormAlert errors={errors} shown={["firstName", "lastName", "phone", "email", "password"]} />
      <form method="post" action={claim ? `/signup?claim=${encodeURIComponent(claim)}` : "/signup"} novalidate>
        <ContactFields values={values} errors={errors} emailRequired />
        <Input label="Password" name="password" type="password" errors={errors} autocomplete="new-password" required hint="At least 8 characters; a passphrase is best." />
        <button type="submit">Sign up</button>
      </form>
      <p>
        Already have an account? <a href="/login">Log in</a>
      </p>
    </>,
    status,
  );
}

export const signUpPage = (c: Context<AppEnv>) => signUpForm(c, {}, {});

export async function signUp(c: Context<AppEnv>) {
  const { accounts, reservations, settings } = c.get("services");
  const form = await postedForm(c);
  const input = { ...guestInput(form, PROFILE_FIELDS), receiveEmailUpdates: true, receivePhoneCall: true, receiveTextNotification: false, password: form.password ?? "" };
  let user: UserRow;
  try {
    user = await accounts.signUp(input);
  } catch (error) {
    if (error instanceof ApiError && error.code === "validation_failed") return signUpForm(c, form, errorsByField(error.extras.errors ?? []), 422);
    throw error;
  }
  const session = await accounts.startSession(user.id, sessionToken(c));
  setSessionCookie(c, settings, session.token, session.expiresAt);
  const claim = c.req.query("claim");
  if (claim && (await reservations.claim(claim, user.id).catch(() => false))) {
    setFlash(c, settings, "claimed");
    return c.redirect("/my/reservations", 303);
  }
  setFlash(c, settings, "logged_in");
  return c.redirect("/", 303);
}

function logInForm(c: Context<AppEnv>, email: string, failed: boolean) {
  const next = c.req.query("next");
  return renderPage(
    c,
    "Log in",
    <>
      <h1>Log in</h1>
      {failed ? <p role="alert">Wrong email or password.</p> : null}
      <form method="post" action={next ? `/login?next=${encodeURIComponent(next)}` : "/login"}>
        <label>
          Email
          <input type="email" name="email" value={email} autocomplete="username" required />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">Log in</button>
      </form>
      <p>
        New here? <a href="/signup">Sign up</a>
      </p>
    </>,
    failed ? 422 : 200,
  );
}

export const logInPage = (c: Context<AppEnv>) => logInForm(c, "", false);

export async function logIn(c: Context<AppEnv>) {
  const { accounts, settings } = c.get("services");
  const form = await postedForm(c);
  const user = await accounts.authenticate(form.email ?? "", form.password ?? "");
  if (!user) return logInForm(c, form.email ?? "", true);
  const session = await accounts.startSession(user.id, sessionToken(c));
  setSessionCookie(c, settings, session.token, session.expiresAt);
  if (session.firstLogin) setFlash(c, settings, "logged_in");
  return c.redirect(localPath(c.req.query("next")), 303);
}

export async function logOut(c: Context<AppEnv>) {
  const token = sessionToken(c);
  if (token) await c.get("services").accounts.endSession(token);
  clearSessionCookie(c);
  takeFlash(c); // a message left for the signed-in guest is theirs, not the next visitor's
  return c.redirect("/logged-out", 303);
}

export const loggedOutPage = (c: Context<AppEnv>) =>
  renderPage(
    c,
    "Logged out",
    <>
      <h1>You're logged out</h1>
      <p>
        Your session has ended on this device. <a href="/login">Log in</a> again, or <a href="/">find a table</a>.
      </p>
    </>,
  );

function profileForm(c: Context<AppEnv>, values: Record<string, unknown>, errors: Errors, status: 200 | 422 = 200) {
  return renderPage(
    c,
    "Profile",
    <>
      <h1>Profile</h1>
      <p>These details fill in the booking form for you.</p>
      <FormAlert errors={errors} shown={PROFILE_FIELDS} />
      <form method="post" action="/profile" novalidate>
        <ContactFields values={values} errors={errors} emailRequired />
        <NotificationFields values={values} errors={errors} />
        <button type="submit">Save changes</button>
      </form>
    </>,
    status,
  );
}

export function profilePage(c: Context<AppEnv>, guest: UserRow) {
  return profileForm(c, { ...guest }, {});
}

export async function saveProfile(c: Context<AppEnv>, guest: UserRow) {
  const input = guestInput(await postedForm(c), PROFILE_FIELDS);
  try {
    await c.get("services").accounts.updateProfile(guest.id, input);
  } catch (error) {
    if (error instanceof ApiError && error.code === "validation_failed") return profileForm(c, input, errorsByField(error.extras.errors ?? []), 422);
    throw error;
  }
  setFlash(c, c.get("services").settings, "saved");
  return c.redirect("/profile", 303);
}

/** Stars or unstars a restaurant, and goes back to the search it was done from. */
export async function setFavourite(c: Context<AppEnv>, guest: UserRow) {
  const { restaurants, accounts } = c.get("services");
  const restaurant = await restaurants.get(c.req.param("restaurantId")!);
  const form = await postedForm(c);
  await accounts.setFavourite(guest.id, restaurant.id, form.favourite !== "false");
  return c.redirect(localPath(form.returnTo), 303);
}
