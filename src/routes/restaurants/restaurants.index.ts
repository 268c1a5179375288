import { createRouter } from "../../lib/create-router";
import * as handlers from "./restaurants.handlers";
import * as routes from "./restaurants.routes";

const router = createRouter();
router.openapi(routes.listRestaurants, handlers.list);
router.openapi(routes.createRestaurant, handlers.create);
router.openapi(routes.getRestaurant, handlers.get);
router.openapi(routes.updateRestaurant, handlers.update);
router.openapi(routes.archiveRestaurant, handlers.archive);
router.openapi(routes.getAvailability, handlers.availability);
router.openapi(routes.listSpecialDays, handlers.listSpecialDays);
router.openapi(routes.putSpecialDay, handlers.putSpecialDay);
router.openapi(routes.deleteSpecialDay, handlers.deleteSpecialDay);

export default router;
