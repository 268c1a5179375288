import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { RequestIdVariables } from "hono/request-id";
import type { UserRow } from "../db/account-store";
import type { IdempotencyKeyRef } from "../db/repository";
import type { ApiKeyGrant } from "../domain/scopes";
import type { Services } from "../services";

export interface AppEnv {
  Variables: RequestIdVariables & {
    services: Services;
    /** The name of the API key that authenticated this request, for logs and the status log. */
    apiKeyName: string;
    /** That key's scopes and venues, which `requireScope` checks for each operation. */
    apiKey: ApiKeyGrant;
    /** The Idempotency-Key this request holds, and what an earlier request with it already created. */
    idempotency?: IdempotencyKeyRef & { committedId?: string };
    /** On the guest pages: the signed-in guest, or null. */
    guest: UserRow | null;
  };
}

export type AppRouter = OpenAPIHono<AppEnv>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
