import { type CountryCode, getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString } from "libphonenumber-js";
import examples from "libphonenumber-js/examples.mobile.json";

/** The characters people write phone numbers with; anything else (letters) is refused outright. */
const PHONE_CHARACTERS = /^[+\d\s().\-]+$/;

export type PhoneResult = { ok: true; national: string } | { ok: false; message: string };

/**
 * A guest's phone number in any usual notation, checked with libphonenumber against the
 * configured region's calling code, and returned as the national significant number.
 */
export function normalizePhone(input: string, region: CountryCode): PhoneResult {
  const invalid = { ok: false, message: phoneRuleMessage(region) } as const;
  if (!PHONE_CHARACTERS.test(input)) return invalid;
  const number = parsePhoneNumberFromString(input, region);
  if (!number || !number.isValid()) return invalid;
  if (number.countryCallingCode !== getCountryCallingCode(region)) return invalid;
  return { ok: true, national: number.nationalNumber };
}

const messages = new Map<CountryCode, string>();

export function phoneRuleMessage(region: CountryCode): string {
  let message = messages.get(region);
  if (!message) {
    const example = getExampleNumber(region, examples);
    const callingCode = getCountryCallingCode(region);
    message = example
      ? `must be a valid phone number with calling code +${callingCode}, for example ${example.formatNational()} or ${example.formatInternational()}`
      : `must be a valid phone number with calling code +${callingCode}`;
    messages.set(region, message);
  }
  return message;
}
