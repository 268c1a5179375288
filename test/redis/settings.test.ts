import { describe, expect, test } from "bun:test";
import { loadSettings, SettingsError } from "../../src/settings";

function problems(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error(`loadSettings accepted ${JSON.stringify(env)}`);
}

describe("REDIS_URL", () => {
  test("without it there is no Redis: limits and jobs stay in the process", () => {
    expect(loadSettings({}).redis).toBeNull();
  });

  test("a redis:// or rediss:// URL turns Redis on, under the default key prefix", () => {
    expect(loadSettings({ REDIS_URL: "redis://127.0.0.1:6379/2" }).redis).toEqual({ url: "redis://127.0.0.1:6379/2", prefix: "tablekeeper" });
    expect(loadSettings({ REDIS_URL: "rediss://cache.internal:6380", REDIS_PREFIX: "staging" }).redis).toEqual({
      url: "rediss://cache.internal:6380",
      prefix: "staging",
    });
  });

  test("another scheme is refused without echoing the value, which may hold a password", () => {
    const found = problems({ REDIS_URL: "http://:hunter2-password@cache.internal" });
    expect(found).toEqual([expect.stringMatching(/^REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/)]);
    expect(found.join("\n")).not.toContain("hunter2");
  });

  test("the delivery jobs a sweep queues default to 4", () => {
    expect(loadSettings({}).scheduler.deliveryJobsPerSweep).toBe(4);
    expect(problems({ QUEUE_DELIVERY_JOBS: "0" })).toEqual(['QUEUE_DELIVERY_JOBS: expected an integer from 1 to 100 (got "0")']);
  });
});
