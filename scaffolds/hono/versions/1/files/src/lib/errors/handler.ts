// One place turns every error into the API's error shape. The full error goes to the
// log with the request's trace id; the client gets a code and a generic message.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { AppEnv } from "../../app-env.js";
import type { ErrorCode } from "../../schemas/errors.js";
import { AppError, RateLimitedError, ValidationError, errorBody, type ErrorStatus } from "./app-error.js";

const statusCodes: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  429: "rate_limited",
};

export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) {
    if (err instanceof RateLimitedError) c.header("Retry-After", String(err.retryAfterSeconds));
    if (err.status >= 500) c.var.logger.error({ err }, "request failed");
    return c.json(err.toBody(), err.status);
  }
  // Hono's own client errors (malformed JSON, body too large): the status is
  // meaningful, the text is replaced by a fixed one per code.
  if (err instanceof HTTPException && err.status < 500) {
    const code = statusCodes[err.status] ?? "bad_request";
    const status = (statusCodes[err.status] ? err.status : 400) as ErrorStatus;
    return c.json(errorBody(code, code.replaceAll("_", " ")), status);
  }
  c.var.logger.error({ err }, "unhandled error");
  return c.json(errorBody("internal", "internal server error"), 500);
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody("not_found", `no route for ${c.req.method} ${c.req.path}`), 404);

// zod-openapi calls this after validating a request part: a failure becomes the same
// error shape as everything else, with one entry per problem in `details`.
export function validationHook(
  result: { success: true } | { success: false; error: ZodError },
  _c: Context<AppEnv>,
): void {
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  }
}
