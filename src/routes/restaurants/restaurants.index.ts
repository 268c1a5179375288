import { createRouter } from "../../lib/create-router";
import * as handlers from "./restaurants.handlers";
import * as routes from "./restaurants.routes";

const router = createRouter();
router.openapi(routes.listRestaurants, handlers.list);
router.openapi(routes.getRestaurant, handlers.get);
router.openapi(routes.getAvailability, handlers.availability);

export default router;
