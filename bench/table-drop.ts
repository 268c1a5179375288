/**
 * Scenario (i), a table drop: a popular restaurant opens one seating of 100 covers and 2,000
 * clients ask for a cover at the same moment. `bun bench/table-drop.ts <url> <api key>` runs it
 * against a server (as `bun run bench` does); the clients are this process's fetches, all open at
 * once, on loopback only. It reports when the last client had its answer, p50 and p99, and how
 * many were 201 (exactly the seating's covers), 409 and 5xx.
 */

export const DROP = { clients: 2_000, covers: 100 } as const;

export interface TableDropResult {
  clients: number;
  covers: number;
  allAnsweredMs: number;
  p50Ms: number;
  p99Ms: number;
  created: number;
  conflicts: number;
  serverErrors: number;
  other: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** A restaurant of its own, open every evening, with one seating a week from now. */
async function openRestaurant(url: string, headers: Record<string, string>): Promise<{ id: string; seating: string }> {
  const evening = [{ open: "19:00", close: "21:00" }];
  const days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  const response = await fetch(`${url}/api/v1/restaurants`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      name: `Table Drop ${crypto.randomUUID().slice(0, 8)}`,
      cuisine: "tasting menu",
      address: "1 Pier, San Francisco, CA 94111",
      timeZone: "America/Los_Angeles",
      openingHours: Object.fromEntries(days.map((day) => [day, evening])),
      slotMinutes: 120,
      diningMinutes: 120,
      capacity: DROP.covers,
      maxPartySize: 1,
      priceLevel: 4,
    }),
  });
  if (response.status !== 201) throw new Error(`table drop: creating the restaurant answered ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const day = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString("en-CA", { timeZone: "America/Los_Angeles" });
  return { id, seating: `${day}T19:00` };
}

export async function tableDrop(url: string, apiKey: string): Promise<TableDropResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`refusing a non-loopback target: ${url}`);
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const { id, seating } = await openRestaurant(url, headers);
  const body = JSON.stringify({ restaurantId: id, firstName: "Ada", lastName: "Lovelace", phone: "4155552671", date: seating, guestCount: 1 });
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: DROP.clients }, async () => {
      const sent = performance.now();
      try {
        const response = await fetch(`${url}/api/v1/reservations`, { method: "POST", headers, body, signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        return { status: response.status, ms: performance.now() - sent };
      } catch {
        return { status: 0, ms: performance.now() - sent };
      }
    }),
  );
  const allAnsweredMs = performance.now() - started;
  const latencies = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const count = (test: (status: number) => boolean) => answers.filter((answer) => test(answer.status)).length;
  return {
    clients: DROP.clients,
    covers: DROP.covers,
    allAnsweredMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    created: count((status) => status === 201),
    conflicts: count((status) => status === 409),
    serverErrors: count((status) => status >= 500),
    other: count((status) => status !== 201 && status !== 409 && status < 500),
  };
}

if (import.meta.main) {
  const [url, apiKey] = process.argv.slice(2);
  if (!url || !apiKey) throw new Error("usage: bun bench/table-drop.ts <http://127.0.0.1:port> <api key>");
  console.log(JSON.stringify(await tableDrop(url, apiKey)));
}

/**
 * Runs the drop from a process of its own against `url`, so that its 2,000 fetches neither share
 * this process's connection limit nor its CPU accounting; Bun's fetch keeps 256 connections open
 * to a host unless told, so it is told 2,000.
 */
export async function tableDropFrom(url: string, apiKey: string): Promise<TableDropResult> {
  const child = Bun.spawn([process.execPath, new URL("./table-drop.ts", import.meta.url).pathname, url, apiKey], {
    env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: String(DROP.clients) },
    stdout: "pipe",
    stderr: "inherit",
  });
  const guard = setTimeout(() => child.kill(9), 60_000);
  const output = await new Response(child.stdout).text();
  clearTimeout(guard);
  if ((await child.exited) !== 0) throw new Error(`table drop failed: ${output}`);
  return JSON.parse(output) as TableDropResult;
}
