import { describe, expect, test } from "bun:test";
import { configFileLocation, loadSettings, SettingsError } from "../src/settings";

/** The example of the issue and the README, with every secret in the environment. */
const EXAMPLE = `
notifications:
  email: mail          # a provider below, or console / none
  sms: textbelt
  voice: none
restaurantData: ratings
webhooks: [pos]
providers:
  mail:     { kind: smtp, url: "smtp://bookings:\${SMTP_PASSWORD}@smtp.example.com:587", from: "Tablekeeper <bookings@example.com>" }
  textbelt: { kind: http, method: POST, url: "https://sms.example.com/send",
              headers: { Authorization: "Bearer \${SMS_TOKEN}" },
              body: { to: "{{to}}", message: "{{text}}" } }
  pos:      { kind: webhook, url: "https://pos.example.com/hooks/tablekeeper", secret: "\${POS_WEBHOOK_SECRET}", events: [reservation.created, reservation.status_changed] }
  ratings:  { kind: http, method: GET, url: "https://reviews.example.com/v1/places/{{restaurant.externalId}}",
              map: { rating: "data.stars", reviewCount: "data.total_reviews" }, everyMinutes: 360 }
`;
const SECRETS = { SMTP_PASSWORD: "smtp-pass-word-1", SMS_TOKEN: "sms-token-abcdef", POS_WEBHOOK_SECRET: `whsec_${btoa("0123456789abcdef0123456789abcdef")}` };

const load = (text: string, env: Record<string, string> = SECRETS) => loadSettings(env, { path: "tablekeeper.yaml", text });

function problemsOf(text: string, env: Record<string, string> = SECRETS): string[] {
  try {
    load(text, env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error("the settings file was accepted");
}

describe("the settings file", () => {
  test("tablekeeper.example.yaml is the example of the issue, and loads", async () => {
    const shipped = await Bun.file(new URL("../tablekeeper.example.yaml", import.meta.url)).text();
    expect(shipped).toContain(EXAMPLE.trim().split("\n").slice(-3).join("\n"));
    expect(load(shipped).providers).toEqual(load(EXAMPLE).providers);
  });

  test("the README's example loads: providers by name, channels, webhooks and restaurant data", () => {
    const settings = load(EXAMPLE);
    expect(settings.notifications.providers).toEqual({ email: "mail", sms: "textbelt", voice: "none" });
    expect(settings.notifications.webhooks).toEqual([{ name: "pos", events: ["reservation.created", "reservation.status_changed"] }]);
    expect(settings.restaurantData).toBe("ratings");
    expect(settings.providers.mail).toEqual({ kind: "smtp", url: "smtp://bookings:smtp-pass-word-1@smtp.example.com:587", from: "Tablekeeper <bookings@example.com>", timeoutSeconds: 10 });
    expect(settings.providers.textbelt).toMatchObject({ kind: "http", headers: { Authorization: "Bearer sms-token-abcdef" }, timeoutSeconds: 10 });
    expect(settings.secrets.sort()).toEqual(Object.values(SECRETS).sort());
  });

  test("the environment overrides the file's channels", () => {
    const settings = load(EXAMPLE, { ...SECRETS, NOTIFY_SMS: "console", NOTIFY_EMAIL: "none" });
    expect(settings.notifications.providers).toEqual({ email: "none", sms: "console", voice: "none" });
  });

  test("without a file, every channel is console, as before", () => {
    expect(loadSettings({}).notifications.providers).toEqual({ email: "console", sms: "console", voice: "console" });
    expect(loadSettings({}, { path: "tablekeeper.yaml", text: null }).providers).toEqual({});
  });

  test("CONFIG_FILE names the file, and then it must exist; tablekeeper.yaml may be missing", () => {
    expect(configFileLocation({})).toEqual({ path: "tablekeeper.yaml", required: false });
    expect(configFileLocation({ CONFIG_FILE: "/etc/tk.yaml" })).toEqual({ path: "/etc/tk.yaml", required: true });
    expect(() => loadSettings({ CONFIG_FILE: "/etc/tk.yaml" }, { path: "/etc/tk.yaml", text: null })).toThrow("CONFIG_FILE: no file at /etc/tk.yaml");
  });

  const provider = (yaml: string) => `notifications: { sms: p }\nproviders:\n  p: ${yaml}\n`;
  const errors: Array<{ name: string; text: string; env?: Record<string, string>; problem: string }> = [
    { name: "an unknown kind", text: provider("{ kind: carrier-pigeon, url: x }"), problem: "tablekeeper.yaml: providers.p.kind: expected kind to be one of console, smtp, twilio, http, webhook" },
    { name: "a missing field", text: provider("{ kind: twilio, accountSid: AC1, from: '+15005550006' }"), problem: "tablekeeper.yaml: providers.p.authToken:" },
    { name: "a field no kind has", text: provider("{ kind: http, url: 'https://x.example', verb: POST }"), problem: 'tablekeeper.yaml: providers.p: Unrecognized key: "verb"' },
    { name: "a provider named but not defined", text: "notifications: { email: postmark }\n", problem: 'tablekeeper.yaml: notifications.email: names the provider "postmark", which providers does not define' },
    { name: "a webhook subscriber not defined", text: "webhooks: [crm]\n", problem: 'tablekeeper.yaml: webhooks.0: names the provider "crm", which providers does not define' },
    { name: "a provider of the wrong kind for its channel", text: "notifications: { sms: m }\nproviders:\n  m: { kind: smtp, url: 'smtp://x', from: a@b.c }\n", problem: 'tablekeeper.yaml: notifications.sms: the provider "m" is of kind smtp, which cannot serve sms; expected console or twilio or http' },
    { name: "restaurant data without its mapping", text: "restaurantData: r\nproviders:\n  r: { kind: http, method: GET, url: 'https://x.example' }\n", problem: "tablekeeper.yaml: providers.r.map: expected rating and reviewCount" },
    { name: "an unset ${NAME}", text: provider('{ kind: http, url: "https://x.example", headers: { Authorization: "Bearer ${SMS_KEY}" } }'), env: {}, problem: "tablekeeper.yaml: providers.p.headers.Authorization: ${SMS_KEY} is not set in the environment" },
    { name: "an unknown event type", text: "webhooks: [w]\nproviders:\n  w: { kind: webhook, url: 'https://x.example', secret: 'whsec_MDEyMzQ1Njc4OWFiY2RlZg==', events: [reservation.eaten] }\n", problem: "tablekeeper.yaml: providers.w.events.0: expected event types among" },
    { name: "a webhook secret not in the Standard Webhooks form", text: "webhooks: [w]\nproviders:\n  w: { kind: webhook, url: 'https://x.example', secret: hunter2, events: [reservation.created] }\n", problem: "tablekeeper.yaml: providers.w.secret: expected a Standard Webhooks secret" },
    { name: "a key the file does not have", text: "notification: { sms: console }\n", problem: 'tablekeeper.yaml: (top level): Unrecognized key: "notification"' },
    { name: "text that is not YAML", text: "providers: [unclosed\n", problem: "tablekeeper.yaml: not valid YAML" },
    { name: "a NOTIFY_* naming a provider of the wrong kind", text: "providers:\n  mail: { kind: smtp, url: 'smtp://x', from: a@b.c }\n", env: { NOTIFY_SMS: "mail" }, problem: 'NOTIFY_SMS: the provider "mail" is of kind smtp, which cannot send sms' },
    { name: "a NOTIFY_* naming no provider", text: "", env: { NOTIFY_SMS: "textbelt" }, problem: 'NOTIFY_SMS: expected console, none or a provider of the settings file (got "textbelt")' },
  ];
  for (const { name, text, env, problem } of errors) {
    test(`stops start-up on ${name}, naming the file, the key and the rule`, () => {
      const problems = problemsOf(text, env);
      expect(problems.some((found) => found.startsWith(problem))).toBe(true);
    });
  }

  test("an unset ${NAME} is named, but no value of the environment is echoed", () => {
    const problems = problemsOf(provider('{ kind: http, url: "https://x.example/${SMS_PATH}", headers: { Authorization: "${SMS_TOKEN}" } }'), { SMS_TOKEN: "sms-token-abcdef" });
    expect(problems).toEqual(["tablekeeper.yaml: providers.p.url: ${SMS_PATH} is not set in the environment"]);
    expect(problems.join("\n")).not.toContain("sms-token-abcdef");
  });
});

describe("apiKeys", () => {
  const KEYS = `
apiKeys:
  - name: ferry-front-desk
    key: \${FERRY_FRONT_DESK_KEY}
    restaurants: [786fe295-d5a8-8d46-8c1c-c836a0166c37]
    scopes: [reservations, status]
  - name: group-admin
    key: sha256:${"ab".repeat(32)}
    scopes: [admin]
`;
  const env = { FERRY_FRONT_DESK_KEY: "ferry-desk-key-0123456789", API_KEYS: "legacy:legacy-key-0123456789" };

  test("declares each key with its venues and scopes; API_KEYS entries keep every scope everywhere", () => {
    const settings = load(KEYS, env);
    expect(settings.apiKeys.map(({ name, scopes, restaurants }) => ({ name, scopes, restaurants }))).toEqual([
      { name: "legacy", scopes: ["admin"], restaurants: null },
      { name: "ferry-front-desk", scopes: ["reservations", "status"], restaurants: ["786fe295-d5a8-8d46-8c1c-c836a0166c37"] },
      { name: "group-admin", scopes: ["admin"], restaurants: null },
    ]);
    expect(settings.apiKeys[2]!.sha256.toString("hex")).toBe("ab".repeat(32));
    // A key taken from the environment is a secret: kept out of logs and answers.
    expect(settings.secrets).toContain(env.FERRY_FRONT_DESK_KEY);
  });

  test.each<[string, string, RegExp]>([
    ["an unknown scope", "apiKeys:\n  - { name: a, key: aaaaaaaaaaaaaaaaaa, scopes: [everything] }", /apiKeys\.0\.scopes\.0: expected scopes among reservations, status, restaurants, notifications, admin/],
    ["a short key", "apiKeys:\n  - { name: a, key: short, scopes: [admin] }", /apiKeys\.0\.key: expected a key of at least 16 characters/],
    ["no scopes", "apiKeys:\n  - { name: a, key: aaaaaaaaaaaaaaaaaa, scopes: [] }", /apiKeys\.0\.scopes: expected at least one scope/],
    ["a name API_KEYS already uses", "apiKeys:\n  - { name: legacy, key: aaaaaaaaaaaaaaaaaa, scopes: [admin] }", /apiKeys\.0\.name: the name "legacy" is used twice/],
  ])("refuses %s, naming the key", (_case, text, problem) => {
    expect(problemsOf(text, env).join("\n")).toMatch(problem);
  });
});
