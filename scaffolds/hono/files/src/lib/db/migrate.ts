// `npm run db:migrate`: applies pending migrations to DATABASE_URL, then exits.
// Run it once per deploy, before the new version starts serving.
import { apiEnvSchema, loadEnv } from "../env.js";
import { createLogger } from "../logger.js";
import { runMigrations } from "./migrations.js";

const env = loadEnv(apiEnvSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true }));
const logger = createLogger(env.LOG_LEVEL, "migrate");

try {
  await runMigrations(env.DATABASE_URL);
  logger.info("migrations applied");
} catch (err) {
  logger.fatal({ err }, "migrations failed");
  process.exitCode = 1;
}
