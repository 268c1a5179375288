/** Form posts and cookies against the app in process: what a browser sends, without the browser. */
import { buildTestApp, type TestApp } from "../../support/app";

export const ORIGIN = "http://localhost";
export const FERRY = "786fe295-d5a8-8d46-8c1c-c836a0166c37";

/** A browser's cookie jar for one guest, on one app. */
export function guestAgent(t: TestApp) {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === "") jar.delete(name!);
      else jar.set(name!, value!);
    }
    return response;
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  return {
    jar,
    get: async (path: string, headers: Record<string, string> = {}) =>
      remember(await t.app.request(`${ORIGIN}${path}`, { headers: { cookie: cookie(), accept: "text/html", ...headers } })),
    post: async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      remember(
        await t.app.request(`${ORIGIN}${path}`, {
          method: "POST",
          headers: { cookie: cookie(), origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", accept: "text/html", ...headers },
          body: new URLSearchParams(form).toString(),
        }),
      ),
  };
}

export const ada = { firstName: "Ada", lastName: "Lovelace", phone: "(415) 555-2671", email: "ada@example.com", password: "correct horse battery" };

export async function signedUp(t: TestApp, who = ada) {
  const agent = guestAgent(t);
  const response = await agent.post("/signup", who);
  if (response.status !== 303) throw new Error(`sign up failed: ${response.status} ${await response.text()}`);
  return agent;
}

export { buildTestApp };
