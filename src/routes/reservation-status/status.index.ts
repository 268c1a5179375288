import { createRouter } from "../../lib/create-router";
import * as handlers from "./status.handlers";
import * as routes from "./status.routes";

const router = createRouter();
router.openapi(routes.changeStatus, handlers.change);
router.openapi(routes.getHistory, handlers.history);

export default router;
