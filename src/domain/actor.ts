/**
 * Who makes a change: the status log, the history and idempotency all say which. Services take
 * an Actor rather than a bare name, so that the API, the guest pages and the jobs share one rule.
 */
export type Actor =
  /** A venue's system, by the name of its API key. */
  | { kind: "api_key"; name: string }
  /** A signed-in guest acting on a reservation of their account. */
  | { kind: "guest"; userId: string }
  /** Anyone holding a reservation's private link. */
  | { kind: "link_holder" }
  /** The clock: a no-show or an automatic check-out. */
  | { kind: "system" };

export type ActorKind = Actor["kind"];
export const actorKinds = ["api_key", "guest", "link_holder", "system"] as const satisfies readonly ActorKind[];

export const systemActor: Actor = { kind: "system" };

/** The name the status log keeps beside the kind: the key's name, the account, or the kind itself. */
export function actorName(actor: Actor): string {
  switch (actor.kind) {
    case "api_key":
      return actor.name;
    case "guest":
      return `guest:${actor.userId}`;
    case "link_holder":
      return "guest link";
    case "system":
      return "system";
  }
}
