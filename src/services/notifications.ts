import type { JobStore, NotificationEntry, NotificationState } from "../db/job-store";
import { ApiError } from "../lib/problem";
import type { ServiceContext } from "./context";

/** The operator's view of the outbox: what could not be delivered, and sending it again. */
export function createNotificationService({ now }: ServiceContext, jobs: JobStore) {
  async function list(query: { state?: NotificationState; limit: number; afterId?: number }) {
    return jobs.listNotifications(query);
  }

  /** Queues a dead entry again, with fresh attempts, due now. Only a dead entry can be retried. */
  async function retry(id: number): Promise<NotificationEntry> {
    const requeued = await jobs.requeueNotification(id, now());
    if (requeued) return requeued;
    const entry = await jobs.getNotification(id);
    if (!entry) throw ApiError.notFound(`Notification ${id}`);
    throw new ApiError("conflict", `Only a dead notification can be retried; this one is ${entry.state}.`, { currentState: entry.state });
  }

  return { list, retry };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
