import { createRouter } from "../../lib/create-router";
import * as handlers from "./notifications.handlers";
import * as routes from "./notifications.routes";

const router = createRouter();
router.openapi(routes.listNotifications, handlers.list);
router.openapi(routes.retryNotification, handlers.retry);

export default router;
