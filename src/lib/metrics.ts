import type { Context } from "hono";
import { Counter, Gauge, Registry } from "prom-client";
import { requestMetrics } from "./request-metrics";

/**
 * Prometheus metrics for one app: request counts and latency by route and status
 * (`request-metrics.ts`), rate-limit rejections, and, read at scrape time, the outbox depth and
 * the restaurants whose last restaurant-data refresh failed.
 */
export function createMetrics(outboxDepth: () => Promise<number>, restaurantDataFailing: () => Promise<number> = async () => 0) {
  const registry = new Registry();
  const requests = requestMetrics("tablekeeper_");
  const registerMetrics = requests.middleware;
  const printMetrics = async (c: Context) => c.text(`${requests.text()}${await registry.metrics()}`);
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
