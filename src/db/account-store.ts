/** Guest accounts, their sessions and favourites. */

export interface UserRow {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  /** argon2id, from Bun.password. */
  passwordHash: string;
  firstName: string;
  lastName: string;
  /** The national number, as reservations keep it. */
  phone: string;
  receiveEmailUpdates: boolean;
  receivePhoneCall: boolean;
  receiveTextNotification: boolean;
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
}

export type ProfileFields = Pick<UserRow, "email" | "firstName" | "lastName" | "phone" | "receiveEmailUpdates" | "receivePhoneCall" | "receiveTextNotification">;

export interface SessionRow {
  /** SHA-256 (hex) of the cookie's token: the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface AccountStore {
  /** Fails with `email_taken`, writing nothing, when another account has the address; of two sign-ups at once with one address, one is created. */
  createUser(user: UserRow): Promise<"created" | "email_taken">;
  userByEmail(email: string): Promise<UserRow | null>;
  user(id: string): Promise<UserRow | null>;
  updateProfile(id: string, profile: ProfileFields, now: number): Promise<"updated" | "email_taken">;
  /** Records a log-in; `first` is true for the account's first one. Atomic, so two at once see one first. */
  recordLogin(id: string, now: number): Promise<{ first: boolean }>;

  createSession(session: SessionRow): Promise<void>;
  /** The live session with this token hash: one whose `expiresAt` is at or before `now` is no session. */
  session(tokenHash: string, now: number): Promise<SessionRow | null>;
  extendSession(tokenHash: string, expiresAt: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  pruneSessions(now: number): Promise<number>;

  /** The account's favourite restaurant ids, most recent first. */
  favourites(userId: string): Promise<string[]>;
  /** Idempotent: marking a favourite twice keeps one (and its first time), unmarking a missing one does nothing. */
  setFavourite(userId: string, restaurantId: string, favourite: boolean, now: number): Promise<void>;
}
