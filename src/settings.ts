/**
 * Every tunable of Tablekeeper, read from the environment in one place. `loadSettings` is pure:
 * it takes the environment as an argument, so tests and the spec emitter build settings without
 * touching `process.env`, a file or a socket.
 */
import { isSupportedCountry } from "libphonenumber-js";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type ConfigFile, parseConfigFile, serves } from "./config-file";
import type { ApiScope } from "./domain/scopes";
import { logLevels } from "./lib/logger";

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected an integer from ${min} to ${max}` })
    .int(`expected an integer from ${min} to ${max}`)
    .min(min, `expected an integer from ${min} to ${max}`)
    .max(max, `expected an integer from ${min} to ${max}`);

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "expected true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const minutesList = z
  .string()
  .regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, "expected a comma-separated list of whole minutes, e.g. 1440,120")
  .transform((text) => text.split(",").map((part) => part.trim()).filter(Boolean).map(Number));

/** console, none, or a provider the settings file defines (checked against the file below). */
const provider = z.string().regex(/^[A-Za-z][\w-]*$/, "expected console, none or a provider of the settings file");

const envSchema = z.object({
  LOG_LEVEL: z.enum(logLevels, { error: `expected one of ${logLevels.join(", ")}` }).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"], { error: "expected development, production or test" }).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: int(0, 65535).default(3000),
  DATABASE_URL: z
    .string()
    .refine((url) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith("file://") || isPostgresUrl(url), {
      error: "expected a SQLite file path, a file: URL, :memory:, or a postgres:// URL",
    })
    .default("file:data/tablekeeper.db"),
  DATABASE_POOL_SIZE: int(1, 1000).default(10),
  DATA_DIR: z.string().min(1).default("data"),
  API_KEYS: z.string().default(""),
  CORS_ORIGINS: z
    .string()
    .transform((text) => text.split(",").map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.every((origin) => origin === "*" || URL.canParse(origin)), {
      error: "expected a comma-separated list of origins such as https://app.example.com, or *",
    })
    .default([]),
  METRICS_TOKEN: z.string().min(16, "expected at least 16 characters").optional(),
  PUBLIC_URL: z
    .string()
    .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), { error: "expected an http or https URL such as https://book.example.com" })
    .optional(),
  SESSION_TTL_DAYS: int(1, 365).default(30),
  LOGIN_ATTEMPTS_PER_ACCOUNT: int(1, 10_000).default(10),
  LOGIN_ATTEMPTS_PER_ADDRESS: int(1, 100_000).default(50),
  LOGIN_WINDOW_MINUTES: int(1, 1440).default(15),
  PHONE_REGION: z
    .string()
    .transform((region) => region.toUpperCase())
    .refine(isSupportedCountry, { error: "expected an ISO 3166 region code such as US or CA" })
    .default("US"),
  PAGE_SIZE_DEFAULT: int(1, 1000).default(20),
  PAGE_SIZE_MAX: int(1, 1000).default(100),
  BODY_LIMIT_BYTES: int(1024, 10 * 1024 * 1024).default(16 * 1024),
  BOOKING_HORIZON_DAYS: int(1, 3650).default(180),
  SEED_DEMO_DATA: bool.default(true),
  CHECK_IN_OPENS_MINUTES_BEFORE: int(0, 1440).default(60),
  MISSED_AFTER_MINUTES: int(0, 1440).default(15),
  AUTO_CHECKOUT_AFTER_MINUTES: int(1, 2880).default(240),
  LATE_ARRIVAL_MINUTES: int(0, 1440).default(60),
  STATUS_CHANGE_LIMIT: int(1, 1000).default(1),
  STATUS_CHANGE_WINDOW_SECONDS: int(1, 86400).default(60),
  API_RATE_LIMIT_PER_MINUTE: int(0, 1_000_000).default(6000),
  API_KEY_FAILURES_PER_ADDRESS: int(1, 100_000).default(20),
  API_KEY_FAILURE_WINDOW_MINUTES: int(1, 1440).default(5),
  TRUSTED_PROXY_HOPS: int(0, 10).default(0),
  IDEMPOTENCY_KEY_TTL_HOURS: int(1, 24 * 30).default(24),
  SCHEDULER_ENABLED: bool.default(true),
  SCHEDULER_INTERVAL_SECONDS: int(1, 3600).default(30),
  REMINDER_MINUTES_BEFORE: minutesList.default([1440, 120]),
  CONFIG_FILE: z.string().min(1).optional(),
  NOTIFY_EMAIL: provider.optional(),
  NOTIFY_SMS: provider.optional(),
  NOTIFY_VOICE: provider.optional(),
  NOTIFICATION_BATCH_SIZE: int(1, 10_000).default(100),
  NOTIFICATION_LEASE_SECONDS: int(10, 86400).default(300),
  NOTIFICATION_MAX_ATTEMPTS: int(1, 100).default(8),
  NOTIFICATION_RETRY_BASE_SECONDS: int(1, 86400).default(30),
  NOTIFICATION_RETENTION_DAYS: int(1, 3650).default(30),
  REDIS_URL: z
    .string()
    .refine((url) => URL.canParse(url) && /^rediss?:$/.test(new URL(url).protocol), { error: "expected a redis:// or rediss:// URL such as redis://127.0.0.1:6379" })
    .optional(),
  REDIS_PREFIX: z.string().regex(/^[\w.:-]+$/, "expected letters, digits, . _ : -").default("tablekeeper"),
  QUEUE_DELIVERY_JOBS: int(1, 100).default(4),
});

export type Env = Record<string, string | undefined>;

/** Every environment variable the service reads. */
export const settingNames = Object.keys(envSchema.shape);

export interface ApiKeyEntry {
  name: string;
  /** SHA-256 of the key: the only form kept in memory, and compared in constant time. */
  sha256: Buffer;
  /** `API_KEYS` entries hold every scope (`admin`); the settings file's say which. */
  scopes: readonly ApiScope[];
  /** The venues the key reaches; null for every one. */
  restaurants: readonly string[] | null;
}

export type Settings = ReturnType<typeof shape>;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "SettingsError";
  }
}

/** The settings file to read: `CONFIG_FILE`, or `tablekeeper.yaml` in the working directory if it exists. */
export function configFileLocation(env: Env): { path: string; required: boolean } {
  return env.CONFIG_FILE ? { path: env.CONFIG_FILE, required: true } : { path: "tablekeeper.yaml", required: false };
}

/**
 * `file` is the settings file's text as the caller read it (null when there is none at its
 * path), so that this stays free of I/O. The environment overrides what the file says.
 */
export function loadSettings(env: Env, file?: { path: string; text: string | null }): Settings {
  // An empty variable means "not set", as in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}${got(present, issue.path[0])}`);
  const keys = parseApiKeys(env.API_KEYS ?? "");
  problems.push(...keys.problems);
  const config = readConfig(env, file, problems);
  const allKeys = [...keys.entries, ...fileKeys(config, keys.entries, problems)];
  if (parsed.success) problems.push(...crossChecks(parsed.data, allKeys), ...channelChecks(parsed.data, config));
  if (problems.length > 0 || !parsed.success) throw new SettingsError(problems);
  return shape(parsed.data, allKeys, config);
}

function readConfig(env: Env, file: { path: string; text: string | null } | undefined, problems: string[]): ConfigFile | null {
  if (!file) return null;
  if (file.text === null) {
    if (configFileLocation(env).required) problems.push(`CONFIG_FILE: no file at ${file.path}`);
    return null;
  }
  const { config, problems: found } = parseConfigFile(file.path, file.text, env);
  problems.push(...found);
  return config;
}

/** The settings file's `apiKeys`, after the environment's: a name may be declared once. */
function fileKeys(config: ConfigFile | null, fromEnv: readonly ApiKeyEntry[], problems: string[]): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  (config?.apiKeys ?? []).forEach((declared, index) => {
    if ([...fromEnv, ...entries].some((entry) => entry.name === declared.name)) {
      return problems.push(`apiKeys.${index}.name: the name "${declared.name}" is used twice (API_KEYS and the settings file share names)`);
    }
    const digest = declared.key.startsWith("sha256:") ? Buffer.from(declared.key.slice("sha256:".length), "hex") : sha256(declared.key);
    entries.push({ name: declared.name, sha256: digest, scopes: declared.scopes, restaurants: declared.restaurants ?? null });
  });
  return entries;
}

type ParsedEnv = z.infer<typeof envSchema>;
const channelSettings = { email: "NOTIFY_EMAIL", sms: "NOTIFY_SMS", voice: "NOTIFY_VOICE" } as const;

/** The provider of each channel: the environment's, else the file's, else console. */
function channelProviders(env: ParsedEnv, config: ConfigFile | null) {
  const pick = (channel: keyof typeof channelSettings) => env[channelSettings[channel]] ?? config?.notifications[channel] ?? "console";
  return { email: pick("email"), sms: pick("sms"), voice: pick("voice") };
}

/** A NOTIFY_* that names a provider must name one the file defines, of a kind that serves the channel. */
function channelChecks(env: ParsedEnv, config: ConfigFile | null): string[] {
  return Object.entries(channelSettings).flatMap(([channel, key]) => {
    const name = env[key];
    if (name === undefined || name === "console" || name === "none") return [];
    const kind = config?.providers[name]?.kind;
    if (!kind) return [`${key}: expected console, none or a provider of the settings file (got ${JSON.stringify(name)})`];
    if (!serves[channel as keyof typeof channelSettings].includes(kind)) return [`${key}: the provider "${name}" is of kind ${kind}, which cannot send ${channel}`];
    return [];
  });
}

/** Values that may hold a secret are never echoed back. */
const SECRET_SETTINGS = new Set(["API_KEYS", "DATABASE_URL", "METRICS_TOKEN", "REDIS_URL"]);

function got(env: Env, key: PropertyKey | undefined): string {
  if (typeof key !== "string" || SECRET_SETTINGS.has(key) || env[key] === undefined) return "";
  return ` (got ${JSON.stringify(env[key])})`;
}

function crossChecks(env: z.infer<typeof envSchema>, keys: ApiKeyEntry[]): string[] {
  const problems: string[] = [];
  if (env.PAGE_SIZE_DEFAULT > env.PAGE_SIZE_MAX) problems.push("PAGE_SIZE_DEFAULT: must not exceed PAGE_SIZE_MAX");
  // A late arrival is a missed reservation checking in, and a guest who checks in must stay a while.
  if (env.LATE_ARRIVAL_MINUTES < env.MISSED_AFTER_MINUTES) problems.push("LATE_ARRIVAL_MINUTES: must not be less than MISSED_AFTER_MINUTES");
  if (env.AUTO_CHECKOUT_AFTER_MINUTES <= env.LATE_ARRIVAL_MINUTES) {
    problems.push("AUTO_CHECKOUT_AFTER_MINUTES: must be more than LATE_ARRIVAL_MINUTES");
  }
  if (env.NODE_ENV === "production" && keys.length === 0) {
    problems.push("API_KEYS: required when NODE_ENV=production (a comma-separated list of name:key entries), unless the settings file declares apiKeys");
  }
  return problems;
}

function shape(env: z.infer<typeof envSchema>, apiKeys: ApiKeyEntry[], config: ConfigFile | null = null) {
  const providers = config?.providers ?? {};
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    server: {
      host: env.HOST,
      port: env.PORT,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      corsOrigins: env.CORS_ORIGINS,
      /** Where guests reach the site: the origin forms are accepted from, and the base of links in messages. */
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
      /** Whether PUBLIC_URL was set: without it, a form is accepted from the origin it was served on. */
      publicUrlSet: env.PUBLIC_URL !== undefined,
      /** Reverse proxies in front whose X-Forwarded-For entries are believed; 0 believes none. */
      trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    },
    accounts: {
      sessionTtlMs: env.SESSION_TTL_DAYS * 86_400_000,
      loginLimit: {
        perAccount: env.LOGIN_ATTEMPTS_PER_ACCOUNT,
        perAddress: env.LOGIN_ATTEMPTS_PER_ADDRESS,
        windowMs: env.LOGIN_WINDOW_MINUTES * 60_000,
      },
    },
    /** Without a token, /metrics takes any API key. */
    metricsToken: env.METRICS_TOKEN ?? null,
    database: databaseOf(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
    dataDir: env.DATA_DIR,
    apiKeys,
    phoneRegion: env.PHONE_REGION,
    pagination: { defaultLimit: env.PAGE_SIZE_DEFAULT, maxLimit: env.PAGE_SIZE_MAX },
    booking: { horizonDays: env.BOOKING_HORIZON_DAYS },
    idempotencyKeyTtlMs: env.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000,
    seedDemoData: env.SEED_DEMO_DATA,
    statusRules: {
      checkInOpensMinutesBefore: env.CHECK_IN_OPENS_MINUTES_BEFORE,
      missedAfterMinutes: env.MISSED_AFTER_MINUTES,
      autoCheckoutAfterMinutes: env.AUTO_CHECKOUT_AFTER_MINUTES,
      lateArrivalMinutes: env.LATE_ARRIVAL_MINUTES,
    },
    rateLimit: {
      statusChanges: { limit: env.STATUS_CHANGE_LIMIT, windowMs: env.STATUS_CHANGE_WINDOW_SECONDS * 1000 },
      apiPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
      failedKeysPerAddress: { limit: env.API_KEY_FAILURES_PER_ADDRESS, windowMs: env.API_KEY_FAILURE_WINDOW_MINUTES * 60_000 },
    },
    scheduler: {
      enabled: env.SCHEDULER_ENABLED,
      intervalMs: env.SCHEDULER_INTERVAL_SECONDS * 1000,
      reminderMinutesBefore: env.REMINDER_MINUTES_BEFORE,
      /** With Redis: delivery jobs queued after each sweep, one notification batch each, for any instance's worker. */
      deliveryJobsPerSweep: env.QUEUE_DELIVERY_JOBS,
    },
    /**
     * Shared rate-limit windows and the BullMQ queues; null without REDIS_URL. Every key starts
     * with `prefix`, so that deployments can share one Redis.
     */
    redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX } : null,
    notifications: {
      /** Per channel: console, none, or a name in `providers`. */
      providers: channelProviders(env, config),
      /** The webhook subscribers and the event types each asked for. */
      webhooks: (config?.webhooks ?? []).map((name) => {
        const hook = providers[name]!;
        return { name, events: hook.kind === "webhook" ? (hook.events as string[]) : [] };
      }),
      batchSize: env.NOTIFICATION_BATCH_SIZE,
      leaseMs: env.NOTIFICATION_LEASE_SECONDS * 1000,
      maxAttempts: env.NOTIFICATION_MAX_ATTEMPTS,
      retryBaseMs: env.NOTIFICATION_RETRY_BASE_SECONDS * 1000,
      retentionMs: env.NOTIFICATION_RETENTION_DAYS * 86_400_000,
    },
    /** Every external API, by the name the settings file gives it. */
    providers,
    /** The provider that refreshes ratings and review counts, if any. */
    restaurantData: config?.restaurantData ?? null,
    /** Values the file took from the environment: never logged, stored in an error, or answered. */
    secrets: config?.secrets ?? [],
  };
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url) && URL.canParse(url);

/** The embedded SQLite file by default; PostgreSQL when the URL says so. */
export type DatabaseSettings = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string; poolSize: number };

function databaseOf(url: string, poolSize: number): DatabaseSettings {
  return isPostgresUrl(url) ? { kind: "postgres", url, poolSize } : { kind: "sqlite", path: sqlitePath(url) };
}

/** `file:data/x.db`, `file:///abs/x.db`, a bare path, or `:memory:`. */
export function sqlitePath(url: string): string {
  if (url === ":memory:" || url === "file::memory:") return ":memory:";
  if (url.startsWith("file://")) return fileURLToPath(url);
  if (url.startsWith("file:")) return url.slice("file:".length);
  return url;
}

/** What an `API_KEYS` entry may do: everything, everywhere, as before keys had scopes. */
const everyScope = { scopes: ["admin"] as const, restaurants: null };

/** `name:key` or `name:sha256:<64 hex>` entries, comma-separated. */
export function parseApiKeys(text: string): { entries: ApiKeyEntry[]; problems: string[] } {
  const entries: ApiKeyEntry[] = [];
  const problems: string[] = [];
  text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const separator = entry.indexOf(":");
      const name = entry.slice(0, separator);
      const secret = entry.slice(separator + 1);
      const where = `API_KEYS: entry ${index + 1}`;
      if (separator < 1 || !/^[\w.-]+$/.test(name)) return problems.push(`${where}: expected name:key with a name of letters, digits, . _ -`);
      if (entries.some((existing) => existing.name === name)) return problems.push(`${where}: the name "${name}" is used twice`);
      if (secret.startsWith("sha256:")) {
        const hex = secret.slice("sha256:".length);
        if (!/^[0-9a-f]{64}$/i.test(hex)) return problems.push(`${where}: expected sha256: followed by 64 hex digits`);
        return entries.push({ name, sha256: Buffer.from(hex, "hex"), ...everyScope });
      }
      if (secret.length < 16) return problems.push(`${where}: the key of "${name}" must be at least 16 characters`);
      entries.push({ name, sha256: sha256(secret), ...everyScope });
    });
  return { entries, problems };
}

export function sha256(text: string): Buffer {
  return Buffer.from(new Bun.CryptoHasher("sha256").update(text).digest());
}
