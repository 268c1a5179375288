export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyClaim =
  | { outcome: "claimed" }
  | { outcome: "in_flight" }
  | { outcome: "mismatch" }
  | { outcome: "replay"; response: StoredResponse }
  /** The first request created `resourceId` but died before its answer was stored. */
  | { outcome: "committed"; resourceId: string };

/** Idempotency keys, scoped to the API key that sent them. */
export interface IdempotencyStore {
  /**
   * Claims the key for this request, or says why not: another request with it is still running,
   * it was used for a different request, or here is the response to replay. A claim left by a
   * request that died is taken over once `staleBefore` has passed it: as `committed` when that
   * request had created its resource, or claimed afresh when it had not. A key past its
   * `expiresAt` is claimed afresh. Of claims of one key at once, exactly one is `claimed`.
   *
   * "Had created" is known because the write that creates the resource links the key to it in
   * its own transaction (`WritePlan.idempotencyKey`): the link and the resource commit together
   * or not at all, so a takeover never creates the resource twice and never names one that is not
   * there.
   */
  claim(scope: string, key: string, requestHash: string, now: number, expiresAt: number, staleBefore: number): Promise<IdempotencyClaim>;
  /** Stores the response that later claims with the same request replay. */
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Drops a claim whose request failed, so that a retry runs it again. */
  release(scope: string, key: string): Promise<void>;
  /** Forgets keys whose `expiresAt` is at or before `now`; answers how many. */
  prune(now: number): Promise<number>;
}
