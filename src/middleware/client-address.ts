import type { Context } from "hono";
import { getConnInfo } from "hono/bun";

/** Where requests go whose address is not known: `app.request` has no server to ask. */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * The address of the client that sent the request: the peer Bun's server saw (the second
 * argument of `fetch`), or, behind `trustedProxyHops` reverse proxies, the address the outermost
 * of them saw, from X-Forwarded-For. Never throws.
 */
export function clientAddress(c: Context, trustedProxyHops = trustedHopsOf(c)): string {
  if (trustedProxyHops > 0) {
    const forwarded = (c.req.header("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
    // Each proxy appends what it saw: entries further left than our proxies could be forged.
    if (forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - trustedProxyHops)]!;
  }
  try {
    return getConnInfo(c).remote.address || UNKNOWN_ADDRESS;
  } catch {
    return UNKNOWN_ADDRESS;
  }
}

/** The app's TRUSTED_PROXY_HOPS, when the request passed the app's middleware. */
const trustedHopsOf = (c: Context): number => (c.get("services") as { settings?: { server: { trustedProxyHops: number } } } | undefined)?.settings?.server.trustedProxyHops ?? 0;

/**
 * The unit a per-client limit counts: an IPv4 address, or the /64 of an IPv6 one, since one
 * host or site is handed a whole /64 and could otherwise take a fresh address for every try.
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as the IPv4 address.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.replace(/%.*$/, "").toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  // A trailing dotted IPv4 part (`64:ff9b::192.0.2.1`) fills two groups.
  const missing = 8 - left.length - right.length - (right.at(-1)?.includes(".") ? 1 : 0);
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(missing, 0)).fill("0"), ...right];
  const prefix = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return prefix.length === 4 && prefix.every((group) => group !== "NaN") ? `${prefix.join(":")}::/64` : address;
}
