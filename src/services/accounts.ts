/**
 * Guest accounts: sign up, log in, sessions, the profile and favourites. Sessions follow the
 * Copenhagen Book: a random 256-bit token in the cookie, only its SHA-256 in the database, a new
 * one at every log-in, and log out deletes it on the server.
 */
import { randomBytes } from "node:crypto";
import type { CountryCode } from "libphonenumber-js";
import { z } from "zod";
import type { AccountStore, UserRow } from "../db/account-store";
import { emailAddress, guestFieldRules, notificationDefaults, password, personName } from "../domain/guest-fields";
import { ApiError, type FieldError, fieldErrors } from "../lib/problem";
import type { ServiceContext } from "./context";
import { FieldChecks } from "./reservation-input";

const DAY = 86_400_000;

const profileSchema = z.object({
  firstName: personName,
  lastName: personName,
  phone: guestFieldRules.phone,
  email: emailAddress,
  receiveEmailUpdates: z.boolean().default(notificationDefaults.receiveEmailUpdates),
  receivePhoneCall: z.boolean().default(notificationDefaults.receivePhoneCall),
  receiveTextNotification: z.boolean().default(notificationDefaults.receiveTextNotification),
});
const signUpSchema = profileSchema.extend({ password });

const tokenHash = (token: string) => new Bun.CryptoHasher("sha256").update(token).digest("hex");
const normalEmail = (email: string) => email.trim().toLowerCase();

/** Verified against when the email is unknown, so that both failures take an argon2id verify. */
let decoyHash: Promise<string> | undefined;

export function createAccountService({ settings, now }: ServiceContext, accounts: AccountStore) {
  const region = settings.phoneRegion as CountryCode;
  const { sessionTtlMs } = settings.accounts;

  /** The profile rules: the same objects the reservation fields use, and the phone in the region. */
  function checkProfile<S extends typeof profileSchema>(schema: S, raw: Record<string, unknown>) {
    const input = { ...raw, email: typeof raw.email === "string" ? normalEmail(raw.email) : raw.email };
    const parsed = schema.safeParse(input);
    const errors = parsed.success ? [] : fieldErrors(parsed.error);
    const checks = new FieldChecks(now());
    const phone = typeof raw.phone === "string" && !errors.some((error) => error.field === "phone") ? checks.phone(raw.phone, region) : "";
    errors.push(...checks.errors);
    if (!parsed.success || errors.length > 0) throw ApiError.validation(errors);
    return { ...(parsed.data as z.infer<S>), phone };
  }

  const emailTaken: FieldError = { field: "email", rule: "taken", message: "already has an account: log in instead" };

  async function signUp(raw: Record<string, unknown>): Promise<UserRow> {
    const { password: secret, ...profile } = checkProfile(signUpSchema, raw);
    const clock = now();
    const user: UserRow = {
      id: Bun.randomUUIDv7(),
      ...profile,
      passwordHash: await Bun.password.hash(secret, { algorithm: "argon2id" }),
      createdAt: clock,
      updatedAt: clock,
      lastLoginAt: null,
    };
    if ((await accounts.createUser(user)) === "email_taken") throw ApiError.validation([emailTaken]);
    return user;
  }

  /** The account for this email and password, or null; an unknown email costs the same as a wrong password. */
  async function authenticate(email: string, secret: string): Promise<UserRow | null> {
    const user = await accounts.userByEmail(normalEmail(email));
    if (!user) {
      decoyHash ??= Bun.password.hash(randomBytes(16).toString("hex"), { algorithm: "argon2id" });
      await Bun.password.verify(secret, await decoyHash);
      return null;
    }
    return (await Bun.password.verify(secret, user.passwordHash)) ? user : null;
  }

  /**
   * Starts a session for a log-in, ending the one the browser held (a fresh token at every
   * log-in defeats session fixation). `firstLogin` is true for the account's very first.
   */
  async function startSession(userId: string, previousToken?: string): Promise<{ token: string; expiresAt: number; firstLogin: boolean }> {
    if (previousToken) await accounts.deleteSession(tokenHash(previousToken));
    const token = randomBytes(32).toString("base64url");
    const clock = now();
    const expiresAt = clock + sessionTtlMs;
    await accounts.createSession({ tokenHash: tokenHash(token), userId, createdAt: clock, expiresAt });
    const { first } = await accounts.recordLogin(userId, clock);
    return { token, expiresAt, firstLogin: first };
  }

  /**
   * The account a session token belongs to, and its new expiry when the session slid forward.
   * The expiry moves at most once a day, so that reading a page rarely writes.
   */
  async function resume(token: string): Promise<{ user: UserRow; renewedUntil?: number } | null> {
    if (!/^[\w-]{43}$/.test(token)) return null;
    const clock = now();
    const session = await accounts.session(tokenHash(token), clock);
    if (!session) return null;
    const user = await accounts.user(session.userId);
    if (!user) return null;
    const slid = clock + sessionTtlMs;
    if (slid - session.expiresAt < DAY) return { user };
    await accounts.extendSession(session.tokenHash, slid);
    return { user, renewedUntil: slid };
  }

  async function endSession(token: string): Promise<void> {
    await accounts.deleteSession(tokenHash(token));
  }

  async function updateProfile(userId: string, raw: Record<string, unknown>): Promise<UserRow> {
    const profile = checkProfile(profileSchema, raw);
    if ((await accounts.updateProfile(userId, profile, now())) === "email_taken") throw ApiError.validation([emailTaken]);
    return (await accounts.user(userId))!;
  }

  return {
    signUp,
    authenticate,
    startSession,
    resume,
    endSession,
    updateProfile,
    favourites: (userId: string) => accounts.favourites(userId),
    setFavourite: (userId: string, restaurantId: string, favourite: boolean) => accounts.setFavourite(userId, restaurantId, favourite, now()),
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
