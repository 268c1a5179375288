import type { CountryCode } from "libphonenumber-js";
import { parseDateTime, resolveLocal } from "../domain/local-time";
import { normalizePhone } from "../domain/phone";
import { isOpenSlot, type Restaurant } from "../domain/restaurant";
import type { FieldError } from "../lib/problem";

const DAY = 86_400_000;

/**
 * The rules a reservation's fields must meet that need the restaurant or the clock: the shape
 * rules (lengths, characters, types) are already enforced by the route's schema.
 */
export class FieldChecks {
  readonly errors: FieldError[] = [];

  /** Without a restaurant only the phone can be checked. */
  constructor(
    private readonly now: number,
    private readonly restaurant?: Restaurant,
  ) {}

  phone(input: string, region: CountryCode): string {
    const result = normalizePhone(input, region);
    if (!result.ok) this.fail("phone", "invalid_phone", result.message);
    return result.ok ? result.national : input;
  }

  guestCount(count: number): void {
    const { maxPartySize } = this.need();
    if (count > maxPartySize) this.fail("guestCount", "too_big", `must be at most ${maxPartySize} at this restaurant`);
  }

  /** The seating instant: future, inside the horizon, and on one of the restaurant's open slots. */
  date(input: string, horizonDays: number): number {
    const restaurant = this.need();
    const { timeZone } = restaurant;
    const parsed = parseDateTime(input);
    let startsAt = Number.NaN;
    if (parsed.kind === "instant") startsAt = parsed.epochMs;
    if (parsed.kind === "local") {
      const resolved = resolveLocal(parsed.local, timeZone);
      if (!resolved.ok) {
        this.fail("date", "nonexistent_local_time", `does not exist in ${timeZone}: clocks skip that hour for daylight saving time`);
        return startsAt;
      }
      startsAt = resolved.epochMs;
    }
    if (Number.isNaN(startsAt)) this.fail("date", "invalid_format", "must be an RFC 3339 date-time");
    else if (startsAt <= this.now) this.fail("date", "not_in_future", "must be in the future");
    else if (startsAt > this.now + horizonDays * DAY) {
      this.fail("date", "beyond_horizon", `must be at most ${horizonDays} days ahead`);
    } else if (!isOpenSlot(restaurant, startsAt)) {
      this.fail(
        "date",
        "not_a_slot",
        `is not an open seating time: this restaurant seats every ${restaurant.slotMinutes} minutes during opening hours, with ${restaurant.diningMinutes} minutes before closing`,
      );
    }
    return startsAt;
  }

  private need(): Restaurant {
    if (!this.restaurant) throw new Error("FieldChecks: this rule needs the restaurant");
    return this.restaurant;
  }

  private fail(field: string, rule: string, message: string): void {
    this.errors.push({ field, rule, message });
  }
}
