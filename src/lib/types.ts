import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { RequestIdVariables } from "hono/request-id";
import type { Services } from "../services";

export interface AppEnv {
  Variables: RequestIdVariables & {
    services: Services;
    /** The name of the API key that authenticated this request, for logs and the status log. */
    apiKeyName: string;
  };
}

export type AppRouter = OpenAPIHono<AppEnv>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
