/**
 * The API's errors. Every error response has one body shape, `ErrorBody`:
 *
 *   { "error": { "status": 400, "code": "invalid_parameter",
 *                "message": "from: expected a real date as YYYY-MM-DD, got \"2024-02-30\"",
 *                "parameter": "from" } }
 *
 * A store (or anything else a handler calls) signals bad input by throwing a
 * `BadRequest`, or any error whose `name` is "BadRequest" or
 * "InvalidCursorError" (so a store need not import from the server).
 */

export type ErrorCode =
  | "invalid_parameter"
  | "unknown_parameter"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "misdirected_request"
  | "too_many_requests"
  | "service_unavailable"
  | "internal_error";

export interface ErrorBody {
  error: {
    status: number;
    code: ErrorCode;
    message: string;
    /** The query parameter at fault, for 400s about one. */
    parameter?: string;
  };
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: 400 | 404 | 405 | 413 | 415 | 421 | 429 | 500 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }

  body(): ErrorBody {
    const error: ErrorBody["error"] = { status: this.status, code: this.code, message: this.message };
    if (this.parameter !== undefined) error.parameter = this.parameter;
    return { error };
  }
}

/** A request the client must change: a bad or unknown parameter, an invalid cursor. */
export class BadRequest extends ApiError {
  override name = "BadRequest";
  constructor(message: string, parameter?: string, code: "invalid_parameter" | "unknown_parameter" = "invalid_parameter") {
    super(400, code, message, parameter);
  }
}

export class NotFound extends ApiError {
  override name = "NotFound";
  constructor(message: string) {
    super(404, "not_found", message);
  }
}

export class MethodNotAllowed extends ApiError {
  override name = "MethodNotAllowed";
  constructor(method: string, path: string, allowed = "GET, HEAD") {
    super(405, "method_not_allowed", `${method} is not allowed on ${path}; ${allowed === "POST" ? "it takes POST only" : `this API is read-only (${allowed})`}`);
  }
}

/** A request body over the limit (`POST /-/code`). */
export class PayloadTooLarge extends ApiError {
  override name = "PayloadTooLarge";
  constructor(limit: number) {
    super(413, "payload_too_large", `the request body is over ${limit} bytes; send a shorter text, or code large files with \`readout code\``);
  }
}

/** A body that is not JSON by its declared type (`POST /-/code`): a page elsewhere can post text or forms without asking first. */
export class UnsupportedMediaType extends ApiError {
  override name = "UnsupportedMediaType";
  constructor(got: string | undefined) {
    super(415, "unsupported_media_type", `the body must be sent as Content-Type: application/json${got ? `, not ${got}` : ""}`);
  }
}

/**
 * A request addressed to a host name this server does not answer for: what a page on another site sends after
 * pointing its own name at this machine (DNS rebinding).
 */
export class MisdirectedRequest extends ApiError {
  override name = "MisdirectedRequest";
  constructor(host: string) {
    super(421, "misdirected_request", `this server does not answer for the host "${host}"; start it with \`readout serve --host-name ${host.replace(/:\d+$/, "")}\` to allow that name`);
  }
}

/** Every coding thread busy and the queue full (`POST /-/code`): try again after `retryAfter` seconds. */
export class TooManyRequests extends ApiError {
  override name = "TooManyRequests";
  constructor(readonly retryAfter: number) {
    super(429, "too_many_requests", `every coding thread is busy and the queue is full; try again in ${retryAfter} s, or code large batches with \`readout code\``);
  }
}

/** A request the coding threads could not finish: over its time budget, or it took a thread down. */
export class ServiceUnavailable extends ApiError {
  override name = "ServiceUnavailable";
  constructor(message: string) {
    super(503, "service_unavailable", message);
  }
}

export const INTERNAL_ERROR = new ApiError(500, "internal_error", "internal server error; the details were logged on the server");

/** Errors thrown by name from outside the server (the store) that mean "the client sent bad input". */
const BAD_INPUT_NAMES = new Set(["BadRequest", "InvalidCursorError", "UnknownReferenceError"]);

/** What an error thrown while answering becomes: bad input is a 400, anything unexpected a 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error && BAD_INPUT_NAMES.has(error.name)) {
    if (error.name === "InvalidCursorError") return new BadRequest("_next: not a valid cursor; pass the `next` of a previous response, or leave _next out for the first page", "_next");
    const parameter = "parameter" in error && typeof error.parameter === "string" ? error.parameter : undefined;
    return new BadRequest(error.message, parameter);
  }
  return INTERNAL_ERROR;
}
