import { afterEach, beforeEach, expect, setSystemTime, test } from "bun:test";
import { booking, buildTestApp, restaurant } from "./support/app";

beforeEach(() => setSystemTime(new Date("2026-12-01T12:00:00Z")));
afterEach(() => setSystemTime());

test("books a table and reads it back", async () => {
  const bistro = restaurant();
  const { call } = await buildTestApp({ restaurants: [bistro] });
  const created = await call("POST", "/api/v1/reservations", booking(bistro.id));
  const body = await created.json();
  expect(created.status).toBe(201);
  expect(created.headers.get("location")).toBe(`/api/v1/reservations/${body.id}`);
  expect(body).toMatchObject({ date: "2026-12-18T19:00:00-08:00", phone: "4155552671", status: 0, state: "upcoming" });
  const read = await call("GET", `/api/v1/reservations/${body.id}`);
  expect(read.status).toBe(200);
  expect(await read.json()).toEqual(body);
});
