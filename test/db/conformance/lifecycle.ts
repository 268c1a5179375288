/**
 * A storage's own life: a fresh one is ready, and closing it lets every statement and
 * transaction already under way finish as it would have, rather than cutting it off.
 */
import { describe, expect, test } from "bun:test";
import { createdEntry, message, NoRoom, type OpenStorage, reservationRow, seatCheck, bistro, useStorage } from "./support";

export function lifecycleConformance(open: OpenStorage) {
  describe("a storage's life", () => {
    const storage = useStorage(open);

    test("a fresh storage answers and is migrated", async () => {
      await storage().repo.ping();
      expect(await storage().ready()).toEqual({ database: true, migrations: true });
    });

    test("close waits for the writes in flight: each has settled as it would have when close answers", async () => {
      const rows = Array.from({ length: 12 }, () => reservationRow(bistro, { guestCount: 2 }));
      const settled: string[] = [];
      const writes = rows.map((row) =>
        storage()
          .repo.writeReservation(row.id, () => ({ row, seatCheck: seatCheck(bistro, row), log: [createdEntry(row)], notifications: [message(row, "created")] }))
          .then(
            () => settled.push("written"),
            (error) => settled.push(error instanceof NoRoom ? "no room" : `failed: ${error}`),
          ),
      );
      await storage.close();
      expect(settled.sort()).toEqual([...Array(5).fill("written"), ...Array(7).fill("no room")].sort());
      await Promise.all(writes);
    });

    test("a closed storage answers that its database is not there", async () => {
      const closed = storage();
      await storage.close();
      expect(await closed.ready()).toMatchObject({ database: false });
    });
  });
}
