/**
 * `bun run db:copy-to-postgres` when it cannot do the whole job: it does none of it, says why,
 * and exits 1. (Refusing a database that already holds data is in `copy-to-postgres.test.ts`.)
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, setSystemTime, test } from "bun:test";
import { join } from "node:path";
import { booking, buildTestApp, restaurant } from "../support/app";
import { countIn, DATABASE_MS, PASSWORD, runCopy, scratch, tableNames } from "./copy-to-postgres-support";
import { needs } from "../support/services";

const services = needs("postgres");

describe.skipIf(services.skip)(`db:copy-to-postgres failures${services.because}`, () => {
  setDefaultTimeout(DATABASE_MS);
  const space = scratch();
  const bistro = restaurant();

  beforeAll(() => setSystemTime(new Date("2026-12-01T12:00:00Z")));
  afterAll(async () => {
    setSystemTime();
    await space.cleanup();
  }, DATABASE_MS);

  describe("db:copy-to-postgres failing", () => {
    test("a row PostgreSQL cannot hold stops the copy, names its table, and leaves PostgreSQL empty", async () => {
      const path = join(space.dir, "nul.db");
      const t = await buildTestApp({ path, restaurants: [bistro] });
      const { id } = await (await t.call("POST", "/api/v1/reservations", booking(bistro.id))).json();
      // SQLite keeps a NUL inside text; PostgreSQL's text refuses it, after restaurants went in.
      t.db.$client.run("update reservations set occasion = 'a' || char(0) || 'b' where id = ?", [id]);
      await t.storage.close();
      const url = await space.database();

      const failed = await runCopy(path, url);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain("copying reservations failed, so nothing was copied");
      expect(failed.stdout + failed.stderr).not.toContain(PASSWORD);
      for (const table of tableNames) expect({ table, rows: await countIn(url, table) }).toEqual({ table, rows: 0 });
    });

    test("a --from path with no file refuses, without creating one", async () => {
      const missing = join(space.dir, "missing.db");
      const refused = await runCopy(missing, await space.database());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`there is no SQLite file at ${missing}`);
      expect(await Bun.file(missing).exists()).toBe(false);
    });

    test("a --to that is not a postgres:// URL refuses with the usage", async () => {
      const refused = await runCopy(join(space.dir, "any.db"), "mysql://root@127.0.0.1/tablekeeper");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("--to must be a postgres:// or postgresql:// URL");
      expect(refused.stderr).toContain("usage: bun run db:copy-to-postgres -- --from");
    });

    test("an unreachable PostgreSQL fails with the driver's reason and no password", async () => {
      const path = join(space.dir, "reachable.db");
      await (await buildTestApp({ path, restaurants: [bistro] })).storage.close();
      const failed = await runCopy(path, `postgres://postgres:${PASSWORD}@127.0.0.1:1/tablekeeper`);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain("ECONNREFUSED");
      expect(failed.stdout + failed.stderr).not.toContain(PASSWORD);
    });
  });
});
