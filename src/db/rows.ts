/** What every backend does the same way with the rows it reads. */
import { type Actor, actorName } from "../domain/actor";
import type { StatusCode } from "../domain/reservation-status";
import type { Page, StatusLogEntry } from "./repository";

/** The Actor a status-log row names, from its kind and name columns. */
export function storedActor(kind: string, name: string): Actor {
  if (kind === "guest") return { kind, userId: name.slice("guest:".length) };
  if (kind === "link_holder" || kind === "system") return { kind };
  return { kind: "api_key", name };
}

/** A status-log entry as a row keeps it: the actor as its kind and its name. */
export function logRow({ actor, ...entry }: StatusLogEntry) {
  return { ...entry, actorKind: actor.kind, actor: actorName(actor) };
}

/** A status-log row as the repository answers it. */
export function storedLogEntry<T extends { actorKind: string; actor: string; fromStatus: number | null; toStatus: number }>({ actorKind, ...entry }: T) {
  return {
    ...entry,
    actor: storedActor(actorKind, entry.actor),
    fromStatus: entry.fromStatus as StatusCode | null,
    toStatus: entry.toStatus as StatusCode,
  } satisfies Omit<StatusLogEntry, "reservationId" | "at" | "reason"> & Record<string, unknown>;
}

/** A page from `limit + 1` rows: the extra one says that another page follows. */
export function page<T, K>(rows: T[], limit: number, keyOf: (last: T) => K): Page<T, K> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? keyOf(items[items.length - 1]!) : null };
}

/** A LIKE pattern that finds `text` anywhere, with the pattern's own characters escaped by `\`. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * No stored text holds a NUL character: the field rules refuse control characters, and
 * PostgreSQL's text cannot hold one. A key or search term with one therefore matches nothing,
 * and is answered so by the repository rather than sent on (PostgreSQL would refuse it with an
 * error, and SQLite would read it only up to the NUL).
 */
export const unstorable = (...texts: Array<string | undefined>) => texts.some((text) => text?.includes("\0"));
