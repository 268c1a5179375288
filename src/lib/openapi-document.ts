import { stringify } from "yaml";
import { ProblemSchema, problemResponseComponents, trimmedLengthsOnly } from "./openapi";
import type { AppRouter } from "./types";

const description = `Reservations for restaurants and hotel front desks.

Every \`/api/v1\` request needs an API key, as \`Authorization: Bearer <key>\` or \`X-API-Key: <key>\`.
Errors are RFC 9457 \`application/problem+json\`; a validation problem lists each failing field and rule.
Lists page with \`limit\` and \`cursor\` and answer \`{ data, nextCursor }\`.`;

export function registerComponents(app: AppRouter): void {
  app.openAPIRegistry.register("Problem", ProblemSchema);
  for (const { name, description, ...rest } of Object.values(problemResponseComponents)) {
    const headers = "headers" in rest ? rest.headers : undefined;
    app.openAPIRegistry.registerComponent("responses", name, {
      description,
      ...(headers ? { headers } : {}),
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    });
  }
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API key from the API_KEYS setting.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKeyHeader", {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "The same API key, in a header of its own.",
  });
}

export function openApiDocument(app: AppRouter) {
  return trimmedLengthsOnly(app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "Tablekeeper API", version: "1.0.0", description },
    servers: [{ url: "/", description: "The server that serves this document" }],
    tags: [
      { name: "Restaurants", description: "Restaurants and their open seatings" },
      { name: "Reservations", description: "Booking, changing and finding reservations" },
      { name: "Reservation status", description: "Moving guests through their visit, and the log of every change" },
      { name: "Notifications", description: "The outbox of messages and webhook events: what could not be delivered, and sending it again" },
      { name: "System", description: "Health of the service" },
    ],
  }));
}

/** The document as YAML, written out plainly (no anchors), as openapi/openapi.yaml and /openapi.yaml have it. */
export function openApiYaml(app: AppRouter): string {
  // Quoted as YAML 1.1 reads plain scalars: "17:30" would be a sexagesimal number there and
  // "2026-12-18" a timestamp, though every YAML 1.2 parser reads them as strings.
  return stringify(openApiDocument(app), { aliasDuplicateObjects: false, version: "1.1" });
}
