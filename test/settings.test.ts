import { describe, expect, test } from "bun:test";
import { loadSettings, SettingsError, sha256 } from "../src/settings";

const SECRET = "s3cret-frontdesk-key-0001";
const HEX = sha256(SECRET).toString("hex");

/** The SettingsError loadSettings throws for `env`; fails the test if it does not throw one. */
function settingsError(env: Record<string, string>): SettingsError {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error(`loadSettings accepted ${JSON.stringify(env)}`);
}

describe("loadSettings defaults", () => {
  test("an empty environment gives the documented defaults", () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      env: "development",
      logLevel: "info",
      server: { host: "0.0.0.0", port: 3000, bodyLimitBytes: 16 * 1024 },
      database: { path: "data/tablekeeper.db" },
      dataDir: "data",
      apiKeys: [],
      phoneRegion: "US",
      pagination: { defaultLimit: 20, maxLimit: 100 },
      booking: { horizonDays: 180 },
      seedDemoData: true,
    });
  });

  test("an empty variable counts as not set", () => {
    expect(loadSettings({ PORT: "", PHONE_REGION: "" })).toMatchObject({ server: { port: 3000 }, phoneRegion: "US" });
  });

  test("reads each setting from its variable", () => {
    const settings = loadSettings({
      PORT: "8080",
      PHONE_REGION: "ca",
      PAGE_SIZE_DEFAULT: "10",
      PAGE_SIZE_MAX: "50",
      BODY_LIMIT_BYTES: "2048",
      BOOKING_HORIZON_DAYS: "30",
      SEED_DEMO_DATA: "false",
    });
    expect(settings).toMatchObject({
      server: { port: 8080, bodyLimitBytes: 2048 },
      phoneRegion: "CA",
      pagination: { defaultLimit: 10, maxLimit: 50 },
      booking: { horizonDays: 30 },
      seedDemoData: false,
    });
  });
});

describe("loadSettings refusals", () => {
  test.each([
    ["PORT", "not-a-port", "expected an integer from 0 to 65535"],
    ["PORT", "70000", "expected an integer from 0 to 65535"],
    ["PORT", "80.5", "expected an integer from 0 to 65535"],
    ["PHONE_REGION", "XX", "expected an ISO 3166 region code"],
    ["PAGE_SIZE_MAX", "0", "expected an integer from 1 to 1000"],
    ["BODY_LIMIT_BYTES", "10", "expected an integer from 1024"],
    ["BOOKING_HORIZON_DAYS", "-1", "expected an integer from 1 to 3650"],
    ["SEED_DEMO_DATA", "maybe", "expected true or false"],
    ["NODE_ENV", "staging", "expected development, production or test"],
    ["DATABASE_URL", "mysql://db.example.com/tablekeeper", "expected a SQLite file path, a file: URL, :memory:, or a postgres:// URL"],
  ])("names %s and what it expects when it is %p", (key, value, expected) => {
    const error = settingsError({ [key]: value });
    expect(error.message).toContain(`${key}: ${expected}`);
    expect(error.problems).toHaveLength(1);
  });

  test("names every bad key at once, not just the first", () => {
    const error = settingsError({ PORT: "abc", PHONE_REGION: "XX", PAGE_SIZE_MAX: "0", API_KEYS: "broken" });
    expect(error.problems).toHaveLength(4);
    for (const key of ["PORT", "PHONE_REGION", "PAGE_SIZE_MAX", "API_KEYS"]) expect(error.message).toContain(`${key}:`);
  });

  test("refuses a default page size larger than the maximum", () => {
    expect(settingsError({ PAGE_SIZE_DEFAULT: "50", PAGE_SIZE_MAX: "20" }).message).toContain(
      "PAGE_SIZE_DEFAULT: must not exceed PAGE_SIZE_MAX",
    );
  });

  test("production without API_KEYS stops start-up, naming API_KEYS", () => {
    const error = settingsError({ NODE_ENV: "production" });
    expect(error.problems).toEqual([expect.stringMatching(/^API_KEYS: required when NODE_ENV=production/)]);
  });

  test("production with API_KEYS starts", () => {
    expect(loadSettings({ NODE_ENV: "production", API_KEYS: `frontdesk:${SECRET}` }).apiKeys).toHaveLength(1);
  });
});

describe("API_KEYS", () => {
  test("reads name:key entries and keeps only the SHA-256 of each key", () => {
    const { apiKeys } = loadSettings({ API_KEYS: `frontdesk:${SECRET}, kiosk:another-key-0123456789` });
    expect(apiKeys.map((key) => key.name)).toEqual(["frontdesk", "kiosk"]);
    expect(apiKeys[0]!.sha256.equals(sha256(SECRET))).toBe(true);
    expect(apiKeys[1]!.sha256.equals(sha256("another-key-0123456789"))).toBe(true);
  });

  test("reads name:sha256:<hex> as the digest of the key, in either case", () => {
    const { apiKeys } = loadSettings({ API_KEYS: `frontdesk:sha256:${HEX},kiosk:sha256:${HEX.toUpperCase()}` });
    expect(apiKeys.map((key) => key.name)).toEqual(["frontdesk", "kiosk"]);
    for (const key of apiKeys) expect(key.sha256.equals(sha256(SECRET))).toBe(true);
  });

  test("a key may itself contain colons", () => {
    const { apiKeys } = loadSettings({ API_KEYS: "frontdesk:abc:def:ghi:jkl:mnop" });
    expect(apiKeys[0]!.sha256.equals(sha256("abc:def:ghi:jkl:mnop"))).toBe(true);
  });

  test.each([
    ["no name", `:${SECRET}`, "entry 1: expected name:key"],
    ["no separator", SECRET, "entry 1: expected name:key"],
    ["a name with spaces", `front desk:${SECRET}`, "entry 1: expected name:key"],
    ["a key shorter than 16 characters", "frontdesk:short", 'entry 1: the key of "frontdesk" must be at least 16 characters'],
    ["a digest that is not 64 hex digits", `frontdesk:sha256:${HEX.slice(1)}`, "entry 1: expected sha256: followed by 64 hex digits"],
    ["a digest with non-hex digits", `frontdesk:sha256:${"z".repeat(64)}`, "entry 1: expected sha256: followed by 64 hex digits"],
    ["a name used twice", `frontdesk:${SECRET},frontdesk:${SECRET}x`, 'entry 2: the name "frontdesk" is used twice'],
  ])("refuses an entry with %s", (_case, value, expected) => {
    expect(settingsError({ API_KEYS: value }).message).toContain(`API_KEYS: ${expected}`);
  });

  test("names each bad entry by position and never echoes a key", () => {
    const error = settingsError({ API_KEYS: `good:${SECRET},bad:tiny-secret,${SECRET}x` });
    expect(error.problems).toEqual([
      'API_KEYS: entry 2: the key of "bad" must be at least 16 characters',
      expect.stringContaining("API_KEYS: entry 3:"),
    ]);
    expect(error.message).not.toContain("tiny-secret");
    expect(error.message).not.toContain(SECRET);
  });

  test("ignores empty entries and surrounding spaces", () => {
    expect(loadSettings({ API_KEYS: ` , frontdesk:${SECRET} ,, ` }).apiKeys.map((key) => key.name)).toEqual(["frontdesk"]);
  });
});

describe("DATABASE_URL", () => {
  test.each([
    ["a file: URL with a relative path", "file:data/tablekeeper.db", "data/tablekeeper.db"],
    ["a file: URL with an absolute path", "file:/var/lib/tablekeeper/app.db", "/var/lib/tablekeeper/app.db"],
    ["a file:// URL", "file:///var/lib/tablekeeper/app.db", "/var/lib/tablekeeper/app.db"],
    ["a bare relative path", "db/app.sqlite", "db/app.sqlite"],
    ["a bare absolute path", "/tmp/tablekeeper.db", "/tmp/tablekeeper.db"],
    [":memory:", ":memory:", ":memory:"],
    ["file::memory:", "file::memory:", ":memory:"],
  ])("reads %s", (_case, url, path) => {
    expect(loadSettings({ DATABASE_URL: url }).database).toEqual({ kind: "sqlite", path });
  });

  test.each([
    ["postgres://tablekeeper@db.internal:5432/tablekeeper"],
    ["postgresql://127.0.0.1/tablekeeper?sslmode=require"],
  ])("takes %s for PostgreSQL, with the pool size", (url) => {
    expect(loadSettings({ DATABASE_URL: url, DATABASE_POOL_SIZE: "4" }).database).toEqual({ kind: "postgres", url, poolSize: 4 });
  });

  test("refuses another scheme, without echoing the URL", () => {
    expect(() => loadSettings({ DATABASE_URL: "mysql://user:secret@db/app" })).toThrow(
      "DATABASE_URL: expected a SQLite file path, a file: URL, :memory:, or a postgres:// URL",
    );
  });

  test("decodes a percent-encoded file:// URL", () => {
    expect(loadSettings({ DATABASE_URL: "file:///srv/my%20data/app.db" }).database).toEqual({ kind: "sqlite", path: "/srv/my data/app.db" });
  });
});

test("status rules that contradict each other stop start-up, naming the setting", () => {
  expect(() => loadSettings({ LATE_ARRIVAL_MINUTES: "10", MISSED_AFTER_MINUTES: "15" })).toThrow(
    "LATE_ARRIVAL_MINUTES: must not be less than MISSED_AFTER_MINUTES",
  );
  expect(() => loadSettings({ AUTO_CHECKOUT_AFTER_MINUTES: "60" })).toThrow("AUTO_CHECKOUT_AFTER_MINUTES: must be more than LATE_ARRIVAL_MINUTES");
});
