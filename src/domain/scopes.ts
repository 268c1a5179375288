/**
 * What an API key may do (its scopes) and where (its venues). `admin` holds every scope; a key
 * without a venue list reaches every restaurant.
 */
export const apiScopes = ["reservations", "status", "restaurants", "notifications", "admin"] as const;
export type ApiScope = (typeof apiScopes)[number];

/** The key that authenticated a request: its name, its scopes, and the venues it reaches (null: all). */
export interface ApiKeyGrant {
  name: string;
  scopes: readonly ApiScope[];
  restaurants: readonly string[] | null;
}

export const hasScope = (grant: ApiKeyGrant, scope: ApiScope): boolean => grant.scopes.includes("admin") || grant.scopes.includes(scope);

export const reaches = (grant: ApiKeyGrant, restaurantId: string): boolean => grant.restaurants === null || grant.restaurants.includes(restaurantId);
