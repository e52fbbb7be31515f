// Typed errors the service raises on purpose. Their message is written for the client;
// anything else that reaches the error handler is answered as `internal`, and only
// the log gets its text.
import type { ErrorBody, ErrorCode } from "../../schemas/errors.js";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 500;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.message, this.details);
  }
}

export class BadRequestError extends AppError {
  constructor(message = "bad request", details?: unknown) {
    super(400, "bad_request", message, details);
  }
}

export class ValidationError extends AppError {
  constructor(details: ValidationIssue[]) {
    super(400, "validation_failed", "the request is not valid", details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "authentication required") {
    super(401, "unauthorized", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(permission: string) {
    super(403, "forbidden", `missing permission ${permission}`, { permission });
  }
}

export class NotFoundError extends AppError {
  constructor(what = "resource") {
    super(404, "not_found", `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, "conflict", message, details);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "rate_limited", "too many requests, retry later", { retryAfterSeconds });
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}
