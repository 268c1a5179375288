/**
 * A posted form as the values the services take: the same field names as the API's JSON, with
 * numbers as numbers and checkboxes as booleans. Anything that is not what a field needs is passed
 * on as it came, so that the service's rules refuse it with the API's own message.
 */
import type { Context } from "hono";
import type { AppEnv } from "../lib/types";
import { notificationChoices } from "./fields";

export async function postedForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

const wholeNumber = (text: string | undefined) => (text !== undefined && /^\s*\d{1,6}\s*$/.test(text) ? Number(text) : text);
const optionalText = (text: string | undefined) => (text === undefined || text.trim() === "" ? null : text);

/** The guest's fields of a form, for booking, changing a booking or the profile. */
export function guestInput(form: Record<string, string>, keys: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of keys) {
    if (notificationChoices.some(([name]) => name === key)) input[key] = form[key] === "true";
    else if (key === "guestCount") input[key] = wholeNumber(form[key]);
    else if (key === "email" || key === "occasion") input[key] = optionalText(form[key]);
    else if (form[key] !== undefined) input[key] = form[key];
  }
  return input;
}

/** Only a path on this site: a `next` or `returnTo` that names another host goes to the start page. */
export const localPath = (path: string | undefined): string => (path && /^\/(?![/\\])/.test(path) ? path : "/");
