import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { runSweep } from "../../src/jobs/sweep";
import { createLogger } from "../../src/lib/logger";
import { openSqliteStorage } from "../../src/db/sqlite/storage";
import { createSenders } from "../../src/notifications";
import { buildTestApp, restaurant } from "../support/app";
import { recordingServer, type RecordingServer, type ScriptedAnswer } from "../support/recording-server";

const START = Date.parse("2026-12-01T12:00:00Z");
const rated = restaurant({ externalId: "test-bistro-sf", rating: 4.5, reviewCount: 100 });
const unlisted = restaurant({ name: "Unlisted Diner", externalId: null });

let reviews: RecordingServer;
beforeEach(() => {
  setSystemTime(new Date(START));
  reviews = recordingServer();
});
afterEach(() => {
  reviews.stop();
  setSystemTime();
});

const config = (url: string) => `
notifications: { email: none, sms: none, voice: none }
restaurantData: ratings
providers:
  ratings:
    kind: http
    method: GET
    url: "${url}/v1/places/{{restaurant.externalId}}"
    headers: { X-Api-Key: "\${REVIEWS_KEY}" }
    map: { rating: "data.stars", reviewCount: "data.total_reviews" }
    everyMinutes: 360
`;

async function setUp() {
  const t = await buildTestApp({ restaurants: [rated, unlisted], configFile: config(reviews.url), env: { REVIEWS_KEY: "reviews-key-0123456789" } });
  const logLines: string[] = [];
  const logger = createLogger("debug", (line) => logLines.push(line));
  const sweep = () =>
    runSweep({
      ...t.storage,
      settings: t.settings,
      senders: createSenders(t.settings, logger),
      logger,
      now: Date.now,
      random: () => 1,
    });
  const shown = async () => {
    const response = await t.call("GET", `/api/v1/restaurants/${rated.id}`);
    const body = await response.json();
    return { rating: body.rating, reviewCount: body.reviewCount };
  };
  const failingGauge = async () => (await (await t.call("GET", "/metrics")).text()).match(/^tablekeeper_restaurant_data_failing (\d+)$/m)?.[1];
  return { t, sweep, shown, logLines, failingGauge };
}

const good = (stars: number, total: number): ScriptedAnswer => ({ body: JSON.stringify({ data: { stars, total_reviews: total } }) });

describe("restaurant data", () => {
  test("refreshes rating and review count from the source, by external id, and the API shows them at once", async () => {
    const { sweep, shown } = await setUp();
    expect(await shown()).toEqual({ rating: 4.5, reviewCount: 100 }); // now cached
    reviews.answer(good(4.8, 1234));
    await sweep();
    expect(reviews.requests.map((request) => request.path)).toEqual(["/v1/places/test-bistro-sf"]);
    expect(reviews.requests[0]!.headers["x-api-key"]).toBe("reviews-key-0123456789");
    expect(await shown()).toEqual({ rating: 4.8, reviewCount: 1234 });
  });

  test("asks again only after everyMinutes", async () => {
    const { sweep } = await setUp();
    const steps = [
      { at: START, requests: 1 },
      { at: START + 359 * 60_000, requests: 1 },
      { at: START + 360 * 60_000, requests: 2 },
    ];
    for (const { at, requests } of steps) {
      setSystemTime(new Date(at));
      reviews.answer(good(4.8, 1234));
      await sweep();
      expect(reviews.requests).toHaveLength(requests);
    }
  });

  const failures: Array<{ name: string; answer: ScriptedAnswer; error: string }> = [
    { name: "a 500", answer: { status: 500 }, error: "ratings: HTTP 500: {}" },
    { name: "an answer that is not JSON", answer: { body: "<html>maintenance</html>" }, error: "ratings: the answer is not JSON" },
    { name: "an answer without the mapped field", answer: { body: JSON.stringify({ data: { total_reviews: 3 } }) }, error: "ratings: map.rating gave nothing, expected a number from 0 to 5" },
    { name: "a rating out of range", answer: good(9, 3), error: "ratings: map.rating gave 9, expected a number from 0 to 5" },
    { name: "a review count that is not whole", answer: good(4, 2.5), error: "ratings: map.reviewCount gave 2.5, expected a whole number" },
  ];
  for (const { name, answer, error } of failures) {
    test(`${name} keeps the last good data, and says so in the log and in /metrics`, async () => {
      const { sweep, shown, logLines, failingGauge } = await setUp();
      reviews.answer(good(4.8, 1234));
      await sweep();
      setSystemTime(new Date(START + 360 * 60_000));
      reviews.answer(answer);
      await sweep();
      expect(await shown()).toEqual({ rating: 4.8, reviewCount: 1234 });
      const warning = logLines.map((line) => JSON.parse(line)).find((line) => line.message.startsWith("restaurant data failed"));
      expect(warning).toMatchObject({ level: "warn", provider: "ratings", restaurantId: rated.id, error });
      expect(await failingGauge()).toBe("1");
      // A failed source is asked again after the retry base, and a good answer clears the gauge.
      setSystemTime(new Date(START + 360 * 60_000 + 30_000));
      reviews.answer(good(4.9, 1300));
      await sweep();
      expect(await shown()).toEqual({ rating: 4.9, reviewCount: 1300 });
      expect(await failingGauge()).toBe("0");
    });
  }

  test("a failing source is asked again with doubling backoff, and never before its Retry-After", async () => {
    const { sweep } = await setUp();
    reviews.answer({ status: 500 }, { status: 502 }, { status: 503, headers: { "retry-after": "600" } }, good(4.1, 7));
    const steps = [
      { at: START, requests: 1 },
      { at: START + 29_999, requests: 1 },
      { at: START + 30_000, requests: 2 },
      { at: START + 30_000 + 59_999, requests: 2 },
      { at: START + 90_000, requests: 3 },
      { at: START + 90_000 + 599_999, requests: 3 },
      { at: START + 690_000, requests: 4 },
      { at: START + 700_000, requests: 4 },
    ];
    for (const { at, requests } of steps) {
      setSystemTime(new Date(at));
      await sweep();
      expect({ at: at - START, requests: reviews.requests.length }).toEqual({ at: at - START, requests });
    }
  });

  test("a restaurant without an external id is not asked about", async () => {
    const { sweep } = await setUp();
    await sweep();
    expect(reviews.requests.map((request) => request.path)).toEqual(["/v1/places/test-bistro-sf"]);
  });
});

test("with the sweeps run by cron, the server sees new ratings at once", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "tablekeeper-ratings-")), "app.db");
  const t = await buildTestApp({ path, restaurants: [rated], configFile: config(reviews.url), env: { REVIEWS_KEY: "k", SCHEDULER_ENABLED: "false" } });
  const rating = async () => (await (await t.call("GET", `/api/v1/restaurants/${rated.id}`)).json()).rating;
  expect(await rating()).toBe(4.5);
  // What `bun run jobs` writes, from another connection to the same file.
  const cron = openSqliteStorage(path);
  await cron.jobs.saveRestaurantData(rated.id, Date.now(), { rating: 3.9, reviewCount: 120 });
  await cron.close();
  expect(await rating()).toBe(3.9);
  await t.storage.close();
});

test("a mapping that is not JSONata stops start-up", async () => {
  const bad = config("http://127.0.0.1:1").replace('"data.stars"', '"data.[stars"');
  await expect(buildTestApp({ restaurants: [], configFile: bad, env: { REVIEWS_KEY: "k" } })).rejects.toThrow("test.yaml: providers.ratings.map.rating: not a JSONata expression");
});
