import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { runSweep } from "../../../src/jobs/sweep";
import { createLogger } from "../../../src/lib/logger";
import { booking, buildTestApp, restaurant } from "../../support/app";
import { recordingSenders } from "../../support/recording-sender";
import { ada, FERRY, guestAgent, ORIGIN, signedUp } from "./support";

const START = Date.parse("2026-12-01T20:00:00Z");
beforeEach(() => setSystemTime(new Date(START)));
afterEach(() => setSystemTime());

const text = async (response: Response) => (await response.text()).replaceAll("&#39;", "'");

describe("the private link", () => {
  test.each([
    ["without PUBLIC_URL, on localhost", {}, "http://localhost:3000/r/"],
    ["under PUBLIC_URL", { PUBLIC_URL: "https://book.example.com/" }, "https://book.example.com/r/"],
  ])("a booking's confirmation carries its private link %s, and the link opens the reservation page", async (_case, env, prefix) => {
    const t = await buildTestApp({ env });
    const response = await t.call("POST", "/api/v1/reservations", booking(FERRY, { email: "ada@example.com" }));
    expect(response.status).toBe(201);
    const recorder = recordingSenders();
    await runSweep({ ...t.storage, settings: t.settings, senders: recorder.senders, logger: createLogger("silent"), now: Date.now });
    const confirmation = recorder.sent.find((message) => message.channel === "email" && message.kind === "reservation_created")!;
    const link = confirmation.text.match(/See or change it: (\S+)$/)?.[1];
    expect(link).toStartWith(prefix);
    const page = await t.app.request(`${ORIGIN}${new URL(link!).pathname}`);
    expect(page.status).toBe(200);
    expect(await text(page)).toContain("<h1>Ferry Point Oyster Bar</h1>");
  });

  test("the database keeps only the link's hash, and the reservation id alone opens nothing", async () => {
    const t = await buildTestApp();
    const agent = guestAgent(t);
    const booked = await agent.post(`/restaurants/${FERRY}/book`, { ...ada, date: "2026-12-18T19:00:00-08:00", guestCount: "2" });
    expect(booked.status).toBe(303);
    const token = booked.headers.get("location")!.slice("/r/".length);
    const { id, guest_link_hash } = t.db.$client.query("select id, guest_link_hash from reservations").get() as { id: string; guest_link_hash: string };
    expect(guest_link_hash).toBe(new Bun.CryptoHasher("sha256").update(token).digest("hex"));
    expect(JSON.stringify(t.db.$client.query("select * from reservations").all())).not.toContain(token);
    // The token with its last character changed (to another one: a token may end in A).
    const nearMiss = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const guess of [`/r/${id}`, `/reservations/${id}`, `/r/${nearMiss}`]) expect((await agent.get(guess)).status).toBe(404);
  });
});

describe("booked today", () => {
  test("counts the bookings made on the restaurant's own local day, from the rows", async () => {
    // 23:30 in Los Angeles is already tomorrow in Berlin.
    const la = restaurant({ name: "Pacific", timeZone: "America/Los_Angeles" });
    const berlin = restaurant({ name: "Spree", timeZone: "Europe/Berlin" });
    const t = await buildTestApp({ restaurants: [la, berlin] });
    const bookAt = async (isoNow: string, place: typeof la, date: string) => {
      setSystemTime(new Date(isoNow));
      expect((await t.call("POST", "/api/v1/reservations", booking(place.id, { date }))).status).toBe(201);
    };
    await bookAt("2026-12-01T07:30:00Z", la, "2026-12-18T19:00"); // LA: Nov 30, 23:30
    await bookAt("2026-12-01T08:30:00Z", la, "2026-12-18T19:15"); // LA: Dec 1, 00:30
    await bookAt("2026-12-01T22:30:00Z", berlin, "2026-12-18T19:00"); // Berlin: Dec 1, 23:30
    await bookAt("2026-12-01T23:30:00Z", berlin, "2026-12-18T19:15"); // Berlin: Dec 2, 00:30
    setSystemTime(new Date("2026-12-01T23:45:00Z")); // LA: Dec 1 15:45; Berlin: Dec 2 00:45
    const html = await text(await guestAgent(t).get("/?date=2026-12-18&partySize=2"));
    const card = (name: string) => html.slice(html.indexOf(`>${name}</h3>`)).split("</article>")[0]!;
    expect(card("Pacific")).toContain("Booked 1 time today");
    expect(card("Spree")).toContain("Booked 1 time today");
  });
});

describe("error pages", () => {
  test("an unexpected failure is a 500 page in the site's layout with the request id, never a stack", async () => {
    const t = await buildTestApp();
    await t.storage.close();
    const response = await guestAgent(t).get("/");
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toStartWith("text/html");
    const html = await text(response);
    expect(html).toContain("<h1>Something went wrong</h1>");
    expect(html).toContain(`<code>${response.headers.get("x-request-id")}</code>`);
    expect(html).not.toMatch(/\.tsx?:\d+|at \w+ \(/);
  });

  test("a guest's cancel shares the API's per-reservation status limit: within the window it is a 429 page with Retry-After", async () => {
    const t = await buildTestApp({ env: { STATUS_CHANGE_LIMIT: "1", STATUS_CHANGE_WINDOW_SECONDS: "60" } });
    const agent = await signedUp(t);
    const booked = await agent.post(`/restaurants/${FERRY}/book`, { ...ada, date: "2026-12-18T19:00:00-08:00", guestCount: "2" });
    const token = booked.headers.get("location")!.slice("/r/".length);
    const { id } = t.db.$client.query("select id from reservations").get() as { id: string };
    // The venue's status change through the API takes the one change of this minute.
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 0 })).status).toBe(200);
    const limited = await agent.post(`/r/${token}/cancel`, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toStartWith("text/html");
    expect(Number(limited.headers.get("retry-after"))).toBe(60);
    expect(await text(limited)).toContain("Please try again in 60 seconds.");
    expect((t.db.$client.query("select status from reservations").get() as { status: number }).status).toBe(0);
    setSystemTime(new Date(START + 60_000));
    const cancelled = await agent.post(`/r/${token}/cancel`, {});
    expect(cancelled.status).toBe(303);
    expect(await text(await agent.get(`/r/${token}`))).toContain("Your reservation is cancelled.");
    expect((t.db.$client.query("select status from reservations").get() as { status: number }).status).toBe(4);
  });

  test("a form post with a body the pages cannot read is a page, not JSON", async () => {
    const t = await buildTestApp();
    const response = await t.app.request(`${ORIGIN}/login`, { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json" }, body: "{" });
    expect(response.headers.get("content-type")).toStartWith("text/html");
  });
});

describe("who acted", () => {
  test.each([
    ["through the private link", false, "link_holder"],
    ["signed in, on the account's own page", true, "guest"],
  ])("a guest's cancel %s is logged with its actor, and the API's history shows it", async (_case, owned, actorType) => {
    const t = await buildTestApp();
    const agent = owned ? await signedUp(t) : guestAgent(t);
    const booked = await agent.post(`/restaurants/${FERRY}/book`, { ...ada, date: "2026-12-18T19:00:00-08:00", guestCount: "2" });
    const { id, owner_user_id } = t.db.$client.query("select id, owner_user_id from reservations").get() as { id: string; owner_user_id: string | null };
    const page = owned ? `/reservations/${id}` : booked.headers.get("location")!;
    expect((await agent.post(`${page}/cancel`, {})).status).toBe(303);
    const history = (await (await t.call("GET", `/api/v1/reservations/${id}/history`)).json()).data;
    const actor = owned ? `guest:${owner_user_id}` : "guest link";
    expect(history.map((entry: { to: string; actor: string; actorType: string }) => [entry.to, entry.actor, entry.actorType])).toEqual([
      ["upcoming", actor, actorType],
      ["cancelled", actor, actorType],
    ]);
    expect(history[1].reason).toBe("cancelled by the guest");
  });
});
