// API process: read the environment, open resources, serve, and shut down gracefully.
// Background jobs run in another process (src/worker.ts), deployed on their own.
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { openResources } from "./deps.js";
import { apiEnvSchema, loadEnv } from "./lib/env.js";
import { createLogger } from "./lib/logger.js";

const env = loadEnv(apiEnvSchema);
const logger = createLogger(env.LOG_LEVEL);
const resources = openResources(env, logger);
const app = createApp(resources);

const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
  logger.info({ port: info.port }, "listening");
}) as Server;

let stopping = false;

// SIGTERM (deploys, scale-down) and SIGINT (Ctrl-C): stop accepting connections, let
// requests in flight finish, close idle keep-alive connections, then close the pools.
// Whatever is still running at the deadline is cut off.
function shutdown(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const deadline = setTimeout(() => {
    logger.error({ timeout_ms: env.SHUTDOWN_TIMEOUT_MS }, "requests still running at the deadline, closing them");
    server.closeAllConnections();
  }, env.SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  // Connections that finish their last request while we wait are closed as they go idle.
  const reaper = setInterval(() => server.closeIdleConnections(), 250);
  server.close(async (err) => {
    clearInterval(reaper);
    clearTimeout(deadline);
    if (err) logger.error({ err }, "closing the server failed");
    try {
      await resources.close();
      logger.info("shut down");
      process.exit(0);
    } catch (closeErr) {
      logger.error({ err: closeErr }, "closing resources failed");
      process.exit(1);
    }
  });
  server.closeIdleConnections();
}

process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
