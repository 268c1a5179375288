/**
 * Guest accounts, sessions and favourites: an address is one account's however many sign up
 * with it at once, a session is live until its expiry instant, and favourites are a set.
 */
import { describe, expect, test } from "bun:test";
import { restaurant } from "../../support/app";
import { atOnce, bistro, NOW, type OpenStorage, userRow, useStorage } from "./support";

const trattoria = restaurant({ name: "Trattoria" });

export function accountConformance(open: OpenStorage) {
  describe("accounts", () => {
    const storage = useStorage(open, [bistro, trattoria]);

    test("an account reads back by id and by address, exactly as created", async () => {
      const ada = userRow({ lastLoginAt: NOW - 5 });
      expect(await storage().accounts.createUser(ada)).toBe("created");
      expect(await storage().accounts.user(ada.id)).toEqual(ada);
      expect(await storage().accounts.userByEmail(ada.email)).toEqual(ada);
      expect(await storage().accounts.user(Bun.randomUUIDv7())).toBeNull();
      expect(await storage().accounts.userByEmail("nobody@example.com")).toBeNull();
    });

    test("of sign-ups at once with one address, exactly one is created and the rest find it taken", async () => {
      const outcomes = await atOnce(8, () => storage().accounts.createUser(userRow({ email: "ada@example.com" })));
      const answers = outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : `threw ${outcome.reason}`));
      expect(answers.filter((answer) => answer === "created")).toHaveLength(1);
      expect(answers.filter((answer) => answer === "email_taken")).toHaveLength(7);
    });

    test("a profile change to another account's address is refused and changes nothing", async () => {
      const [ada, ben] = [userRow({ email: "ada@example.com" }), userRow({ email: "ben@example.com" })];
      await storage().accounts.createUser(ada);
      await storage().accounts.createUser(ben);
      const profile = { email: "ada@example.com", firstName: "Ben", lastName: "B", phone: "4155550000", receiveEmailUpdates: false, receivePhoneCall: true, receiveTextNotification: true };
      expect(await storage().accounts.updateProfile(ben.id, profile, NOW + 1)).toBe("email_taken");
      expect(await storage().accounts.user(ben.id)).toEqual(ben);
      expect(await storage().accounts.updateProfile(ben.id, { ...profile, email: "benjamin@example.com" }, NOW + 1)).toBe("updated");
      expect(await storage().accounts.user(ben.id)).toEqual({ ...ben, ...profile, email: "benjamin@example.com", updatedAt: NOW + 1 });
    });

    test("of log-ins at once to a new account, exactly one is the first", async () => {
      const ada = userRow();
      await storage().accounts.createUser(ada);
      const logins = await Promise.all(Array.from({ length: 6 }, (_, i) => storage().accounts.recordLogin(ada.id, NOW + i)));
      expect(logins.filter((login) => login.first)).toHaveLength(1);
      expect(await storage().accounts.recordLogin(ada.id, NOW + 100)).toEqual({ first: false });
      expect((await storage().accounts.user(ada.id))?.lastLoginAt).toBe(NOW + 100);
    });
  });

  describe("sessions", () => {
    const storage = useStorage(open, []);

    const instants = [
      { name: "a millisecond before it expires, the session is live", at: NOW + 999, live: true },
      { name: "at exactly its expiry, it is no session", at: NOW + 1000, live: false },
    ];
    for (const { name, at, live } of instants) {
      test(name, async () => {
        const ada = userRow();
        await storage().accounts.createUser(ada);
        const session = { tokenHash: "a".repeat(64), userId: ada.id, createdAt: NOW, expiresAt: NOW + 1000 };
        await storage().accounts.createSession(session);
        expect(await storage().accounts.session(session.tokenHash, at)).toEqual(live ? session : null);
      });
    }

    test("a session extended lives longer; deleted or pruned once expired, it is gone", async () => {
      const ada = userRow();
      await storage().accounts.createUser(ada);
      const [kept, deleted, expired] = ["a", "b", "c"].map((c) => ({ tokenHash: c.repeat(64), userId: ada.id, createdAt: NOW, expiresAt: NOW + 1000 }));
      for (const session of [kept!, deleted!, expired!]) await storage().accounts.createSession(session);
      await storage().accounts.extendSession(kept!.tokenHash, NOW + 5000);
      await storage().accounts.deleteSession(deleted!.tokenHash);
      expect(await storage().accounts.session(deleted!.tokenHash, NOW)).toBeNull();
      expect(await storage().accounts.pruneSessions(NOW + 1000)).toBe(1);
      expect(await storage().accounts.session(kept!.tokenHash, NOW + 4999)).toEqual({ ...kept!, expiresAt: NOW + 5000 });
      expect(await storage().accounts.session(expired!.tokenHash, NOW)).toBeNull();
    });
  });

  describe("favourites", () => {
    const storage = useStorage(open, [bistro, trattoria]);

    test("are a set, most recently marked first, and unmarking one removes only it", async () => {
      const ada = userRow();
      await storage().accounts.createUser(ada);
      await storage().accounts.setFavourite(ada.id, bistro.id, true, NOW);
      await storage().accounts.setFavourite(ada.id, trattoria.id, true, NOW + 1);
      await storage().accounts.setFavourite(ada.id, trattoria.id, true, NOW + 2);
      expect(await storage().accounts.favourites(ada.id)).toEqual([trattoria.id, bistro.id]);
      await storage().accounts.setFavourite(ada.id, trattoria.id, false, NOW + 3);
      await storage().accounts.setFavourite(ada.id, trattoria.id, false, NOW + 4);
      expect(await storage().accounts.favourites(ada.id)).toEqual([bistro.id]);
      expect(await storage().accounts.favourites(userRow().id)).toEqual([]);
    });
  });
}
