import { describe, expect, test } from "bun:test";
import { normalizePhone, phoneRuleMessage } from "../../src/domain/phone";

describe("normalizePhone in the default region (US)", () => {
  test.each([
    ["(415) 555-2671"],
    ["415.555.2671"],
    ["+1 415 555 2671"],
    ["4155552671"],
    ["415-555-2671"],
    ["+14155552671"],
    ["1 415 555 2671"],
    [" 415 555 2671 "],
  ])("accepts %p as the national number 4155552671", (input) => {
    expect(normalizePhone(input, "US")).toEqual({ ok: true, national: "4155552671" });
  });

  test("accepts a Canadian number: it shares calling code 1", () => {
    expect(normalizePhone("+1 604 555 1234", "US")).toEqual({ ok: true, national: "6045551234" });
  });

  test.each([
    ["too short", "123"],
    ["all zeros", "0000000000"],
    ["seven digits with no area code", "555-2671"],
    ["letters", "415-555-CALL"],
    ["letters mixed in", "415x5552671"],
    ["a valid number of another calling code", "+44 20 7946 0958"],
    ["an area code that does not exist", "(123) 555-2671"],
    ["too long", "415555267100"],
    ["empty", ""],
    ["punctuation only", "(--)"],
  ])("refuses %s: %p", (_case, input) => {
    expect(normalizePhone(input, "US")).toEqual({ ok: false, message: phoneRuleMessage("US") });
  });

  test("the refusal says what a valid number looks like", () => {
    expect(phoneRuleMessage("US")).toMatch(/calling code \+1, for example \(\d{3}\) \d{3}-\d{4} or \+1 \d{3} \d{3} \d{4}$/);
  });
});

describe("normalizePhone in another region", () => {
  test("reads a national number of that region and refuses one of calling code 1", () => {
    expect(normalizePhone("020 7946 0958", "GB")).toEqual({ ok: true, national: "2079460958" });
    expect(normalizePhone("+1 415 555 2671", "GB")).toEqual({ ok: false, message: phoneRuleMessage("GB") });
    expect(phoneRuleMessage("GB")).toContain("+44");
  });
});
