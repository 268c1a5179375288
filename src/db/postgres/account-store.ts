import { and, desc, eq, gt, isNull, lte } from "drizzle-orm";
import type { AccountStore } from "../account-store";
import type { PostgresDb } from "./open";
import { favourites, sessions, users } from "./schema";

const isEmailTaken = (error: unknown) => {
  const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause ?? (error as { code?: string; constraint_name?: string });
  return cause?.code === "23505" && cause.constraint_name === "users_email";
};

export function postgresAccountStore(db: PostgresDb): AccountStore {
  return {
    async createUser(user) {
      try {
        await db.insert(users).values(user);
        return "created";
      } catch (error) {
        if (isEmailTaken(error)) return "email_taken";
        throw error;
      }
    },

    async userByEmail(email) {
      const [row] = await db.select().from(users).where(eq(users.email, email));
      return row ?? null;
    },

    async user(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },

    async updateProfile(id, profile, now) {
      try {
        await db.update(users).set({ ...profile, updatedAt: now }).where(eq(users.id, id));
        return "updated";
      } catch (error) {
        if (isEmailTaken(error)) return "email_taken";
        throw error;
      }
    },

    async recordLogin(id, now) {
      // The first log-in is the update that finds last_login_at still null: two at once cannot both be.
      const first = await db.update(users).set({ lastLoginAt: now }).where(and(eq(users.id, id), isNull(users.lastLoginAt))).returning({ id: users.id });
      if (first.length === 0) await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id));
      return { first: first.length > 0 };
    },

    async createSession(session) {
      await db.insert(sessions).values(session);
    },

    async session(tokenHash, now) {
      const [row] = await db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
      return row ?? null;
    },

    async extendSession(tokenHash, expiresAt) {
      await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
    },

    async deleteSession(tokenHash) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },

    async pruneSessions(now) {
      return (await db.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ tokenHash: sessions.tokenHash })).length;
    },

    async favourites(userId) {
      const rows = await db.select({ restaurantId: favourites.restaurantId }).from(favourites).where(eq(favourites.userId, userId)).orderBy(desc(favourites.createdAt));
      return rows.map((row) => row.restaurantId);
    },

    async setFavourite(userId, restaurantId, favourite, now) {
      if (favourite) await db.insert(favourites).values({ userId, restaurantId, createdAt: now }).onConflictDoNothing();
      else await db.delete(favourites).where(and(eq(favourites.userId, userId), eq(favourites.restaurantId, restaurantId)));
    },
  };
}
