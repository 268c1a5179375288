/**
 * Preloaded before every test file (bunfig.toml), so that its hook is the whole run's, not one
 * file's: however many files opened PostgreSQL databases, each is dropped once, at the end.
 */
import { afterAll } from "bun:test";
import { DROP_TIMEOUT_MS, dropTestDatabases } from "./postgres";

afterAll(dropTestDatabases, DROP_TIMEOUT_MS);
