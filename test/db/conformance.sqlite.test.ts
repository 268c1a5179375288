/** The storage conformance suite on SQLite: in memory, as the tests run, and in a file, as a server runs. */
import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStorage } from "../../src/db/sqlite/storage";
import { storageConformance } from "./conformance";

storageConformance("SQLite in memory", async () => openSqliteStorage(":memory:"));

const folder = mkdtempSync(join(tmpdir(), "tk-conformance-"));
let files = 0;
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const nextFile = () => join(folder, `${++files}.db`);
storageConformance("SQLite in a file", async () => openSqliteStorage(nextFile()), {
  // The server and `bun run jobs` on one file: two connections, each with its own caches.
  twins: async () => {
    const path = nextFile();
    return [openSqliteStorage(path), openSqliteStorage(path)];
  },
});
