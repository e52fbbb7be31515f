import { z } from "@hono/zod-openapi";

export const CheckStatusSchema = z.enum(["ok", "down"]);

export const HealthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    checks: z
      .object({
{{#db_postgres}}        db: CheckStatusSchema,
{{/db_postgres}}        redis: CheckStatusSchema,
      })
      .strict(),
  })
  .strict()
  .openapi("Health");

export type Health = z.infer<typeof HealthSchema>;
export type CheckStatus = z.infer<typeof CheckStatusSchema>;
