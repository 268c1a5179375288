/**
 * The settings file (`CONFIG_FILE`, `tablekeeper.yaml` by default): the providers of every
 * external API and which of them serves what. Pure like `loadSettings`: it takes the file's text
 * and the environment, and returns the file's settings or the problems found, each naming the
 * file, the key and the rule. Secrets stay in the environment, referred to as `${NAME}`.
 */
import jsonata from "jsonata";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { apiScopes } from "./domain/scopes";
import { webhookEventTypes } from "./notifications/targets";

const timeoutSeconds = z.number().positive("expected a number of seconds above 0").max(300, "expected at most 300 seconds").default(10);
const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" });
const headers = z.record(z.string(), z.string({ error: "expected a string" })).default({});

const consoleProvider = z.strictObject({ kind: z.literal("console") });

const smtpProvider = z.strictObject({
  kind: z.literal("smtp"),
  url: z.string().regex(/^smtps?:\/\//, "expected an smtp:// or smtps:// URL"),
  from: z.string().min(3, "expected a sender such as Tablekeeper <bookings@example.com>"),
  timeoutSeconds,
});

const twilioProvider = z.strictObject({
  kind: z.literal("twilio"),
  /** Any API of the same shape: Twilio itself, or a compatible one. */
  baseUrl: httpUrl.default("https://api.twilio.com"),
  accountSid: z.string().min(1, "expected the account SID"),
  authToken: z.string().min(1, "expected the auth token"),
  from: z.string().min(1, "expected the sending number in E.164"),
  timeoutSeconds,
});

const httpProvider = z.strictObject({
  kind: z.literal("http"),
  method: z.enum(["GET", "POST", "PUT", "PATCH"], { error: "expected GET, POST, PUT or PATCH" }).default("POST"),
  url: z.string().regex(/^https?:\/\//, "expected an http:// or https:// URL (placeholders allowed)"),
  headers,
  /** A JSON body whose strings may hold placeholders. */
  body: z.unknown().optional(),
  /** Restaurant data: our field → a JSONata expression over the answer. */
  map: z.record(z.string(), z.string()).optional(),
  everyMinutes: z.number().int("expected whole minutes").min(1, "expected at least 1 minute").default(360),
  timeoutSeconds,
});

const webhookProvider = z.strictObject({
  kind: z.literal("webhook"),
  url: httpUrl,
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, "expected a Standard Webhooks secret: whsec_ followed by base64"),
  events: z.array(z.enum(webhookEventTypes, { error: `expected event types among ${webhookEventTypes.join(", ")}` })).min(1, "expected at least one event type"),
  timeoutSeconds,
});

const kinds = ["console", "smtp", "twilio", "http", "webhook"] as const;
const providerSchema = z.discriminatedUnion("kind", [consoleProvider, smtpProvider, twilioProvider, httpProvider, webhookProvider], {
  error: `expected kind to be one of ${kinds.join(", ")}`,
});

export type ProviderConfig = z.infer<typeof providerSchema>;
export type HttpProviderConfig = z.infer<typeof httpProvider>;

const providerName = z.string().regex(/^[A-Za-z][\w-]*$/, "expected a provider name");

/** A key of one venue system: its secret (or `sha256:<hex>` of it), its venues and its scopes. */
const apiKeySchema = z.strictObject({
  name: z.string().regex(/^[\w.-]+$/, "expected a name of letters, digits, . _ -"),
  key: z
    .string()
    .refine((key) => (key.startsWith("sha256:") ? /^sha256:[0-9a-f]{64}$/i.test(key) : key.length >= 16), {
      error: "expected a key of at least 16 characters, or sha256: followed by 64 hex digits",
    }),
  restaurants: z.array(z.string().min(1, "expected a restaurant id")).min(1, "expected at least one restaurant id; leave it out for every venue").optional(),
  scopes: z.array(z.enum(apiScopes, { error: `expected scopes among ${apiScopes.join(", ")}` })).min(1, "expected at least one scope"),
});

export type ApiKeyConfig = z.infer<typeof apiKeySchema>;

const fileSchema = z.strictObject({
  apiKeys: z.array(apiKeySchema).default([]),
  notifications: z
    .strictObject({ email: providerName.optional(), sms: providerName.optional(), voice: providerName.optional() })
    .default({}),
  restaurantData: providerName.optional(),
  webhooks: z.array(providerName).default([]),
  providers: z.record(providerName, providerSchema).default({}),
});

export type ConfigFile = z.infer<typeof fileSchema> & {
  /** The values taken from the environment: kept out of logs, errors, metrics and answers. */
  secrets: string[];
};

/** `${NAME}` in any string, replaced from the environment; an unset one is a problem. */
function interpolate(value: unknown, env: Record<string, string | undefined>, path: string[], problems: string[], secrets: string[]): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined || found === "") {
        problems.push(`${path.join(".")}: \${${name}} is not set in the environment`);
        return "";
      }
      secrets.push(found);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, env, [...path, String(index)], problems, secrets));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env, [...path, key], problems, secrets)]));
  }
  return value;
}

/** Parses and checks the file; `problems` are prefixed by the file's name. */
export function parseConfigFile(fileName: string, text: string, env: Record<string, string | undefined>): { config: ConfigFile | null; problems: string[] } {
  const where = (problem: string) => `${fileName}: ${problem}`;
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    return { config: null, problems: [where(`not valid YAML: ${(error as Error).message.split("\n")[0]}`)] };
  }
  const problems: string[] = [];
  const secrets: string[] = [];
  const resolved = interpolate(raw, env, [], problems, secrets);
  const parsed = fileSchema.safeParse(resolved);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(top level)"}: ${issue.message}`));
  } else {
    problems.push(...crossChecks(parsed.data));
  }
  if (problems.length > 0 || !parsed.success) return { config: null, problems: problems.map(where) };
  return { config: { ...parsed.data, secrets: [...new Set(secrets)] }, problems: [] };
}

/** The provider kinds that can serve each role. */
export const serves: Record<"email" | "sms" | "voice" | "restaurantData" | "webhooks", readonly string[]> = {
  email: ["console", "smtp", "http"],
  sms: ["console", "twilio", "http"],
  voice: ["console", "twilio", "http"],
  restaurantData: ["http"],
  webhooks: ["webhook"],
};

/** A provider named must be defined, and of a kind that can serve what it is named for. */
function crossChecks(file: z.infer<typeof fileSchema>): string[] {
  const problems: string[] = [];
  const check = (key: string, name: string | undefined, role: keyof typeof serves) => {
    if (name === undefined || ((role === "email" || role === "sms" || role === "voice") && (name === "console" || name === "none"))) return;
    const provider = file.providers[name];
    if (!provider) return problems.push(`${key}: names the provider "${name}", which providers does not define`);
    if (!serves[role].includes(provider.kind)) problems.push(`${key}: the provider "${name}" is of kind ${provider.kind}, which cannot serve ${role}; expected ${serves[role].join(" or ")}`);
    if (role === "restaurantData" && provider.kind === "http" && !(provider.map?.rating && provider.map?.reviewCount)) {
      problems.push(`providers.${name}.map: expected rating and reviewCount, each a JSONata expression over the answer`);
    }
  };
  for (const [name, provider] of Object.entries(file.providers)) {
    if (provider.kind !== "http") continue;
    for (const [field, expression] of Object.entries(provider.map ?? {})) {
      try {
        jsonata(expression);
      } catch (error) {
        problems.push(`providers.${name}.map.${field}: not a JSONata expression (${(error as Error).message})`);
      }
    }
  }
  for (const channel of ["email", "sms", "voice"] as const) check(`notifications.${channel}`, file.notifications[channel], channel);
  check("restaurantData", file.restaurantData, "restaurantData");
  file.webhooks.forEach((name, index) => check(`webhooks.${index}`, name, "webhooks"));
  return problems;
}
