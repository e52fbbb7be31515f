// The one error shape of the API: { error: { code, message, details? } }.
// Every code is listed in docs/errors.md.
import { z } from "@hono/zod-openapi";

export const ERROR_CODES = [
  "bad_request",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "internal",
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const ErrorBodySchema = z
  .object({
    error: z
      .object({
        code: ErrorCodeSchema.openapi({ example: "not_found" }),
        message: z.string().openapi({ example: "item not found" }),
        details: z.unknown().optional(),
      })
      .strict(),
  })
  .strict()
  .openapi("Error");

export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
