import { afterEach, describe, expect, setSystemTime, test } from "bun:test";
import { expectFieldError, expectProblem } from "../../support/fixtures";
import { bistro, book, history, MINUTE, put, read, storedStatus, tableApp } from "./support";

afterEach(() => setSystemTime());

describe("the request body", () => {
  const checkInTime = async () => {
    const t = await tableApp();
    const { id, startsAt } = await book(t, bistro, "2027-01-15T19:00");
    setSystemTime(startsAt - 30 * MINUTE);
    return { t, id };
  };

  test.each([
    ["status", { status: 1 }],
    ["state", { state: "guest_here" }],
    ["status and state that agree", { status: 1, state: "guest_here" }],
  ])("checks a guest in given %s", async (_form, body) => {
    const { t, id } = await checkInTime();
    const response = await put(t, id, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 1, state: "guest_here" });
    expect(await storedStatus(t, id)).toBe(1);
  });

  test.each([
    ["status and state that disagree", { status: 1, state: "missed" }, "state"],
    ["neither status nor state", {}, "status"],
    ["a status out of range", { status: 5 }, "status"],
    ["an unknown state name", { state: "seated" }, "state"],
    ["a field that is not part of the change", { status: 1, statusChangedAt: "2027-01-15T00:00:00Z" }, "statusChangedAt"],
  ])("refuses %s with 422 and changes nothing", async (_case, body, field) => {
    const { t, id } = await checkInTime();
    await expectFieldError(await put(t, id, body), field);
    expect(await storedStatus(t, id)).toBe(0);
    expect(await history(t, id)).toHaveLength(1);
  });

  test.each([
    ["status", { status: 1 }],
    ["state", { state: "guest_here" }],
  ])("PATCH still refuses %s with 422", async (field, body) => {
    const { t, id } = await checkInTime();
    await expectFieldError(await t.call("PATCH", `/api/v1/reservations/${id}`, body), field, "unrecognized_key");
    expect((await read(t, id)).state).toBe("upcoming");
    expect(await storedStatus(t, id)).toBe(0);
  });

  test("a state change for an unknown reservation gets 404", async () => {
    const t = await tableApp();
    const unknown = "01936f4e-0000-7000-8000-000000000000";
    expect((await expectProblem(await put(t, unknown, { status: 1 }), 404)).code).toBe("not_found");
    expect((await expectProblem(await t.call("GET", `/api/v1/reservations/${unknown}/history`), 404)).code).toBe("not_found");
  });
});
