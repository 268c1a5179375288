/**
 * The local servers some tests need: PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379,
 * probed once before any test file loads (bunfig.toml preloads this), so that a machine with
 * nothing but Node and npm still passes `npm test`, the tests that need them skipped and said
 * so. CI runs with TABLEKEEPER_TEST_SERVICES=required (`.ci/run`): there, a server that is not
 * there fails the run at once rather than skipping what it would prove. `none` pretends neither
 * is there, to see what such a machine runs.
 */
import { afterAll } from "bun:test";
import { DROP_TIMEOUT_MS, dropTestDatabases } from "./postgres";

async function reachable(port: number): Promise<boolean> {
  try {
    const socket = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } });
    socket.end();
    return true;
  } catch {
    return false;
  }
}

/** `none` pretends neither is there: how to see what a machine without them runs. */
const pretendNone = process.env.TABLEKEEPER_TEST_SERVICES === "none";
export const services = { postgres: !pretendNone && (await reachable(5432)), redis: !pretendNone && (await reachable(6379)) };

const missing = [!services.postgres && "PostgreSQL on 127.0.0.1:5432", !services.redis && "Redis on 127.0.0.1:6379"].filter(Boolean);
if (missing.length > 0) {
  if (process.env.TABLEKEEPER_TEST_SERVICES === "required") throw new Error(`TABLEKEEPER_TEST_SERVICES=required, but nothing answers: ${missing.join(", ")}`);
  console.warn(`Not reachable: ${missing.join(", ")}. The tests that need them are skipped; CI runs them all.`);
}

/** The name a skipped block carries, so that the run says what was left out and why. */
export const needs = (...what: Array<"postgres" | "redis">) => {
  const absent = what.filter((service) => !services[service]);
  return { skip: absent.length > 0, because: absent.length > 0 ? ` (skipped: no ${absent.join(" or ")} on this machine)` : "" };
};

// Drops the PostgreSQL databases the run created, once, at the end of the whole run.
afterAll(dropTestDatabases, DROP_TIMEOUT_MS);
