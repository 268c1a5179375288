import { expect, test } from "bun:test";
import { Hono } from "hono";
import { escapeLabel, requestMetrics } from "../../src/lib/request-metrics";

function appWith() {
  const metrics = requestMetrics("t_");
  const app = new Hono().use(metrics.middleware);
  app.get("/a/:id", (c) => c.json({ ok: true }));
  return { app, metrics };
}

const series = (text: string, name: string) => text.split("\n").filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

test("counts requests per method, route pattern and status, as @hono/prometheus did", async () => {
  const { app, metrics } = appWith();
  for (const path of ["/a/1", "/a/2", "/missing"]) await app.request(path);
  const text = metrics.text();
  expect(series(text, "t_http_requests_total")).toEqual([
    't_http_requests_total{method="GET",route="/a/:id",status="200",ok="true"} 2',
    't_http_requests_total{method="GET",route="/*",status="404",ok="false"} 1',
  ]);
  expect(text).toContain("# TYPE t_http_request_duration_seconds histogram");
  expect(text).toContain("# TYPE t_http_requests_total counter");
});

test("the histogram's buckets are cumulative and end in +Inf at the count, with a sum", async () => {
  const { app, metrics } = appWith();
  for (let index = 0; index < 5; index++) await app.request("/a/1");
  const lines = series(metrics.text(), "t_http_request_duration_seconds_bucket");
  const counts = lines.map((line) => Number(line.split(" ").at(-1)));
  expect(counts).toHaveLength(15);
  expect(counts.every((count, index) => index === 0 || count >= counts[index - 1]!)).toBe(true);
  expect(lines.at(-1)).toStartWith('t_http_request_duration_seconds_bucket{le="+Inf",');
  expect(counts.at(-1)).toBe(5);
  expect(series(metrics.text(), "t_http_request_duration_seconds_count")).toEqual(['t_http_request_duration_seconds_count{method="GET",route="/a/:id",status="200",ok="true"} 5']);
  expect(Number(series(metrics.text(), "t_http_request_duration_seconds_sum")[0]!.split(" ").at(-1))).toBeGreaterThan(0);
});

test.each([
  ["/plain", "/plain"],
  ['/a"quote', '/a\\"quote'],
  ["/a\\slash", "/a\\\\slash"],
  ["/a\nline", "/a\\nline"],
])("the label value %p is written %p", (value, written) => {
  expect(escapeLabel(value)).toBe(written);
});
