/**
 * A guest's private link to a reservation: 256 random bits, base64url, of which the database keeps
 * only the SHA-256. The reservation id alone opens nothing.
 */
import { randomBytes } from "node:crypto";

export const newGuestLinkToken = (): string => randomBytes(32).toString("base64url");

export const guestLinkHash = (token: string): string => new Bun.CryptoHasher("sha256").update(token).digest("hex");
