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
  ])("refuses %p", (contentType) => {
    expect(isJsonMediaType(contentType)).toBe(false);
  });
});
