import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ApiKeyEntry, sha256 } from "./settings";

/**
 * Outside production, a first start with no API_KEYS makes a strong key and keeps it under the
 * data folder, so a newcomer is never locked out. Returns the key only when it was just made.
 */
export function ensureDevApiKey(dataDir: string): { entry: ApiKeyEntry; created: string | null } {
  const file = join(dataDir, "dev-api-key");
  if (existsSync(file)) {
    return { entry: { name: "dev", sha256: sha256(readFileSync(file, "utf8").trim()), scopes: ["admin"], restaurants: null }, created: null };
  }
  const key = `tk_dev_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url")}`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { entry: { name: "dev", sha256: sha256(key), scopes: ["admin"], restaurants: null }, created: key };
}
