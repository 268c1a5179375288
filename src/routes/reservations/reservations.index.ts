import { createRouter, validationHook } from "../../lib/create-router";
import * as handlers from "./reservations.handlers";
import * as routes from "./reservations.routes";

const router = createRouter();
router.openapi(
  routes.createReservation,
  handlers.create,
  validationHook((c, body, failing) => c.get("services").reservations.contextErrors(body, failing, undefined, c.get("apiKey").restaurants)),
);
router.openapi(routes.listReservations, handlers.list);
router.openapi(routes.getReservation, handlers.get);
router.openapi(
  routes.updateReservation,
  handlers.update,
  validationHook((c, body, failing) => c.get("services").reservations.changeErrors(c.req.param("reservationId") ?? "", body, failing)),
);

export default router;
