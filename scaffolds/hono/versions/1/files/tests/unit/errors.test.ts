// Every error leaves the service in one shape, and nothing internal goes with it.
import { Writable } from "node:stream";
import { pino } from "pino";
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env.js";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from "../../src/lib/errors/app-error.js";
import { handleError, handleNotFound } from "../../src/lib/errors/handler.js";
import { requestLog } from "../../src/middleware/request-log.js";
import { ERROR_CODES, ErrorBodySchema } from "../../src/schemas/errors.js";

function appThrowing(error: unknown) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestLog(pino({ level: "info" }, sink)));
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.get("/boom", () => {
    throw error;
  });
  return { app, lines };
}

describe("error responses", () => {
  const cases = [
    [new ValidationError([{ path: "name", message: "Required" }]), 400, "validation_failed"],
    [new UnauthorizedError(), 401, "unauthorized"],
    [new ForbiddenError("items:write"), 403, "forbidden"],
    [new NotFoundError("item"), 404, "not_found"],
    [new ConflictError("already exists"), 409, "conflict"],
    [new RateLimitedError(7), 429, "rate_limited"],
  ] as const;

  it.each(cases)("%s answers its status and code", async (error, status, code) => {
    const res = await appThrowing(error).app.request("/boom");
    expect(res.status).toBe(status);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error.code).toBe(code);
    expect(body.error.message).toBe(error.message);
  });

  it("sets Retry-After on rate_limited", async () => {
    const res = await appThrowing(new RateLimitedError(7)).app.request("/boom");
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("hides unexpected errors from the client and logs them in full", async () => {
    const { app, lines } = appThrowing(new Error("connection to db-internal:5432 refused"));
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("db-internal");
    expect(text).not.toContain("at ");
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "internal server error" } });
    const logged = lines.find((line) => line.msg === "unhandled error") as { err: { message: string }; trace_id: string };
    expect(logged.err.message).toContain("db-internal");
    expect(logged.trace_id).toMatch(/^[\da-f]{32}$/);
  });

  it("answers unknown routes with not_found", async () => {
    const res = await appThrowing(null).app.request("/nowhere");
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("not_found");
  });

  it("documents every code in docs/errors.md", async () => {
    const { readFile } = await import("node:fs/promises");
    const doc = await readFile(new URL("../../docs/errors.md", import.meta.url), "utf8");
    for (const code of ERROR_CODES) expect(doc).toContain(`\`${code}\``);
  });
});

describe("request log", () => {
  it("writes one line per request with the fields the playbook asks for", async () => {
    const { app, lines } = appThrowing(new NotFoundError());
    await app.request("/boom", { headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } });
    const line = lines.find((l) => l.msg === "request");
    expect(line).toMatchObject({
      method: "GET",
      path: "/boom",
      status: 404,
      trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
      user_id: null,
    });
    expect(typeof line?.duration_ms).toBe("number");
  });

  it("takes x-request-id when there is no traceparent", async () => {
    const { app, lines } = appThrowing(new NotFoundError());
    const res = await app.request("/boom", { headers: { "x-request-id": "req-42" } });
    expect(res.headers.get("x-request-id")).toBe("req-42");
    expect(lines.find((l) => l.msg === "request")?.trace_id).toBe("req-42");
  });
});
