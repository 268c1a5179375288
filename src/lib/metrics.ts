import type { Context, MiddlewareHandler } from "hono";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The buckets and labels of @hono/prometheus's standard metrics, which dashboards already read. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const LABELS = ["method", "status", "ok", "route"] as const;

/**
 * Request counts and latency by method, route and status: the series @hono/prometheus writes,
 * with each label set's children bound once and kept by route, method and status, so that a
 * request costs two map reads and two increments rather than hashing and validating its labels.
 */
function requestMetrics(registry: Registry): MiddlewareHandler {
  const duration = new Histogram({ name: "tablekeeper_http_request_duration_seconds", help: "Duration of HTTP requests in seconds", labelNames: LABELS, buckets: DURATION_BUCKETS, registers: [registry] });
  const total = new Counter({ name: "tablekeeper_http_requests_total", help: "Total number of HTTP requests", labelNames: LABELS, registers: [registry] });
  type Children = { duration: ReturnType<typeof duration.labels>; total: ReturnType<typeof total.labels> };
  const bound = new Map<string, Children>();
  const childrenOf = (c: Context): Children => {
    const { method } = c.req;
    const route = c.req.routePath;
    const { status } = c.res;
    const key = `${status} ${method} ${route}`;
    let children = bound.get(key);
    if (!children) {
      const labels = { method, route, status: String(status), ok: String(c.res.ok) };
      bound.set(key, (children = { duration: duration.labels(labels), total: total.labels(labels) }));
    }
    return children;
  };
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const children = childrenOf(c);
      children.duration.observe((performance.now() - started) / 1000);
      children.total.inc();
    }
  };
}

/**
 * Prometheus metrics for one app: request counts and latency by route and status, rate-limit rejections, and, read at scrape time, the outbox depth and
 * the restaurants whose last restaurant-data refresh failed.
 */
export function createMetrics(outboxDepth: () => Promise<number>, restaurantDataFailing: () => Promise<number> = async () => 0) {
  const registry = new Registry();
  const registerMetrics = requestMetrics(registry);
  const printMetrics = async (c: Context) => c.text(await registry.metrics());
  const rateLimited = new Counter({
    name: "tablekeeper_rate_limit_rejections_total",
    help: "Requests answered 429 by a rate limit",
    labelNames: ["limit"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "tablekeeper_outbox_depth",
    help: "Notifications waiting to be sent",
    registers: [registry],
    async collect() {
      this.set(await outboxDepth());
    },
  });
  new Gauge({
    name: "tablekeeper_restaurant_data_failing",
    help: "Restaurants whose last restaurant-data refresh failed; they keep their last good data",
    registers: [registry],
    async collect() {
      this.set(await restaurantDataFailing());
    },
  });
  return { registerMetrics, printMetrics, rateLimited };
}

export type Metrics = ReturnType<typeof createMetrics>;
