/**
 * The two faces of the app: the JSON API (with the system endpoints and its docs), where every
 * error is problem+json, and the guest pages, where every error is a page.
 */
const API_PREFIXES = ["/api/", "/docs"];
const API_PATHS = new Set(["/api", "/healthz", "/readyz", "/metrics", "/openapi.json", "/openapi.yaml"]);

export function isApiPath(path: string): boolean {
  return API_PATHS.has(path) || API_PREFIXES.some((prefix) => path.startsWith(prefix));
}
