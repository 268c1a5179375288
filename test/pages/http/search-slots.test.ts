import { afterEach, beforeEach, expect, setSystemTime, test } from "bun:test";
import { booking, buildTestApp, restaurant } from "../../support/app";
import { guestAgent } from "./support";

beforeEach(() => setSystemTime(new Date("2026-12-01T20:00:00Z")));
afterEach(() => setSystemTime());

const text = async (response: Response) => (await response.text()).replaceAll("&#39;", "'");
const card = (html: string, name: string) => html.slice(html.indexOf(`>${name}</h3>`)).split("</article>")[0]!;

test("the index shows each result's open tables in one pass, says who takes no party this size, and follows a booking", async () => {
  const roomy = restaurant({ name: "Roomy", capacity: 4, maxPartySize: 4 });
  const snug = restaurant({ name: "Snug", capacity: 4, maxPartySize: 2 });
  const t = await buildTestApp({ restaurants: [roomy, snug] });
  const page = async () => text(await guestAgent(t).get("/?date=2026-12-18&partySize=4"));

  const before = await page();
  expect(card(before, "Snug")).toContain("Takes parties of at most 2.");
  expect(card(before, "Roomy")).toContain('value="2026-12-18T19:00:00-08:00"');

  // The slots just read are cached; the booking must still show on the next view.
  expect((await t.call("POST", "/api/v1/reservations", booking(roomy.id, { date: "2026-12-18T19:00", guestCount: 4 }))).status).toBe(201);
  const after = await page();
  expect(card(after, "Roomy")).not.toContain('value="2026-12-18T19:00:00-08:00"');
  expect(card(after, "Roomy")).toContain('value="2026-12-18T20:30:00-08:00"');
  expect(card(after, "Snug")).toContain("Takes parties of at most 2.");
});
