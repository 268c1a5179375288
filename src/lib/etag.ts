/**
 * ETag and If-Match for reservations, at the HTTP edge: services see revisions, not headers.
 * If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches.
 */
import { type ExpectedRevisions, type ReservationView, revisionOf } from "../services/reservations";

export const etagOf = (view: ReservationView): string => `"${revisionOf(view)}"`;

/** The revisions an If-Match header names; undefined when it is absent or `*`. */
export function expectedRevisions(ifMatch: string | undefined): ExpectedRevisions {
  if (ifMatch === undefined || ifMatch.trim() === "*") return undefined;
  return ifMatch
    .split(",")
    .map((tag) => tag.trim())
    .flatMap((tag) => {
      const strong = tag.match(/^"([^"]*)"$/);
      return strong ? [strong[1]!] : [];
    });
}
