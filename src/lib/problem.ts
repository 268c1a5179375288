/**
 * One error type for the whole service, rendered as RFC 9457 problem+json by `onError`, the
 * validation hook and the not-found handler alike.
 */
import type { ZodError } from "zod";

export const problemCodes = {
  malformed_json: { status: 400, title: "Malformed JSON" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not Found" },
  method_not_allowed: { status: 405, title: "Method Not Allowed" },
  conflict: { status: 409, title: "Conflict" },
  invalid_transition: { status: 409, title: "Status Change Not Allowed" },
  in_progress: { status: 409, title: "Request In Progress" },
  precondition_failed: { status: 412, title: "Precondition Failed" },
  payload_too_large: { status: 413, title: "Payload Too Large" },
  unsupported_media_type: { status: 415, title: "Unsupported Media Type" },
  validation_failed: { status: 422, title: "Validation Failed" },
  idempotency_key_reused: { status: 422, title: "Idempotency Key Reused" },
  rate_limited: { status: 429, title: "Too Many Requests" },
  internal_error: { status: 500, title: "Internal Server Error" },
  service_unavailable: { status: 503, title: "Service Unavailable" },
} as const;

export type ProblemCode = keyof typeof problemCodes;

export interface FieldError {
  /** Dotted path of the field, e.g. `guestCount` or `openingHours.monday`. */
  field: string;
  /** The rule it broke, e.g. `too_big`, `invalid_format`, `unrecognized_key`. */
  rule: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    detail: string,
    readonly extras: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = "ApiError";
    this.status = problemCodes[code].status;
  }

  static validation(errors: FieldError[]): ApiError {
    const fields = [...new Set(errors.map((error) => error.field))].join(", ");
    return new ApiError("validation_failed", `The request has invalid fields: ${fields}.`, { errors });
  }

  static field(field: string, rule: string, message: string): ApiError {
    return ApiError.validation([{ field, rule, message }]);
  }

  static notFound(what: string): ApiError {
    return new ApiError("not_found", `${what} was not found.`);
  }

  toBody(requestId?: string): ProblemBody {
    const { headers: _headers, ...extensions } = this.extras;
    return {
      type: `/problems/${this.code.replaceAll("_", "-")}`,
      title: problemCodes[this.code].title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(requestId ? { requestId } : {}),
      ...extensions,
    };
  }
}

/** Field errors from a zod failure; an unknown key becomes an error on that key itself. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: base ? `${base}.${key}` : key,
        rule: "unrecognized_key",
        message: "is not a field that can be written here",
      }));
    }
    // A refinement names its rule in `params.rule`; zod calls them all "custom".
    const rule = issue.code === "custom" && typeof issue.params?.rule === "string" ? issue.params.rule : issue.code;
    return [{ field: base || "body", rule, message: issue.message }];
  });
}
