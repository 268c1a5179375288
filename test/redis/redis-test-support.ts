/** A real Redis on loopback for the tests, with a fresh key prefix each, removed afterwards. */
import type { Redis } from "ioredis";
import { connectRedis, redisReady } from "../../src/redis/connect";

export const REDIS_URL = "redis://127.0.0.1:6379";

/** A prefix no other run or test shares, so that tests in parallel never see each other's keys. */
export function testPrefix(): string {
  return `tablekeeper-test:${crypto.randomUUID()}:`;
}

export async function connectTestRedis(): Promise<Redis> {
  const client = connectRedis(REDIS_URL);
  if (!(await redisReady(client, 5_000))) throw new Error(`no Redis at ${REDIS_URL}`);
  return client;
}

/** Deletes every key under `prefix`. */
export async function removeKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

/**
 * A TCP relay on loopback in front of the test Redis, which a test can take away and bring
 * back on the same port: Redis going down and coming back, without touching Redis itself.
 */
export async function redisRelay() {
  type Side = { upstream?: import("bun").Socket<unknown>; pending: Uint8Array[] };
  const listen = (port: number) =>
    Bun.listen<Side>({
      hostname: "127.0.0.1",
      port,
      socket: {
        async open(client) {
          client.data = { pending: [] };
          const upstream = await Bun.connect({
            hostname: "127.0.0.1",
            port: 6379,
            socket: {
              data: (_, chunk) => void client.write(chunk),
              close: () => void client.end(),
              error: () => void client.end(),
            },
          });
          client.data.upstream = upstream;
          for (const chunk of client.data.pending) upstream.write(chunk);
        },
        data(client, chunk) {
          if (client.data.upstream) client.data.upstream.write(chunk);
          else client.data.pending.push(new Uint8Array(chunk));
        },
        close: (client) => void client.data.upstream?.end(),
        error: (client) => void client.data.upstream?.end(),
      },
    });
  let listener: ReturnType<typeof listen> | null = listen(0);
  const port = listener.port;
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Closes the port and every connection through it. */
    takeAway() {
      listener?.stop(true);
      listener = null;
    },
    bringBack() {
      listener ??= listen(port);
    },
  };
}
