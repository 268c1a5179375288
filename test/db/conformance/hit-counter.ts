/**
 * Both counters a storage answers with (the shared limits and the per-key request limit) keep
 * fixed windows: a window lasts `windowMs` from the hit that opened it, its `resetAt` instant
 * belongs to the next one, and hits at once each see a count of their own.
 */
import { describe, expect, test } from "bun:test";
import type { Storage } from "../../../src/db/storage";
import { atOnce, NOW, type OpenStorage, useStorage } from "./support";

const WINDOW = 60_000;
const counters = ["hitCounter", "requestCounter"] as const;

/** Hits at instants after NOW, and what each must answer. */
const windows = [
  { name: "hits within the window count up, all resetting when the first hit's window ends", hits: [0, 1, WINDOW - 1], expected: [[1, WINDOW], [2, WINDOW], [3, WINDOW]] },
  { name: "a hit at exactly resetAt opens the next window", hits: [0, 10, WINDOW], expected: [[1, WINDOW], [2, WINDOW], [1, 2 * WINDOW]] },
  { name: "the next window lasts from the hit that opened it, not from the last one's end", hits: [0, WINDOW + 500, 2 * WINDOW + 499, 2 * WINDOW + 500], expected: [[1, WINDOW], [1, 2 * WINDOW + 500], [2, 2 * WINDOW + 500], [1, 3 * WINDOW + 500]] },
];

export function hitCounterConformance(open: OpenStorage) {
  for (const counter of counters) {
    describe(`the ${counter}'s fixed windows`, () => {
      const storage = useStorage(open, []);
      const count = (s: Storage) => s[counter];

      for (const { name, hits, expected } of windows) {
        test(name, async () => {
          const answers = [];
          for (const at of hits) answers.push(await count(storage()).increment("k", WINDOW, NOW + at));
          expect(answers).toEqual(expected.map(([hits, reset]) => ({ hits: hits!, resetAt: NOW + reset! })));
        });
      }

      test("keys count apart", async () => {
        await count(storage()).increment("a", WINDOW, NOW);
        expect(await count(storage()).increment("b", WINDOW, NOW)).toEqual({ hits: 1, resetAt: NOW + WINDOW });
      });

      test("50 hits at once each see their own count, 1 to 50", async () => {
        const outcomes = await atOnce(50, () => count(storage()).increment("k", WINDOW, NOW));
        const seen = outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value.hits : -1));
        expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      });

      test("a hit given back lowers the count within the window, never below zero, and not after it", async () => {
        await count(storage()).increment("k", WINDOW, NOW);
        await count(storage()).increment("k", WINDOW, NOW);
        await count(storage()).decrement("k", NOW + 1);
        expect(await count(storage()).increment("k", WINDOW, NOW + 2)).toEqual({ hits: 2, resetAt: NOW + WINDOW });
        for (let i = 0; i < 5; i++) await count(storage()).decrement("k", NOW + 3);
        expect(await count(storage()).increment("k", WINDOW, NOW + 4)).toEqual({ hits: 1, resetAt: NOW + WINDOW });
        await count(storage()).decrement("k", NOW + WINDOW);
        expect(await count(storage()).increment("k", WINDOW, NOW + WINDOW - 1)).toEqual({ hits: 2, resetAt: NOW + WINDOW });
      });

      test("a reset forgets the key's window", async () => {
        await count(storage()).increment("k", WINDOW, NOW);
        await count(storage()).reset("k");
        expect(await count(storage()).increment("k", WINDOW, NOW + 1)).toEqual({ hits: 1, resetAt: NOW + 1 + WINDOW });
      });

      test("prune forgets the windows that have ended, and only those", async () => {
        await count(storage()).increment("short", 1000, NOW);
        await count(storage()).increment("long", WINDOW, NOW);
        expect(await count(storage()).prune(NOW + 999)).toBe(0);
        expect(await count(storage()).prune(NOW + 1000)).toBe(1);
        expect(await count(storage()).increment("long", WINDOW, NOW + 1001)).toEqual({ hits: 2, resetAt: NOW + WINDOW });
      });
    });
  }
}
