import type { Context, MiddlewareHandler } from "hono";

/** The buckets of @hono/prometheus's standard histogram, which dashboards already read. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** One label set's series: plain numbers, counted with no lookup but the one that found them. */
interface Series {
  labels: string;
  buckets: number[];
  sum: number;
  count: number;
}

/** A label value in the text format: backslash, double quote and newline escaped. */
export const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/**
 * Request counts and latency by method, route and status: the series @hono/prometheus wrote (the
 * same names, labels and buckets), kept as plain numbers per label set, found by one map read on
 * the status, method and route pattern, and written out in Prometheus' text format at scrape
 * time. prom-client hashes and validates a label set on every observation, even through a
 * child bound to it; that was the largest part of the metrics' cost per request.
 */
export function requestMetrics(prefix: string) {
  const series = new Map<string, Series>();
  const seriesOf = (c: Context): Series => {
    const { method } = c.req;
    const route = c.req.routePath;
    const { status } = c.res;
    const key = `${status} ${method} ${route}`;
    let found = series.get(key);
    if (!found) {
      // In the order prom-client wrote them for @hono/prometheus.
      const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}",ok="${c.res.ok}"`;
      series.set(key, (found = { labels, buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    }
    return found;
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const counted = seriesOf(c);
      counted.count += 1;
      counted.sum += seconds;
      for (let index = 0; index < BUCKETS.length; index++) if (seconds <= BUCKETS[index]!) counted.buckets[index]! += 1;
    }
  };

  /** The two metrics in Prometheus' text exposition format. */
  function text(): string {
    const duration = `${prefix}http_request_duration_seconds`;
    const total = `${prefix}http_requests_total`;
    const lines = [`# HELP ${duration} Duration of HTTP requests in seconds`, `# TYPE ${duration} histogram`];
    for (const { labels, buckets, sum, count } of series.values()) {
      BUCKETS.forEach((le, index) => lines.push(`${duration}_bucket{le="${le}",${labels}} ${buckets[index]}`));
      lines.push(`${duration}_bucket{le="+Inf",${labels}} ${count}`, `${duration}_sum{${labels}} ${sum}`, `${duration}_count{${labels}} ${count}`);
    }
    lines.push("", `# HELP ${total} Total number of HTTP requests`, `# TYPE ${total} counter`);
    for (const { labels, count } of series.values()) lines.push(`${total}{${labels}} ${count}`);
    return `${lines.join("\n")}\n\n`;
  }

  return { middleware, text };
}
