import { type OpeningHours, type Restaurant, weekdays } from "../domain/restaurant";

/** A demo restaurant; its id is derived from the slug (see seed.ts). */
export type RestaurantSeed = Omit<Restaurant, "id" | "externalId" | "specialDays" | "archivedAt"> & { slug: string };

type Day = keyof OpeningHours;
type DaySpec = Partial<Record<Day, string>>;


// A day spec is space-separated "HH:MM-HH:MM" intervals; "" means closed.
const parse = (spec: string): OpeningHours[Day] =>
  spec.split(" ").filter(Boolean).map((range) => {
    const [open = "", close = ""] = range.split("-");
    return { open, close };
  });

const hours = (base: string, ...overrides: DaySpec[]): OpeningHours => {
  const merged: DaySpec = Object.assign({}, ...overrides);
  return Object.fromEntries(weekdays.map((d) => [d, parse(merged[d] ?? base)])) as OpeningHours;
};

const closedMon: DaySpec = { monday: "" };
const closedSun: DaySpec = { sunday: "" };
const closedMonTue: DaySpec = { monday: "", tuesday: "" };
const weekend = (spec: string): DaySpec => ({ friday: spec, saturday: spec });

const SF = "America/Los_Angeles";
const NYC = "America/New_York";
const CHI = "America/Chicago";
const BER = "Europe/Berlin";
const LON = "Europe/London";

export const restaurantSeeds: readonly RestaurantSeed[] = [
  { slug: "la-palma-trattoria", name: "La Palma Trattoria", cuisine: "italian", address: "1482 Columbus Ave, San Francisco, CA 94133", timeZone: SF,
    openingHours: hours("11:30-14:30 17:00-22:00", closedMon), slotMinutes: 15, diningMinutes: 90, capacity: 64, maxPartySize: 8, rating: 4.6, reviewCount: 812, priceLevel: 2 },
  { slug: "kaze-izakaya", name: "Kaze Izakaya", cuisine: "japanese", address: "2217 Fillmore St, San Francisco, CA 94115", timeZone: SF,
    openingHours: hours("17:30-23:00", weekend("17:30-01:00")), slotMinutes: 15, diningMinutes: 90, capacity: 48, maxPartySize: 6, rating: 4.4, reviewCount: 538, priceLevel: 3 },
  { slug: "mission-verde-taqueria", name: "Mission Verde Taqueria", cuisine: "mexican", address: "3091 24th St, San Francisco, CA 94110", timeZone: SF,
    openingHours: hours("11:00-22:00"), slotMinutes: 15, diningMinutes: 60, capacity: 40, maxPartySize: 6, rating: 4.5, reviewCount: 1290, priceLevel: 1 },
  { slug: "ferry-point-oyster-bar", name: "Ferry Point Oyster Bar", cuisine: "seafood", address: "88 Beach St, San Francisco, CA 94133", timeZone: SF,
    openingHours: hours("11:30-15:00 17:00-22:00"), slotMinutes: 15, diningMinutes: 90, capacity: 90, maxPartySize: 10, rating: 4.3, reviewCount: 967, priceLevel: 3 },
  { slug: "saffron-and-ash", name: "Saffron & Ash", cuisine: "indian", address: "1756 Valencia St, San Francisco, CA 94110", timeZone: SF,
    openingHours: hours("11:30-14:30 17:30-22:00", closedMon), slotMinutes: 15, diningMinutes: 90, capacity: 56, maxPartySize: 8, rating: 4.7, reviewCount: 421, priceLevel: 2 },
  { slug: "maison-colette", name: "Maison Colette", cuisine: "french", address: "560 Hayes St, San Francisco, CA 94102", timeZone: SF,
    openingHours: hours("18:00-22:00", closedMon, closedSun), slotMinutes: 30, diningMinutes: 120, capacity: 36, maxPartySize: 6, rating: 4.8, reviewCount: 356, priceLevel: 4 },
  { slug: "baan-lamoon-thai-kitchen", name: "Baan Lamoon Thai Kitchen", cuisine: "thai", address: "1324 Irving St, San Francisco, CA 94122", timeZone: SF,
    openingHours: hours("11:30-15:00 17:00-21:30"), slotMinutes: 15, diningMinutes: 60, capacity: 44, maxPartySize: 6, rating: 4.2, reviewCount: 689, priceLevel: 1 },
  { slug: "redwood-and-rye", name: "Redwood & Rye", cuisine: "steakhouse", address: "245 Kearny St, San Francisco, CA 94108", timeZone: SF,
    openingHours: hours("17:00-22:30"), slotMinutes: 15, diningMinutes: 120, capacity: 110, maxPartySize: 12, rating: 4.5, reviewCount: 1543, priceLevel: 4 },
  { slug: "sunroot-kitchen", name: "Sunroot Kitchen", cuisine: "vegetarian", address: "3820 Judah St, San Francisco, CA 94122", timeZone: SF,
    openingHours: hours("10:00-15:00 17:30-21:30", closedMon), slotMinutes: 15, diningMinutes: 90, capacity: 32, maxPartySize: 4, rating: 4.4, reviewCount: 214, priceLevel: 2 },

  { slug: "osteria-bellanotte", name: "Osteria Bellanotte", cuisine: "italian", address: "214 Mulberry St, New York, NY 10012", timeZone: NYC,
    openingHours: hours("17:00-23:00", weekend("17:00-00:00")), slotMinutes: 15, diningMinutes: 90, capacity: 72, maxPartySize: 8, rating: 4.5, reviewCount: 1876, priceLevel: 3 },
  { slug: "seoul-ember", name: "Seoul Ember", cuisine: "korean", address: "38 W 32nd St, New York, NY 10001", timeZone: NYC,
    openingHours: hours("17:00-00:00", weekend("17:00-02:00")), slotMinutes: 15, diningMinutes: 90, capacity: 96, maxPartySize: 10, rating: 4.4, reviewCount: 2231, priceLevel: 2 },
  { slug: "bowery-chophouse", name: "The Bowery Chophouse", cuisine: "steakhouse", address: "331 Bowery, New York, NY 10003", timeZone: NYC,
    openingHours: hours("17:00-22:00", weekend("17:00-23:00")), slotMinutes: 30, diningMinutes: 120, capacity: 120, maxPartySize: 12, rating: 4.6, reviewCount: 1402, priceLevel: 4 },
  { slug: "pho-hanoi-house", name: "Pho Hanoi House", cuisine: "vietnamese", address: "71 Bayard St, New York, NY 10013", timeZone: NYC,
    openingHours: hours("11:00-21:30"), slotMinutes: 15, diningMinutes: 60, capacity: 38, maxPartySize: 6, rating: 4.3, reviewCount: 954, priceLevel: 1 },
  { slug: "le-petit-marais", name: "Le Petit Marais", cuisine: "french", address: "89 Greenwich Ave, New York, NY 10014", timeZone: NYC,
    openingHours: hours("12:00-14:30 17:30-22:30", closedMon), slotMinutes: 15, diningMinutes: 90, capacity: 42, maxPartySize: 6, rating: 4.7, reviewCount: 603, priceLevel: 3 },
  { slug: "tamarind-row", name: "Tamarind Row", cuisine: "indian", address: "305 E 6th St, New York, NY 10003", timeZone: NYC,
    openingHours: hours("17:00-22:30"), slotMinutes: 15, diningMinutes: 90, capacity: 50, maxPartySize: 8, rating: 4.2, reviewCount: 488, priceLevel: 2 },
  { slug: "hudson-catch", name: "Hudson Catch", cuisine: "seafood", address: "561 West St, New York, NY 10014", timeZone: NYC,
    openingHours: hours("11:30-15:00 17:00-22:00"), slotMinutes: 15, diningMinutes: 90, capacity: 84, maxPartySize: 10, rating: 4.1, reviewCount: 732, priceLevel: 3 },
  { slug: "casa-olivar", name: "Casa Olivar", cuisine: "spanish", address: "278 Elizabeth St, New York, NY 10012", timeZone: NYC,
    openingHours: hours("17:30-23:30", closedMon, weekend("17:30-01:30")), slotMinutes: 15, diningMinutes: 90, capacity: 46, maxPartySize: 8, rating: 4.6, reviewCount: 1119, priceLevel: 3 },

  { slug: "lakeshore-supper-club", name: "Lakeshore Supper Club", cuisine: "american", address: "1150 N State St, Chicago, IL 60610", timeZone: CHI,
    openingHours: hours("17:00-22:00", closedMon, weekend("17:00-23:00")), slotMinutes: 30, diningMinutes: 120, capacity: 88, maxPartySize: 12, rating: 4.5, reviewCount: 903, priceLevel: 3 },
  { slug: "golden-lotus-dim-sum", name: "Golden Lotus Dim Sum", cuisine: "chinese", address: "2238 S Wentworth Ave, Chicago, IL 60616", timeZone: CHI,
    openingHours: hours("10:00-21:00"), slotMinutes: 15, diningMinutes: 90, capacity: 118, maxPartySize: 12, rating: 4.3, reviewCount: 1654, priceLevel: 1 },
  { slug: "pilsen-mesa", name: "Pilsen Mesa", cuisine: "mexican", address: "1847 S Halsted St, Chicago, IL 60608", timeZone: CHI,
    openingHours: hours("11:00-14:30 17:00-22:00", closedMon), slotMinutes: 15, diningMinutes: 90, capacity: 54, maxPartySize: 8, rating: 4.4, reviewCount: 577, priceLevel: 2 },
  { slug: "wicker-and-vine", name: "Wicker & Vine", cuisine: "mediterranean", address: "1560 N Milwaukee Ave, Chicago, IL 60622", timeZone: CHI,
    openingHours: hours("17:00-22:00", closedSun), slotMinutes: 15, diningMinutes: 90, capacity: 60, maxPartySize: 8, rating: 4.6, reviewCount: 392, priceLevel: 3 },

  { slug: "zum-gruenen-hirsch", name: "Zum Grünen Hirsch", cuisine: "german", address: "Oranienburger Str. 54, 10117 Berlin", timeZone: BER,
    openingHours: hours("11:30-15:00 17:30-23:00"), slotMinutes: 15, diningMinutes: 90, capacity: 100, maxPartySize: 12, rating: 4.2, reviewCount: 1311, priceLevel: 2 },
  { slug: "kiez-ramen", name: "Kiez Ramen", cuisine: "japanese", address: "Kastanienallee 41, 10435 Berlin", timeZone: BER,
    openingHours: hours("18:00-00:00", weekend("18:00-02:00")), slotMinutes: 15, diningMinutes: 60, capacity: 28, maxPartySize: 4, rating: 4.5, reviewCount: 846, priceLevel: 1 },
  { slug: "saigon-garten", name: "Saigon Garten", cuisine: "vietnamese", address: "Kantstr. 118, 10625 Berlin", timeZone: BER,
    openingHours: hours("12:00-22:30"), slotMinutes: 15, diningMinutes: 60, capacity: 52, maxPartySize: 8, rating: 4.3, reviewCount: 672, priceLevel: 1 },
  { slug: "trattoria-spreeblick", name: "Trattoria Spreeblick", cuisine: "italian", address: "Paul-Lincke-Ufer 22, 10999 Berlin", timeZone: BER,
    openingHours: hours("17:30-23:00", closedMon), slotMinutes: 15, diningMinutes: 90, capacity: 58, maxPartySize: 8, rating: 4.4, reviewCount: 497, priceLevel: 2 },
  { slug: "feld-und-wurzel", name: "Feld & Wurzel", cuisine: "vegetarian", address: "Weserstr. 173, 12045 Berlin", timeZone: BER,
    openingHours: hours("18:00-22:30", closedMonTue), slotMinutes: 30, diningMinutes: 120, capacity: 30, maxPartySize: 6, rating: 4.8, reviewCount: 268, priceLevel: 3 },
  { slug: "bulgogi-haus", name: "Bulgogi Haus", cuisine: "korean", address: "Wrangelstr. 87, 10997 Berlin", timeZone: BER,
    openingHours: hours("12:00-15:00 17:30-22:30"), slotMinutes: 15, diningMinutes: 90, capacity: 44, maxPartySize: 6, rating: 4.1, reviewCount: 389, priceLevel: 2 },

  { slug: "olive-and-ember", name: "Olive & Ember", cuisine: "mediterranean", address: "27 Exmouth Market, London EC1R 4QL", timeZone: LON,
    openingHours: hours("12:00-14:30 17:30-22:30", closedSun), slotMinutes: 15, diningMinutes: 90, capacity: 66, maxPartySize: 8, rating: 4.5, reviewCount: 734, priceLevel: 3 },
  { slug: "bombay-lantern", name: "Bombay Lantern", cuisine: "indian", address: "143 Brick Lane, London E1 6SB", timeZone: LON,
    openingHours: hours("12:00-23:00"), slotMinutes: 15, diningMinutes: 90, capacity: 80, maxPartySize: 10, rating: 4.3, reviewCount: 1588, priceLevel: 2 },
  { slug: "harbour-and-smoke", name: "Harbour & Smoke", cuisine: "seafood", address: "19 Bermondsey St, London SE1 2EG", timeZone: LON,
    openingHours: hours("17:30-22:30", closedMon), slotMinutes: 15, diningMinutes: 90, capacity: 70, maxPartySize: 8, rating: 4.6, reviewCount: 512, priceLevel: 3 },
];
