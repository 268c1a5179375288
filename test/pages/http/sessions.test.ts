import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { sha256 } from "../../../src/settings";
import { buildTestApp } from "../../support/app";
import { ada, guestAgent, ORIGIN, signedUp } from "./support";

const DAY = 86_400_000;
const START = Date.parse("2026-12-01T20:00:00Z");

beforeEach(() => setSystemTime(new Date(START)));
afterEach(() => setSystemTime());

const sessionRows = (t: Awaited<ReturnType<typeof buildTestApp>>) =>
  t.db.$client.query("select token_hash as tokenHash, expires_at as expiresAt from sessions").all() as Array<{ tokenHash: string; expiresAt: number }>;

describe("sessions", () => {
  test("sign up sets an HttpOnly, SameSite=Lax session cookie whose token the database keeps only as its SHA-256", async () => {
    const t = await buildTestApp();
    const agent = guestAgent(t);
    const response = await agent.post("/signup", ada);
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith("tablekeeper_session="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);
    // A lifetime, not a date from the server's clock that the browser would read against its own.
    expect(cookie).toMatch(/; Max-Age=2592000/);
    expect(cookie).not.toMatch(/; Expires=/i);
    const token = agent.jar.get("tablekeeper_session")!;
    expect(token).toMatch(/^[\w-]{43}$/); // 256 bits, base64url
    expect(sessionRows(t)).toEqual([{ tokenHash: sha256(token).toString("hex"), expiresAt: START + 30 * DAY }]);
    const stored = JSON.stringify(t.db.$client.query("select * from sessions, users").all());
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(ada.password);
    expect((t.db.$client.query("select password_hash from users").get() as { password_hash: string }).password_hash).toStartWith("$argon2id$");
  });

  test("the cookie is Secure when PUBLIC_URL is https", async () => {
    const t = await buildTestApp({ env: { PUBLIC_URL: "https://book.example.com" } });
    const response = await guestAgent(t).post("/signup", ada, { origin: "https://book.example.com" });
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie().find((line) => line.startsWith("tablekeeper_session="))).toMatch(/; Secure/);
  });

  test("logging in rotates the session: the token the browser held stops working", async () => {
    const t = await buildTestApp();
    const agent = await signedUp(t);
    const before = agent.jar.get("tablekeeper_session")!;
    expect((await agent.post("/login", { email: ada.email, password: ada.password })).status).toBe(303);
    const after = agent.jar.get("tablekeeper_session")!;
    expect(after).not.toBe(before);
    expect(sessionRows(t).map((row) => row.tokenHash)).toEqual([sha256(after).toString("hex")]);
    const stale = await t.app.request(`${ORIGIN}/profile`, { headers: { cookie: `tablekeeper_session=${before}` } });
    expect(stale.status).toBe(303);
    expect(stale.headers.get("location")).toBe("/login?next=%2Fprofile");
  });

  test("log out deletes the session on the server, clears the cookie, and shows the logged-out page", async () => {
    const t = await buildTestApp();
    const agent = await signedUp(t);
    const token = agent.jar.get("tablekeeper_session")!;
    const response = await agent.post("/logout", {});
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/logged-out");
    expect(sessionRows(t)).toEqual([]);
    expect(agent.jar.has("tablekeeper_session")).toBe(false);
    const page = (await (await agent.get("/logged-out")).text()).replaceAll("&#39;", "'");
    expect(page).toContain("<h1>You're logged out</h1>");
    expect(page).not.toContain("You're logged in!");
    const replayed = await t.app.request(`${ORIGIN}/profile`, { headers: { cookie: `tablekeeper_session=${token}` } });
    expect(replayed.status).toBe(303);
  });

  test.each([
    ["used again within a day keeps its expiry", 0.5 * DAY, START + 30 * DAY],
    ["used after two days slides to 30 days from then", 2 * DAY, START + 32 * DAY],
  ])("a session %s", async (_case, later, expiresAt) => {
    const t = await buildTestApp();
    const agent = await signedUp(t);
    setSystemTime(new Date(START + later));
    expect((await agent.get("/profile")).status).toBe(200);
    expect(sessionRows(t)[0]!.expiresAt).toBe(expiresAt);
  });

  test("a session unused for SESSION_TTL_DAYS has expired", async () => {
    const t = await buildTestApp({ env: { SESSION_TTL_DAYS: "7" } });
    const agent = await signedUp(t);
    setSystemTime(new Date(START + 7 * DAY));
    const response = await agent.get("/profile");
    expect(response.status).toBe(303);
    expect(agent.jar.has("tablekeeper_session")).toBe(false);
  });
});

describe("log in", () => {
  test("a wrong password and an unknown email get the same answer", async () => {
    const t = await buildTestApp();
    await signedUp(t);
    const wrongPassword = await guestAgent(t).post("/login", { email: ada.email, password: "not the password" });
    const unknownEmail = await guestAgent(t).post("/login", { email: "nobody@example.com", password: "not the password" });
    expect(wrongPassword.status).toBe(422);
    expect(unknownEmail.status).toBe(422);
    const message = (html: string) => html.match(/<p role="alert">([^<]*)<\/p>/)?.[1];
    expect(message(await wrongPassword.text())).toBe("Wrong email or password.");
    expect(message(await unknownEmail.text())).toBe("Wrong email or password.");
  });

  test("the email is matched without regard to case", async () => {
    const t = await buildTestApp();
    await signedUp(t);
    expect((await guestAgent(t).post("/login", { email: "ADA@Example.com", password: ada.password })).status).toBe(303);
  });

  test("attempts are limited per account: the next one gets a 429 page with Retry-After, even with the right password", async () => {
    const t = await buildTestApp({ env: { LOGIN_ATTEMPTS_PER_ACCOUNT: "3", LOGIN_WINDOW_MINUTES: "15" } });
    await signedUp(t);
    for (let attempt = 0; attempt < 3; attempt++) expect((await guestAgent(t).post("/login", { email: ada.email, password: "wrong password" })).status).toBe(422);
    const limited = await guestAgent(t).post("/login", { email: ada.email, password: ada.password });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toStartWith("text/html");
    expect(limited.headers.get("retry-after")).toBe("900");
    expect(await limited.text()).toContain("Please try again in 900 seconds.");
    // Another account from the same address is not held up by it.
    expect((await guestAgent(t).post("/login", { email: "other@example.com", password: "wrong password" })).status).toBe(422);
    setSystemTime(new Date(START + 15 * 60_000));
    expect((await guestAgent(t).post("/login", { email: ada.email, password: ada.password })).status).toBe(303);
  });

  test("attempts are limited per client address, whichever accounts they try", async () => {
    const t = await buildTestApp({ env: { LOGIN_ATTEMPTS_PER_ADDRESS: "4" } });
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await guestAgent(t).post("/login", { email: `guess${attempt}@example.com`, password: "wrong password" })).status).toBe(422);
    }
    expect((await guestAgent(t).post("/login", { email: "guess9@example.com", password: "wrong password" })).status).toBe(429);
  });

  test("only failed attempts count: a guest who logs in again and again is never held up", async () => {
    const t = await buildTestApp({ env: { LOGIN_ATTEMPTS_PER_ACCOUNT: "2", LOGIN_ATTEMPTS_PER_ADDRESS: "2" } });
    await signedUp(t);
    for (let attempt = 0; attempt < 4; attempt++) expect((await guestAgent(t).post("/login", { email: ada.email, password: ada.password })).status).toBe(303);
  });

  test("sign-ups are limited per client address", async () => {
    const t = await buildTestApp({ env: { LOGIN_ATTEMPTS_PER_ADDRESS: "2" } });
    for (const name of ["a", "b"]) expect((await guestAgent(t).post("/signup", { ...ada, email: `${name}@example.com` })).status).toBe(303);
    expect((await guestAgent(t).post("/signup", { ...ada, email: "c@example.com" })).status).toBe(429);
    expect(t.db.$client.query("select count(*) as n from users").get()).toEqual({ n: 2 });
  });

  test("a next= that points off the site is ignored", async () => {
    const t = await buildTestApp();
    await signedUp(t);
    const response = await guestAgent(t).post("/login?next=//evil.example.com/", { email: ada.email, password: ada.password });
    expect(response.headers.get("location")).toBe("/");
  });
});

describe("CSRF", () => {
  test("pages carry a Content-Security-Policy that allows only their own files and forms", async () => {
    const t = await buildTestApp();
    const policy = (await guestAgent(t).get("/")).headers.get("content-security-policy")!;
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    // Swagger UI renders inline script: the API's docs are left to their own rules.
    expect((await t.app.request("/docs")).headers.get("content-security-policy")).toBeNull();
  });

  test.each([
    ["another site's origin", { origin: "https://evil.example.com" }],
    ["no origin and a cross-site fetch", { origin: "", "sec-fetch-site": "cross-site" }],
  ])("a form post from %s is refused with a 403 page, and nothing is written", async (_case, headers) => {
    const t = await buildTestApp();
    const response = await guestAgent(t).post("/signup", ada, headers);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toStartWith("text/html");
    expect(await response.text()).toContain("That form was refused");
    expect(t.db.$client.query("select count(*) as n from users").get()).toEqual({ n: 0 });
  });

  test("with PUBLIC_URL set, a form from that origin is accepted though the request reached the app as http", async () => {
    const t = await buildTestApp({ env: { PUBLIC_URL: "https://book.example.com" } });
    expect((await guestAgent(t).post("/signup", ada, { origin: "https://book.example.com" })).status).toBe(303);
    expect((await guestAgent(t).post("/signup", { ...ada, email: "b@example.com" }, { origin: ORIGIN })).status).toBe(403);
  });
});
