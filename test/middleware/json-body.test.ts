import { describe, expect, test } from "bun:test";
import { isJsonMediaType } from "../../src/middleware/json-body";

describe("the JSON media type rule", () => {
  test.each([
    "application/json",
    "APPLICATION/JSON",
    "application/json;charset=utf-8",
    "application/json ; charset=utf-8",
    "application/json;\tcharset=UTF-8",
    'application/json; charset="utf-8"',
    "application/json;",
    "application/merge-patch+json",
    "application/problem+json; profile=x",
    'application/vnd.tablekeeper+json; version="1; beta"',
    "application/json;;charset=utf-8 ",
    'application/json; charset="utf\\-8"',
  ])("accepts %p", (contentType) => {
    expect(isJsonMediaType(contentType)).toBe(true);
  });

  test.each([
    "",
    "json",
    "text/json",
    "text/plain",
    "application/jsonx",
    "application/+json",
    "application/x-www-form-urlencoded",
    "application/json, text/plain",
    "application/json; charset=iso-8859-1",
    "application/json; charset",
    "application/json; =utf-8",
    'application/json; charset="utf-8',
    "application /json",
    "application/json; a=b c",
    'application/json; charset=utf-8"',
  ])("refuses %p", (contentType) => {
    expect(isJsonMediaType(contentType)).toBe(false);
  });

  test.each([
    ["empty parameters", "; "],
    ["spaced empty parameters", " ;  "],
    ["parameters", "; a=b "],
  ])("refuses a long run of %s that goes wrong only at its end, without backtracking through it", (_case, unit) => {
    // A single regex over the parameter list takes exponential time on this; the test would time out.
    expect(isJsonMediaType(`application/json${unit.repeat(2_000)}\u0001`)).toBe(false);
    expect(isJsonMediaType(`application/json${unit.repeat(2_000)}`)).toBe(true);
  });
});
