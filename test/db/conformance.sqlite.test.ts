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
storageConformance("SQLite in a file", async () => openSqliteStorage(join(folder, `${++files}.db`)));
