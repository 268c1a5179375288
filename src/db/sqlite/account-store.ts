import { and, desc, eq, gt } from "drizzle-orm";
import type { AccountStore } from "../account-store";
import type { SqliteDb } from "./open";
import { favourites, sessions, users } from "./schema";

const isUniqueViolation = (error: unknown) => String(error).includes("UNIQUE constraint failed: users.email");

export function sqliteAccountStore(db: SqliteDb): AccountStore {
  return {
    async createUser(user) {
      try {
        db.insert(users).values(user).run();
        return "created";
      } catch (error) {
        if (isUniqueViolation(error)) return "email_taken";
        throw error;
      }
    },

    async userByEmail(email) {
      return db.select().from(users).where(eq(users.email, email)).get() ?? null;
    },

    async user(id) {
      return db.select().from(users).where(eq(users.id, id)).get() ?? null;
    },

    async updateProfile(id, profile, now) {
      try {
        db.update(users).set({ ...profile, updatedAt: now }).where(eq(users.id, id)).run();
        return "updated";
      } catch (error) {
        if (isUniqueViolation(error)) return "email_taken";
        throw error;
      }
    },

    async recordLogin(id, now) {
      // The first log-in is the update that finds last_login_at still null: two at once cannot both be.
      const first = db.$client.run("update users set last_login_at = ? where id = ? and last_login_at is null", [now, id]).changes === 1;
      if (!first) db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id)).run();
      return { first };
    },

    async createSession(session) {
      db.insert(sessions).values(session).run();
    },

    async session(tokenHash, now) {
      return db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now))).get() ?? null;
    },

    async extendSession(tokenHash, expiresAt) {
      db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash)).run();
    },

    async deleteSession(tokenHash) {
      db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    },

    async pruneSessions(now) {
      return db.$client.run("delete from sessions where expires_at <= ?", [now]).changes;
    },

    async favourites(userId) {
      const rows = db
        .select({ restaurantId: favourites.restaurantId })
        .from(favourites)
        .where(eq(favourites.userId, userId))
        .orderBy(desc(favourites.createdAt))
        .all();
      return rows.map((row) => row.restaurantId);
    },

    async setFavourite(userId, restaurantId, favourite, now) {
      if (favourite) db.insert(favourites).values({ userId, restaurantId, createdAt: now }).onConflictDoNothing().run();
      else db.delete(favourites).where(and(eq(favourites.userId, userId), eq(favourites.restaurantId, restaurantId))).run();
    },
  };
}
