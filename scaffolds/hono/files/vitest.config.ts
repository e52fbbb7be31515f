// Two projects: `unit` needs nothing running; `integration` runs against a real
// PostgreSQL and Redis (testcontainers, or DATABASE_URL and REDIS_URL).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/contract/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          // The files share one database and one Redis.
          fileParallelism: false,
          testTimeout: 20_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
