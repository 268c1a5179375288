import type { components } from "./schema.js";

type Problem = components["schemas"]["Problem"];
type FieldError = components["schemas"]["FieldError"];

/** True for an RFC 9457 problem as the API sends it (an error body from openapi-fetch is `unknown` at run time). */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const { status, code, detail } = value as Record<string, unknown>;
  return typeof status === "number" && typeof code === "string" && typeof detail === "string";
}

/** A problem+json answer, thrown by `unwrap`. Switch on `code`; `errors` names each failing field. */
export class TablekeeperError extends Error {
  override readonly name = "TablekeeperError";
  readonly status: number;
  readonly code: Problem["code"];
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(
    readonly problem: Problem,
    readonly response: Response,
  ) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** An error answer that is not a problem, e.g. an HTML 502 from a proxy in front of the API. */
export class UnexpectedResponseError extends Error {
  override readonly name = "UnexpectedResponseError";
  readonly status: number;

  constructor(
    readonly body: unknown,
    readonly response: Response,
  ) {
    super(`Unexpected ${response.status} answer from ${response.url || "the API"}`);
    this.status = response.status;
  }
}

/** The data of a successful call; throws `TablekeeperError` (or `UnexpectedResponseError`) for an error answer. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  if (isProblem(result.error)) throw new TablekeeperError(result.error, result.response);
  throw new UnexpectedResponseError(result.error, result.response);
}
