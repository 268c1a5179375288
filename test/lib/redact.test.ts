import { expect, test } from "bun:test";
import { redact } from "../../src/lib/redact";

const cases = [
  { name: "a secret of the settings file", text: "HTTP 401: bad token tok-123456", secrets: ["tok-123456"], expected: "HTTP 401: bad token ***" },
  { name: "every occurrence", text: "a tok-123456 b tok-123456", secrets: ["tok-123456"], expected: "a *** b ***" },
  { name: "the password of a URL", text: "connect smtp://bookings:hunter22@mail.example.com:587 failed", secrets: [], expected: "connect smtp://bookings:***@mail.example.com:587 failed" },
  { name: "nothing in text without secrets", text: "textbelt: HTTP 503", secrets: ["tok-123456"], expected: "textbelt: HTTP 503" },
];
for (const { name, text, secrets, expected } of cases) {
  test(`redact takes out ${name}`, () => expect(redact(text, secrets)).toBe(expected));
}
