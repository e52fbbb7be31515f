// Starts PostgreSQL and Redis for the integration tests: containers when a Docker
// engine is reachable, else the servers named by DATABASE_URL and REDIS_URL. With
// neither, the run fails and says what to set: these tests are never skipped.
{{#db_postgres}}import { PostgreSqlContainer } from "@testcontainers/postgresql";
{{/db_postgres}}import { RedisContainer } from "@testcontainers/redis";
import { getContainerRuntimeClient } from "testcontainers";
import type { TestProject } from "vitest/node";{{#db_postgres}}
import { runMigrations } from "../../src/lib/db/migrations.js";{{/db_postgres}}

declare module "vitest" {
  export interface ProvidedContext {
{{#db_postgres}}    databaseUrl: string;
{{/db_postgres}}    redisUrl: string;
  }
}

async function dockerAvailable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

interface Servers {
{{#db_postgres}}  databaseUrl: string;
{{/db_postgres}}  redisUrl: string;
  stop(): Promise<void>;
}

async function startContainers(): Promise<Servers> {
  const [
{{#db_postgres}}    postgres,
{{/db_postgres}}    redis,
  ] = await Promise.all([
{{#db_postgres}}    new PostgreSqlContainer("postgres:17-alpine").start(),
{{/db_postgres}}    new RedisContainer("redis:7-alpine").start(),
  ]);
  return {
{{#db_postgres}}    databaseUrl: postgres.getConnectionUri(),
{{/db_postgres}}    redisUrl: redis.getConnectionUrl(),
    stop: async () => {
      await Promise.all([
{{#db_postgres}}        postgres.stop(),
{{/db_postgres}}        redis.stop(),
      ]);
    },
  };
}

function givenServers(): Servers {
{{#db_postgres}}  const databaseUrl = process.env.DATABASE_URL;
{{/db_postgres}}  const redisUrl = process.env.REDIS_URL;
{{#db_postgres}}  if (!databaseUrl || !redisUrl) {
{{/db_postgres}}{{^db_postgres}}  if (!redisUrl) {
{{/db_postgres}}    throw new Error(
      "The integration tests need a real " +
{{#db_postgres}}        "PostgreSQL and Redis. No Docker engine was found for testcontainers: start Docker, " +
        "or set DATABASE_URL (postgres://user:password@host:5432/db, a database the tests may write to) " +
        "and REDIS_URL (redis://host:6379).",
{{/db_postgres}}{{^db_postgres}}        "Redis. No Docker engine was found for testcontainers: start Docker, or set REDIS_URL (redis://host:6379).",
{{/db_postgres}}    );
  }
{{#db_postgres}}  return { databaseUrl, redisUrl, stop: async () => {} };
{{/db_postgres}}{{^db_postgres}}  return { redisUrl, stop: async () => {} };
{{/db_postgres}}}

export default async function setup(project: TestProject) {
  const servers = (await dockerAvailable()) ? await startContainers() : givenServers();
{{#db_postgres}}  await runMigrations(servers.databaseUrl);
  project.provide("databaseUrl", servers.databaseUrl);
{{/db_postgres}}  project.provide("redisUrl", servers.redisUrl);
  return () => servers.stop();
}
