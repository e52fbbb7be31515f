import type { ContentfulStatusCode } from 'hono/utils/http-status';

// Every error code a client can see. Documented in the API reference.
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'internal';

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: unknown };
};

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(what: string): AppError {
    return new AppError(404, 'not_found', `${what} not found`);
  }

  static conflict(message: string, details?: unknown): AppError {
    return new AppError(409, 'conflict', message, details);
  }

  static unauthorized(message = 'A valid bearer token is required'): AppError {
    return new AppError(401, 'unauthorized', message);
  }

  static forbidden(message = 'Not allowed'): AppError {
    return new AppError(403, 'forbidden', message);
  }
}
